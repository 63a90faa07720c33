/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.Collections;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.flow.IpMatch.PortMask;
import org.edgeplane.core.flow.IpProtocols;
import org.edgeplane.core.flow.PortRanges;
import org.edgeplane.firewall.intent.RuleMatch;

/**
 * A rule's match fields resolved for one switch: protocol number, port masks, ICMP, and the remote side. A rule
 * whose range a switch cannot match resolves to nothing, with the reason.
 *
 * @param ipv6 IPv6 rather than IPv4
 * @param proto IP protocol number, null for any
 * @param dstPorts destination port masks; empty for any port
 * @param srcPorts source port masks; empty for any port
 * @param icmpType ICMP type, null for any
 * @param icmpCode ICMP code, null for any
 * @param remotePrefix the other end's prefix, or null
 * @param remoteGroup the other end's group name (same tenant), or null
 */
record Selector(boolean ipv6, @Nullable Integer proto, List<PortMask> dstPorts, List<PortMask> srcPorts,
        @Nullable Integer icmpType, @Nullable Integer icmpCode, @Nullable String remotePrefix,
        @Nullable String remoteGroup) {
    /** The port alternatives of a rule that matches any port: one null. */
    private static final List<@Nullable PortMask> ANY_PORT = Collections.singletonList(null);
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;

    /** Thrown for a rule a switch cannot match; the message says why. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(final String message) {
            super(message);
        }
    }

    /** The rule's protocol number; null for any (the validator has refused every other text). */
    static @Nullable Integer protocolNumber(final RuleMatch match) {
        return IpProtocols.number(match.protocol(), match.isIpv6()).orElse(null);
    }

    /** The rule as written: destination ports from its range. */
    static Selector of(final RuleMatch match, final boolean maskedPorts) throws Unsupported {
        final Integer proto = protocolNumber(match);
        return new Selector(match.isIpv6(), proto, ports(match, proto, maskedPorts), List.of(), match.icmpType(),
            match.icmpCode(), canonicalPrefix(match.remotePrefix()), match.remoteGroup());
    }

    /**
     * The return traffic of a rule, for stateless switches: a TCP/UDP rule's replies come from its destination
     * ports, an echo request's reply is an echo reply. Null when replies cannot be told from new traffic (a rule
     * without ports, other ICMP types): mirroring those would allow everything back, so return traffic for them
     * needs an explicit rule in the other direction.
     */
    static @Nullable Selector mirrorOf(final RuleMatch match, final boolean maskedPorts) throws Unsupported {
        final Integer proto = protocolNumber(match);
        Integer type = match.icmpType();
        final boolean ported = IpProtocols.hasPorts(proto)
            && match.portMin() != null;
        if (!ported && type == null) {
            return null;
        }
        if (type != null) {
            if (type == ECHO_REQUEST && !match.isIpv6()) {
                type = ECHO_REPLY;
            } else if (type == ECHO_REQUEST_V6 && match.isIpv6()) {
                type = ECHO_REPLY_V6;
            } else {
                return null;
            }
        }
        return new Selector(match.isIpv6(), proto, List.of(), ports(match, proto, maskedPorts), type,
            type == null ? null : match.icmpCode(), canonicalPrefix(match.remotePrefix()), match.remoteGroup());
    }

    /** "10.0.0.5" as "10.0.0.5/32"; the validator has checked the text. */
    private static @Nullable String canonicalPrefix(final @Nullable String prefix) {
        return prefix == null ? null : Addresses.ipPrefix(prefix).map(Addresses.Prefix::text).orElse(prefix);
    }

    private static List<PortMask> ports(final RuleMatch match, final @Nullable Integer proto,
            final boolean maskedPorts) throws Unsupported {
        final Integer min = match.portMin();
        if (min == null || proto == null || proto != IpMatch.TCP && proto != IpMatch.UDP) {
            return List.of();
        }
        final int max = match.effectivePortMax();
        return PortRanges.forSwitch(min, max, maskedPorts).orElseThrow(() -> new Unsupported("port range " + min
            + "-" + max + " spans " + (max - min + 1) + " ports; the of13 profile matches exact ports only, at most "
            + PortRanges.MAX_EXACT_PORTS + " per rule"));
    }

    /** Port alternatives to expand: a list with one null when the rule matches any port. */
    static List<@Nullable PortMask> alternatives(final List<PortMask> ports) {
        return ports.isEmpty() ? ANY_PORT : Collections.unmodifiableList(ports);
    }
}
