/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

/**
 * The header fields the verifier tracks, one 64-bit word each (IP addresses take two). VLAN and MPLS carry a
 * presence bit above their value, so "untagged" is a value like any other. ARP's sender and target protocol
 * addresses share the IP source and destination words, as Open vSwitch's flow key does; ICMP's type and code
 * share the transport ports'.
 */
enum HeaderField {
    ETH_SRC(48),
    ETH_DST(48),
    VLAN(13),
    ETH_TYPE(16),
    IP_SRC_HI(64),
    IP_SRC_LO(64),
    IP_DST_HI(64),
    IP_DST_LO(64),
    ARP_SHA(48),
    ARP_THA(48),
    ARP_OP(16),
    IP_PROTO(8),
    L4_SRC(16),
    L4_DST(16),
    TUNNEL_ID(64),
    TUNNEL_DST(32),
    MPLS(21),
    CT_STATE(8),
    CT_MARK(32);

    /** The presence bit of {@link #VLAN}: set for a tagged frame. */
    static final long VLAN_PRESENT = 1L << 12;
    /** The presence bit of {@link #MPLS}: set for a labelled frame. */
    static final long MPLS_PRESENT = 1L << 20;
    /** The fields of the frame itself: what an endpoint chooses when it sends. */
    static final int FRAME_FIELDS = CT_STATE.ordinal();
    static final int COUNT = values().length;

    private final long fullMask;

    HeaderField(final int bits) {
        fullMask = bits == 64 ? -1L : (1L << bits) - 1;
    }

    long fullMask() {
        return fullMask;
    }
}
