/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.StringJoiner;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The IP and transport part of a match: what firewall rules select on. The ethertype of the enclosing
 * {@link FlowMatch} says whether addresses and ICMP fields are IPv4 or IPv6.
 *
 * @param ipProto IP protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6), or null for any
 * @param ipv4Dst destination IPv4 prefix
 * @param ipv6Dst destination IPv6 prefix
 * @param srcPort TCP/UDP source port, possibly masked
 * @param dstPort TCP/UDP destination port, possibly masked
 * @param icmpType ICMP or ICMPv6 type
 * @param icmpCode ICMP or ICMPv6 code
 */
public record IpMatch(@Nullable Integer ipProto, @Nullable String ipv4Dst, @Nullable String ipv6Dst,
        @Nullable PortMask srcPort, @Nullable PortMask dstPort, @Nullable Integer icmpType,
        @Nullable Integer icmpCode) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    public static final IpMatch ANY = new IpMatch(null, null, null, null, null, null, null);

    public IpMatch {
        if ((srcPort != null || dstPort != null) && (ipProto == null || ipProto != TCP && ipProto != UDP)) {
            throw new IllegalArgumentException("transport ports need ip_proto tcp or udp");
        }
        if ((icmpType != null || icmpCode != null) && (ipProto == null || ipProto != ICMP && ipProto != ICMPV6)) {
            throw new IllegalArgumentException("icmp type and code need ip_proto icmp or icmpv6");
        }
    }

    /** Whether a switch without vendor extensions can match this: OpenFlow 1.3 ports are never masked. */
    public boolean isStandardOpenflow13() {
        return (srcPort == null || srcPort.isExact()) && (dstPort == null || dstPort.isExact());
    }

    IpMatch withProto(final int proto) {
        return new IpMatch(proto, ipv4Dst, ipv6Dst, srcPort, dstPort, icmpType, icmpCode);
    }

    IpMatch withDst(final @Nullable String v4, final @Nullable String v6) {
        return new IpMatch(ipProto, v4, v6, srcPort, dstPort, icmpType, icmpCode);
    }

    IpMatch withPorts(final @Nullable PortMask src, final @Nullable PortMask dst) {
        return new IpMatch(ipProto, ipv4Dst, ipv6Dst, src, dst, icmpType, icmpCode);
    }

    IpMatch withIcmp(final @Nullable Integer type, final @Nullable Integer code) {
        return new IpMatch(ipProto, ipv4Dst, ipv6Dst, srcPort, dstPort, type, code);
    }

    void describe(final StringJoiner text) {
        if (ipProto != null) {
            text.add("ip_proto=" + ipProto);
        }
        if (ipv4Dst != null) {
            text.add("ipv4_dst=" + ipv4Dst);
        }
        if (ipv6Dst != null) {
            text.add("ipv6_dst=" + ipv6Dst);
        }
        if (srcPort != null) {
            text.add("tp_src=" + srcPort);
        }
        if (dstPort != null) {
            text.add("tp_dst=" + dstPort);
        }
        if (icmpType != null) {
            text.add("icmp_type=" + icmpType);
        }
        if (icmpCode != null) {
            text.add("icmp_code=" + icmpCode);
        }
    }

    /**
     * A TCP/UDP port with a bit mask, as OVS matches it; one element of a range's prefix decomposition.
     *
     * @param value the port, with the bits outside the mask zero
     * @param mask 0xffff for one port
     */
    public record PortMask(int value, int mask) {
        public static final int EXACT = 0xFFFF;

        public PortMask {
            if (value < 0 || value > EXACT || mask < 0 || mask > EXACT || (value & ~mask) != 0) {
                throw new IllegalArgumentException("bad port/mask " + value + "/" + mask);
            }
        }

        public static PortMask exact(final int port) {
            return new PortMask(port, EXACT);
        }

        public boolean isExact() {
            return mask == EXACT;
        }

        public boolean matches(final int port) {
            return (port & mask) == value;
        }

        @Override
        public String toString() {
            return isExact() ? Integer.toString(value) : String.format("0x%x/0x%x", value, mask);
        }
    }
}
