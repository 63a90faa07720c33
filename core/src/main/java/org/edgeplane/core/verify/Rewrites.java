/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;

/**
 * What a header-rewriting action does to a packet set: a set-field writes a constant, a move makes one field hold
 * what another held, a push or pop writes the tag's or label's presence. One tag and one label are modelled: the
 * pipeline never pushes onto a tagged frame (CLASSIFY admits endpoints' frames untagged only).
 */
final class Rewrites {
    private Rewrites() {
    }

    static SymbolicPacket apply(final Action action, final SymbolicPacket packet) {
        if (action instanceof Action.SetEthSrc set) {
            return packet.written(HeaderField.ETH_SRC, MatchCube.mac(set.mac()));
        } else if (action instanceof Action.SetEthDst set) {
            return packet.written(HeaderField.ETH_DST, MatchCube.mac(set.mac()));
        } else if (action instanceof Action.PushVlan) {
            return packet.written(HeaderField.VLAN, HeaderField.VLAN_PRESENT);
        } else if (action instanceof Action.SetVlanId set) {
            return packet.written(HeaderField.VLAN, HeaderField.VLAN_PRESENT | set.vlanId());
        } else if (action instanceof Action.PopVlan) {
            return packet.written(HeaderField.VLAN, 0);
        } else if (action instanceof Action.PushMpls) {
            return packet.written(HeaderField.MPLS, HeaderField.MPLS_PRESENT)
                .written(HeaderField.ETH_TYPE, FlowMatch.ETH_MPLS);
        } else if (action instanceof Action.SetMplsLabel set) {
            return packet.written(HeaderField.MPLS, HeaderField.MPLS_PRESENT | set.label());
        } else if (action instanceof Action.PopMpls pop) {
            return packet.written(HeaderField.MPLS, 0).written(HeaderField.ETH_TYPE, pop.ethType());
        } else if (action instanceof Action.SetArpOp set) {
            return packet.written(HeaderField.ARP_OP, set.op());
        } else if (action instanceof Action.SetArpSha set) {
            return packet.written(HeaderField.ARP_SHA, MatchCube.mac(set.mac()));
        } else if (action instanceof Action.SetArpSpa set) {
            return packet.written(HeaderField.IP_SRC_LO, Topology.ipv4Bits(set.ipv4()))
                .written(HeaderField.IP_SRC_HI, 0);
        } else if (action instanceof Action.SetTunnelId set) {
            return packet.written(HeaderField.TUNNEL_ID, set.tunnelId());
        } else if (action instanceof Action.SetTunnelIpv4Dst set) {
            return packet.written(HeaderField.TUNNEL_DST, Topology.ipv4Bits(set.ipv4()));
        } else if (action instanceof Action.Move move) {
            return packet.copied(field(move.from()), field(move.to()));
        } else if (action instanceof Action.Conntrack) {
            // A commit without recirculation changes nothing the pipeline matches later.
            return packet;
        }
        throw new IllegalArgumentException("the verifier does not model " + action);
    }

    private static HeaderField field(final Action.Field field) {
        return switch (field) {
            case ETH_SRC -> HeaderField.ETH_SRC;
            case ETH_DST -> HeaderField.ETH_DST;
            case ARP_SHA -> HeaderField.ARP_SHA;
            case ARP_THA -> HeaderField.ARP_THA;
            case ARP_SPA -> HeaderField.IP_SRC_LO;
            case ARP_TPA -> HeaderField.IP_DST_LO;
        };
    }
}
