/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import java.util.StringJoiner;
import org.edgeplane.core.flow.FlowMatch;

/**
 * A frame arriving on a port in Open vSwitch's flow syntax, so that an operator can ask the switch itself
 * ({@code ovs-appctl ofproto/trace <bridge> '<flow>'}) what it does with the frame the trace followed.
 */
public final class OvsMicroflow {
    private OvsMicroflow() {
    }

    public static String of(final long inPort, final Frame frame) {
        final var flow = new StringJoiner(",");
        flow.add("in_port=" + inPort);
        if (frame.tunnelId() != null) {
            flow.add("tun_id=0x" + Long.toHexString(frame.tunnelId()));
        }
        flow.add("dl_src=" + frame.ethSrc()).add("dl_dst=" + frame.ethDst());
        if (frame.vlan() != null) {
            flow.add("dl_vlan=" + frame.vlan());
        }
        if (frame.ethType() == FlowMatch.ETH_ARP) {
            flow.add("arp").add("arp_op=" + frame.arpOp()).add("arp_spa=" + frame.ipSrc())
                .add("arp_tpa=" + frame.ipDst()).add("arp_sha=" + frame.arpSha()).add("arp_tha=" + frame.arpTha());
            return flow.toString();
        }
        final boolean v6 = frame.ethType() == FlowMatch.ETH_IPV6;
        if (frame.ipSrc() == null || frame.ethType() != FlowMatch.ETH_IPV4 && !v6) {
            flow.add(String.format("dl_type=0x%04x", frame.ethType()));
            return flow.toString();
        }
        final Frame.L4 l4 = frame.l4();
        // OVS takes transport fields only after a protocol keyword (tcp, udp6, icmp...) that implies their type.
        flow.add(protocol(v6, l4)).add((v6 ? "ipv6_src=" : "nw_src=") + frame.ipSrc())
            .add((v6 ? "ipv6_dst=" : "nw_dst=") + frame.ipDst());
        if (l4 != null) {
            if (l4.proto() == 6 || l4.proto() == 17) {
                final String name = l4.proto() == 6 ? "tcp" : "udp";
                flow.add(name + "_src=" + l4.srcPort()).add(name + "_dst=" + l4.dstPort());
                if (l4.proto() == 6) {
                    flow.add(String.format("tcp_flags=0x%03x", l4.tcpFlags()));
                }
            } else if (l4.proto() == 1 || l4.proto() == 58) {
                flow.add((v6 ? "icmpv6_type=" : "icmp_type=") + l4.icmpType())
                    .add((v6 ? "icmpv6_code=" : "icmp_code=") + l4.icmpCode());
            }
        }
        return flow.toString();
    }

    private static String protocol(final boolean v6, final Frame.L4 l4) {
        final String family = v6 ? "6" : "";
        if (l4 == null) {
            return v6 ? "ipv6" : "ip";
        }
        return switch (l4.proto()) {
            case 6 -> "tcp" + family;
            case 17 -> "udp" + family;
            case 1, 58 -> "icmp" + family;
            default -> (v6 ? "ipv6" : "ip") + ",nw_proto=" + l4.proto();
        };
    }
}
