/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

import org.edgeplane.core.endpoint.SegmentationType;

/**
 * The layout of the 64-bit OpenFlow metadata register, shared by every app.
 * <pre>
 *  bits  0..15  egress port: the OpenFlow port L2_FORWARD chose (0 = none yet)
 *  bits 16..47  network key: (segmentation type code &lt;&lt; 24) | segmentation id
 *  bit  48      from-uplink: the frame arrived from the fabric, so it must not go back to it
 *  bit  49      the frame was sent by an isolated port
 *  bits 50..51  free (service insertion)
 *  bits 52..63  firewall remote-group tags
 * </pre>
 * CLASSIFY writes all of these bits, so nothing a previous packet left behind survives.
 */
public final class Metadata {
    public static final long EGRESS_MASK = 0xFFFFL;
    public static final long NETWORK_MASK = 0xFFFF_FFFFL << 16;
    public static final long FROM_UPLINK = 1L << 48;
    /** The frame was sent by an isolated port (private-VLAN semantics). */
    public static final long SRC_ISOLATED = 1L << 49;
    /**
     * Bits 52..63: the firewall's remote-group tags, one bit per security group a switch's rules reference, set by
     * its address-classification tables and read by its rule tables within one stage.
     */
    public static final long REMOTE_GROUPS_MASK = 0xFFFL << 52;
    public static final int REMOTE_GROUP_BITS = 12;
    /** Every bit CLASSIFY owns (and therefore clears). */
    public static final long CLASSIFY_MASK = EGRESS_MASK | NETWORK_MASK | FROM_UPLINK | SRC_ISOLATED
        | REMOTE_GROUPS_MASK;

    private Metadata() {
    }

    /** The network bits for a network. */
    public static long network(final SegmentationType type, final long segmentationId) {
        final long typeCode = type.ordinal() + 1;
        return ((typeCode << 24) | segmentationId) << 16;
    }

    /** The tag bit of the i-th remote group (0-based) a switch's firewall rules reference. */
    public static long remoteGroup(final int index) {
        if (index < 0 || index >= REMOTE_GROUP_BITS) {
            throw new IllegalArgumentException("remote group tag " + index + " out of range");
        }
        return Long.lowestOneBit(REMOTE_GROUPS_MASK) << index;
    }

    /** The egress bits for an OpenFlow port number. */
    public static long egress(final long portNumber) {
        if (portNumber <= 0 || portNumber > EGRESS_MASK) {
            throw new IllegalArgumentException("port " + portNumber + " does not fit the egress field");
        }
        return portNumber;
    }
}
