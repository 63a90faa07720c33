/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.pipeline.Table;

/**
 * An apply-action. Everything is standard OpenFlow 1.3 unless {@link #isStandardOpenflow13()} says otherwise;
 * the compiler emits the others only for switches of the ovs profile.
 */
public sealed interface Action {

    /** Whether an OpenFlow 1.3 switch without vendor extensions can execute this action. */
    default boolean isStandardOpenflow13() {
        return true;
    }

    /** Send the frame, as it is now, out of a port. The switch never sends it back out of its in_port. */
    record Output(long port) implements Action {
        @Override
        public String toString() {
            return "output:" + port;
        }
    }

    /** Send the frame back out of the port it came in on (OFPP_IN_PORT). */
    record OutputInPort() implements Action {
        @Override
        public String toString() {
            return "output:in_port";
        }
    }

    /** Push an 802.1Q header (TPID 0x8100). */
    record PushVlan() implements Action {
        @Override
        public String toString() {
            return "push_vlan";
        }
    }

    /** Set the VLAN id of the outermost tag. */
    record SetVlanId(int vlanId) implements Action {
        @Override
        public String toString() {
            return "set_vlan_vid:" + vlanId;
        }
    }

    /** Remove the outermost 802.1Q header. */
    record PopVlan() implements Action {
        @Override
        public String toString() {
            return "pop_vlan";
        }
    }

    /** Set the Ethernet source (set-field). */
    record SetEthSrc(String mac) implements Action {
        @Override
        public String toString() {
            return "set_eth_src:" + mac;
        }
    }

    /** Set the Ethernet destination (set-field). */
    record SetEthDst(String mac) implements Action {
        @Override
        public String toString() {
            return "set_eth_dst:" + mac;
        }
    }

    /** Push an MPLS header (ethertype 0x8847) with label 0; {@link SetMplsLabel} gives it its label. */
    record PushMpls() implements Action {
        @Override
        public String toString() {
            return "push_mpls";
        }
    }

    /** Set the label of the outermost MPLS header (set-field, 20 bits). */
    record SetMplsLabel(int label) implements Action {
        public SetMplsLabel {
            if (label < 16 || label > 0xFFFFF) {
                throw new IllegalArgumentException("MPLS label " + label + " is reserved or not 20 bits");
            }
        }

        @Override
        public String toString() {
            return "set_mpls_label:" + label;
        }
    }

    /** Remove the outermost MPLS header; the payload is of this ethertype. */
    record PopMpls(int ethType) implements Action {
        @Override
        public String toString() {
            return String.format("pop_mpls:0x%04x", ethType);
        }
    }

    /** Process the frame through a group of the same switch. */
    record Group(long groupId) implements Action {
        @Override
        public String toString() {
            return "group:" + groupId;
        }
    }

    /** Set the ARP opcode (set-field): 1 request, 2 reply. */
    record SetArpOp(int op) implements Action {
        @Override
        public String toString() {
            return "set_arp_op:" + op;
        }
    }

    /** Set the ARP sender hardware address (set-field). */
    record SetArpSha(String mac) implements Action {
        @Override
        public String toString() {
            return "set_arp_sha:" + mac;
        }
    }

    /** Set the ARP sender protocol address (set-field). */
    record SetArpSpa(String ipv4) implements Action {
        @Override
        public String toString() {
            return "set_arp_spa:" + ipv4;
        }
    }

    /** Set the tunnel id (set-field tunnel_id): the VNI of a VXLAN frame. */
    record SetTunnelId(long tunnelId) implements Action {
        @Override
        public String toString() {
            return "set_tunnel_id:" + tunnelId;
        }
    }

    /** Set the tunnel's remote endpoint for a flow-based tunnel port (Nicira reg-load to tun_ipv4_dst). */
    record SetTunnelIpv4Dst(String ipv4) implements Action {
        @Override
        public boolean isStandardOpenflow13() {
            return false;
        }

        @Override
        public String toString() {
            return "nx_load_tun_dst:" + ipv4;
        }
    }

    /** Copy one header field into another of the same width (Nicira reg-move). */
    record Move(Field from, Field to) implements Action {
        public Move {
            if (from.bits != to.bits) {
                throw new IllegalArgumentException("cannot move " + from + " into " + to);
            }
        }

        @Override
        public boolean isStandardOpenflow13() {
            return false;
        }

        @Override
        public String toString() {
            return "nx_move:" + from + "->" + to;
        }
    }

    /**
     * Send the frame through connection tracking in a zone (Nicira ct). With {@code recirculateTo}, the frame
     * continues in that table with its ct_state known; with {@code commit}, its connection is stored, and
     * {@code mark} (when set) becomes the connection's ct_mark.
     */
    record Conntrack(int zone, boolean commit, @Nullable Table recirculateTo, @Nullable Long mark)
            implements Action {
        public Conntrack {
            if (zone < 0 || zone > 0xFFFF) {
                throw new IllegalArgumentException("conntrack zone " + zone + " is not 16 bits");
            }
            if (mark != null && !commit) {
                throw new IllegalArgumentException("ct_mark is set only when committing");
            }
        }

        @Override
        public boolean isStandardOpenflow13() {
            return false;
        }

        @Override
        public String toString() {
            return "ct(" + (commit ? "commit," : "") + "zone=" + zone
                + (recirculateTo == null ? "" : ",table=" + recirculateTo)
                + (mark == null ? "" : ",exec(set_mark:" + mark + ")") + ")";
        }
    }

    /** Header fields a {@link Move} can copy. */
    enum Field {
        ETH_SRC(48),
        ETH_DST(48),
        ARP_SHA(48),
        ARP_THA(48),
        ARP_SPA(32),
        ARP_TPA(32);

        private final int bits;

        Field(final int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
