/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.intent;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What a rule selects, as orchestration wrote it; the validator checks it and the compiler only sees rules that
 * passed. Shared by security-group rules and policy rules.
 *
 * @param direction {@code ingress} (to the port) or {@code egress} (from it)
 * @param ethertype {@code ipv4} or {@code ipv6}
 * @param protocol tcp, udp, icmp, icmpv6, a number, or null for any
 * @param portMin lowest destination port (tcp/udp)
 * @param portMax highest destination port (tcp/udp); portMin alone means one port
 * @param icmpType ICMP type
 * @param icmpCode ICMP code
 * @param remotePrefix the other end's prefix
 * @param remoteGroup the other end's security group (same tenant)
 */
public record RuleMatch(@Nullable String direction, String ethertype, @Nullable String protocol,
        @Nullable Integer portMin, @Nullable Integer portMax, @Nullable Integer icmpType,
        @Nullable Integer icmpCode, @Nullable String remotePrefix, @Nullable String remoteGroup) {
    public static final String INGRESS = "ingress";
    public static final String EGRESS = "egress";
    public static final String IPV4 = "ipv4";
    public static final String IPV6 = "ipv6";

    /** A rule of any protocol from or to anywhere. */
    public static RuleMatch any(final String direction, final String ethertype) {
        return new RuleMatch(direction, ethertype, null, null, null, null, null, null, null);
    }

    public RuleMatch withProtocol(final String newProtocol) {
        return new RuleMatch(direction, ethertype, newProtocol, portMin, portMax, icmpType, icmpCode, remotePrefix,
            remoteGroup);
    }

    public RuleMatch withPorts(final Integer min, final Integer max) {
        return new RuleMatch(direction, ethertype, protocol, min, max, icmpType, icmpCode, remotePrefix,
            remoteGroup);
    }

    public RuleMatch withIcmp(final Integer type, final Integer code) {
        return new RuleMatch(direction, ethertype, protocol, portMin, portMax, type, code, remotePrefix,
            remoteGroup);
    }

    public RuleMatch withRemotePrefix(final String prefix) {
        return new RuleMatch(direction, ethertype, protocol, portMin, portMax, icmpType, icmpCode, prefix, null);
    }

    public RuleMatch withRemoteGroup(final String group) {
        return new RuleMatch(direction, ethertype, protocol, portMin, portMax, icmpType, icmpCode, null, group);
    }

    public boolean isIpv6() {
        return IPV6.equals(ethertype);
    }

    /** The highest destination port: portMax, or portMin alone. */
    public @Nullable Integer effectivePortMax() {
        return portMax != null ? portMax : portMin;
    }
}
