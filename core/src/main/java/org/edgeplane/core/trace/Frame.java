/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowMatch;

/**
 * A frame as a switch pipeline sees it (the packet trace, and the tests' flow-table model). For ARP, ipSrc/ipDst
 * are the sender/target protocol addresses and arpSha/arpTha the hardware ones. Tunnel id and destination are the
 * switch's tunnel metadata while the frame is inside a switch or a tunnel.
 */
public record Frame(String ethSrc, String ethDst, @Nullable Integer vlan, int ethType, @Nullable String ipSrc,
        @Nullable String ipDst, @Nullable String arpSha, @Nullable Integer arpOp, @Nullable String arpTha,
        @Nullable Long tunnelId, @Nullable String tunnelDst, @Nullable L4 l4, @Nullable Integer mplsLabel) {

    public static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    /**
     * The transport header: protocol, ports (TCP/UDP) or type and code (ICMP), and TCP's flags (the low 12 bits of
     * the header's flags field, as OpenFlow's tcp_flags; 0 for other protocols).
     */
    public record L4(int proto, int srcPort, int dstPort, int icmpType, int icmpCode, int tcpFlags) {
        public L4(final int proto, final int srcPort, final int dstPort, final int icmpType, final int icmpCode) {
            this(proto, srcPort, dstPort, icmpType, icmpCode, 0);
        }
    }

    public Frame(final String ethSrc, final String ethDst, final @Nullable Integer vlan, final int ethType,
            final @Nullable String ipSrc, final @Nullable String ipDst, final @Nullable String arpSha,
            final @Nullable Integer arpOp, final @Nullable String arpTha, final @Nullable Long tunnelId,
            final @Nullable String tunnelDst) {
        this(ethSrc, ethDst, vlan, ethType, ipSrc, ipDst, arpSha, arpOp, arpTha, tunnelId, tunnelDst, null, null);
    }

    /** A TCP (proto 6) or UDP (17) segment between two IP addresses (IPv6 when they contain a colon). */
    public static Frame transport(final int proto, final String srcMac, final String dstMac, final String srcIp,
            final String dstIp, final int srcPort, final int dstPort) {
        return new Frame(srcMac, dstMac, null, srcIp.contains(":") ? FlowMatch.ETH_IPV6 : FlowMatch.ETH_IPV4, srcIp,
            dstIp, null, null, null, null, null, new L4(proto, srcPort, dstPort, 0, 0), null);
    }

    /** An ICMP (or, between IPv6 addresses, ICMPv6) message. */
    public static Frame icmp(final String srcMac, final String dstMac, final String srcIp, final String dstIp,
            final int type, final int code) {
        final boolean v6 = srcIp.contains(":");
        return new Frame(srcMac, dstMac, null, v6 ? FlowMatch.ETH_IPV6 : FlowMatch.ETH_IPV4, srcIp, dstIp, null,
            null, null, null, null, new L4(v6 ? 58 : 1, 0, 0, type, code), null);
    }

    /** The same frame sent back: addresses and ports swapped (an echo request becomes its reply). */
    public Frame reversed() {
        L4 back = null;
        if (l4 != null) {
            int type = l4.icmpType();
            if (l4.proto() == 1 && type == 8) {
                type = 0;
            } else if (l4.proto() == 58 && type == 128) {
                type = 129;
            }
            back = new L4(l4.proto(), l4.dstPort(), l4.srcPort(), type, l4.icmpCode(), l4.tcpFlags());
        }
        return new Frame(ethDst, ethSrc, vlan, ethType, ipDst, ipSrc, arpSha, arpOp, arpTha, tunnelId, tunnelDst,
            back, mplsLabel);
    }

    public static Frame ipv4(final String srcMac, final String dstMac, final String srcIp, final String dstIp) {
        return new Frame(srcMac, dstMac, null, FlowMatch.ETH_IPV4, srcIp, dstIp, null, null, null, null, null);
    }

    public static Frame ipv6(final String srcMac, final String dstMac, final String srcIp, final String dstIp) {
        return new Frame(srcMac, dstMac, null, FlowMatch.ETH_IPV6, srcIp, dstIp, null, null, null, null, null);
    }

    /** An ARP request: broadcast, sender fields from the host. */
    public static Frame arpRequest(final String srcMac, final String srcIp, final String targetIp) {
        return new Frame(srcMac, BROADCAST, null, FlowMatch.ETH_ARP, srcIp, targetIp, srcMac,
            FlowMatch.ARP_REQUEST, "00:00:00:00:00:00", null, null);
    }

    /** An ARP reply (or, to the broadcast address, a gratuitous ARP) claiming srcIp for srcMac. */
    public static Frame arpReply(final String srcMac, final String dstMac, final String srcIp, final String dstIp) {
        return new Frame(srcMac, dstMac, null, FlowMatch.ETH_ARP, srcIp, dstIp, srcMac, FlowMatch.ARP_REPLY,
            dstMac, null, null);
    }

    public Frame withVlan(final @Nullable Integer newVlan) {
        return new Frame(ethSrc, ethDst, newVlan, ethType, ipSrc, ipDst, arpSha, arpOp, arpTha, tunnelId, tunnelDst,
            l4, mplsLabel);
    }

    public Frame withEth(final String src, final String dst) {
        return new Frame(src, dst, vlan, ethType, ipSrc, ipDst, arpSha, arpOp, arpTha, tunnelId, tunnelDst, l4,
            mplsLabel);
    }

    public Frame withArp(final int op, final String sha, final String spa, final String tha, final String tpa) {
        return new Frame(ethSrc, ethDst, vlan, ethType, spa, tpa, sha, op, tha, tunnelId, tunnelDst, l4,
            mplsLabel);
    }

    /** With an MPLS header pushed (label 0 until set) or, for a null label, popped to the given ethertype. */
    public Frame withMpls(final @Nullable Integer label, final int newEthType) {
        return new Frame(ethSrc, ethDst, vlan, newEthType, ipSrc, ipDst, arpSha, arpOp, arpTha, tunnelId, tunnelDst,
            l4, label);
    }

    /** The same IP packet with this transport header. */
    public Frame withL4(final L4 newL4) {
        return new Frame(ethSrc, ethDst, vlan, ethType, ipSrc, ipDst, arpSha, arpOp, arpTha, tunnelId, tunnelDst,
            newL4, mplsLabel);
    }

    public Frame withTunnel(final @Nullable Long id, final @Nullable String dst) {
        return new Frame(ethSrc, ethDst, vlan, ethType, ipSrc, ipDst, arpSha, arpOp, arpTha, id, dst, l4,
            mplsLabel);
    }
}
