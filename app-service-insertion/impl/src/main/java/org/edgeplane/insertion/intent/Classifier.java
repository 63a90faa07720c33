/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Which packets a chain takes: those sent from the logical source port that match every field given (an absent
 * field matches anything).
 *
 * @param ethertype "ipv4" or "ipv6"
 * @param protocol tcp, udp, icmp, icmpv6 or an IP protocol number; null for any
 */
public record Classifier(String name, String ethertype, @Nullable String protocol, @Nullable String sourcePrefix,
        @Nullable String destinationPrefix, @Nullable PortRange sourcePorts, @Nullable PortRange destinationPorts,
        @Nullable String logicalSourcePort, @Nullable String logicalDestinationPort) {
    public static final String IPV4 = "ipv4";
    public static final String IPV6 = "ipv6";

    public Classifier {
        ethertype = ethertype == null ? IPV4 : ethertype;
    }

    /** A classifier with only the name, ethertype and logical source port set, to build on in tests. */
    public static Classifier from(final String name, final String logicalSourcePort) {
        return new Classifier(name, IPV4, null, null, null, null, null, logicalSourcePort, null);
    }

    public Classifier withProtocol(final String value) {
        return new Classifier(name, ethertype, value, sourcePrefix, destinationPrefix, sourcePorts, destinationPorts,
            logicalSourcePort, logicalDestinationPort);
    }

    public Classifier withPrefixes(final @Nullable String source, final @Nullable String destination) {
        return new Classifier(name, ethertype, protocol, source, destination, sourcePorts, destinationPorts,
            logicalSourcePort, logicalDestinationPort);
    }

    public Classifier withPorts(final @Nullable PortRange source, final @Nullable PortRange destination) {
        return new Classifier(name, ethertype, protocol, sourcePrefix, destinationPrefix, source, destination,
            logicalSourcePort, logicalDestinationPort);
    }

    /** The classifier of the replies: sources and destinations swapped. */
    public Classifier reversed() {
        return new Classifier(name, ethertype, protocol, destinationPrefix, sourcePrefix, destinationPorts,
            sourcePorts, logicalDestinationPort, logicalSourcePort);
    }

    public Classifier withDestinationPort(final String portId) {
        return new Classifier(name, ethertype, protocol, sourcePrefix, destinationPrefix, sourcePorts,
            destinationPorts, logicalSourcePort, portId);
    }

    /**
     * A range of TCP/UDP ports; max null means min only.
     */
    public record PortRange(@Nullable Integer min, @Nullable Integer max) {
        public static PortRange of(final int min, final int max) {
            return new PortRange(min, max);
        }

        public int effectiveMax() {
            return max == null ? min : max;
        }
    }
}
