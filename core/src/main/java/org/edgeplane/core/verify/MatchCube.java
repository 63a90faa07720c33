/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.IpMatch;

/**
 * A flow match as ternary constraints on the header as it is at the lookup, plus the in_port and metadata it
 * requires (both are always known exactly during a walk, so they are compared, not intersected). Prerequisites are
 * explicit: an IPv4 field implies ethertype 0x0800, as OpenFlow requires.
 */
final class MatchCube {
    private static final long IPV4_BITS = 0xFFFF_FFFFL;

    private final @Nullable Long inPort;
    private final long metadata;
    private final long metadataMask;
    private int count;
    private int[] fields = new int[8];
    private long[] values = new long[8];
    private long[] masks = new long[8];

    private MatchCube(final FlowMatch match) {
        inPort = match.inPort();
        metadata = match.metadata() == null ? 0 : match.metadata();
        metadataMask = match.metadataMask() == null ? 0 : match.metadataMask();
    }

    /** The match's constraints; addresses are parsed once here, never during a walk. */
    static MatchCube of(final FlowMatch match) {
        final var cube = new MatchCube(match);
        if (match.ethSrc() != null) {
            cube.exact(HeaderField.ETH_SRC, mac(match.ethSrc()));
        }
        if (match.ethDst() != null) {
            cube.add(HeaderField.ETH_DST, mac(match.ethDst()),
                match.ethDstMask() == null ? HeaderField.ETH_DST.fullMask() : mac(match.ethDstMask()));
        }
        if (match.vlanVid() != null) {
            if (match.vlanVid() == FlowMatch.UNTAGGED) {
                cube.add(HeaderField.VLAN, 0, HeaderField.VLAN_PRESENT);
            } else {
                cube.exact(HeaderField.VLAN, HeaderField.VLAN_PRESENT | match.vlanVid());
            }
        }
        if (match.ethType() != null) {
            cube.exact(HeaderField.ETH_TYPE, match.ethType());
        }
        if (match.ipv4Src() != null) {
            cube.prefix(HeaderField.IP_SRC_HI, match.ipv4Src(), FlowMatch.ETH_IPV4);
        }
        if (match.ipv6Src() != null) {
            cube.prefix(HeaderField.IP_SRC_HI, match.ipv6Src(), FlowMatch.ETH_IPV6);
        }
        if (match.arpSpa() != null) {
            cube.prefix(HeaderField.IP_SRC_HI, match.arpSpa(), FlowMatch.ETH_ARP);
        }
        if (match.arpTpa() != null) {
            cube.prefix(HeaderField.IP_DST_HI, match.arpTpa(), FlowMatch.ETH_ARP);
        }
        if (match.arpSha() != null) {
            cube.exact(HeaderField.ARP_SHA, mac(match.arpSha()));
            cube.exact(HeaderField.ETH_TYPE, FlowMatch.ETH_ARP);
        }
        if (match.arpOp() != null) {
            cube.exact(HeaderField.ARP_OP, match.arpOp());
            cube.exact(HeaderField.ETH_TYPE, FlowMatch.ETH_ARP);
        }
        if (match.tunnelId() != null) {
            cube.exact(HeaderField.TUNNEL_ID, match.tunnelId());
        }
        if (match.mplsLabel() != null) {
            cube.exact(HeaderField.MPLS, HeaderField.MPLS_PRESENT | match.mplsLabel());
        }
        if (match.ip() != null) {
            cube.ip(match.ip(), match.ethType());
        }
        if (match.conntrack() != null) {
            final ConntrackMatch ct = match.conntrack();
            cube.add(HeaderField.CT_STATE, ct.state(), ct.stateMask());
            if (ct.mark() != null) {
                cube.add(HeaderField.CT_MARK, ct.mark(), ct.markMask());
            }
        }
        return cube;
    }

    private void ip(final IpMatch ip, final @Nullable Integer ethType) {
        if (ip.ipProto() != null) {
            exact(HeaderField.IP_PROTO, ip.ipProto());
        }
        if (ip.ipv4Dst() != null) {
            prefix(HeaderField.IP_DST_HI, ip.ipv4Dst(), FlowMatch.ETH_IPV4);
        }
        if (ip.ipv6Dst() != null) {
            prefix(HeaderField.IP_DST_HI, ip.ipv6Dst(), FlowMatch.ETH_IPV6);
        }
        if (ip.srcPort() != null) {
            add(HeaderField.L4_SRC, ip.srcPort().value(), ip.srcPort().mask());
        }
        if (ip.dstPort() != null) {
            add(HeaderField.L4_DST, ip.dstPort().value(), ip.dstPort().mask());
        }
        if (ip.icmpType() != null) {
            add(HeaderField.L4_SRC, ip.icmpType(), 0xFF);
        }
        if (ip.icmpCode() != null) {
            add(HeaderField.L4_DST, ip.icmpCode(), 0xFF);
        }
        if (ethType == null) {
            throw new IllegalArgumentException("an IP match without an IP ethertype");
        }
    }

    private void exact(final HeaderField field, final long value) {
        add(field, value, field.fullMask());
    }

    /** A prefix on the address words starting at {@code high} (its low word follows), and its ethertype. */
    private void prefix(final HeaderField high, final String prefix, final int ethType) {
        final HeaderField low = HeaderField.values()[high.ordinal() + 1];
        final int slash = prefix.indexOf('/');
        final InetAddress address = InetAddresses.forString(slash < 0 ? prefix : prefix.substring(0, slash));
        final boolean v4 = address instanceof Inet4Address;
        final int length = slash < 0 ? (v4 ? 32 : 128) : Integer.parseInt(prefix.substring(slash + 1));
        final ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
        if (v4) {
            final long mask = length == 0 ? 0 : IPV4_BITS << 32 - length & IPV4_BITS;
            add(low, bytes.getInt() & IPV4_BITS & mask, mask);
        } else {
            final long highMask = length == 0 ? 0 : length >= 64 ? -1L : -1L << 64 - length;
            final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << 128 - length;
            add(high, bytes.getLong() & highMask, highMask);
            add(low, bytes.getLong() & lowMask, lowMask);
        }
        exact(HeaderField.ETH_TYPE, ethType);
    }

    private void add(final HeaderField field, final long value, final long mask) {
        if (mask == 0) {
            return;
        }
        for (int index = 0; index < count; index++) {
            if (fields[index] == field.ordinal()) {
                if (((values[index] ^ value) & masks[index] & mask) != 0) {
                    throw new IllegalArgumentException("a match that asks " + field + " for two values");
                }
                values[index] |= value & mask;
                masks[index] |= mask;
                return;
            }
        }
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
            values = Arrays.copyOf(values, count * 2);
            masks = Arrays.copyOf(masks, count * 2);
        }
        fields[count] = field.ordinal();
        values[count] = value & mask;
        masks[count] = mask;
        count++;
    }

    static long mac(final String mac) {
        return Long.parseLong(mac.replace(":", ""), 16);
    }

    @Nullable Long inPort() {
        return inPort;
    }

    /** The metadata bits this match fixes, under {@code mask}; -1 when it does not fix all of them. */
    long metadataUnder(final long mask) {
        return (metadataMask & mask) == mask ? metadata & mask : -1;
    }

    boolean admitsMetadata(final long value) {
        return ((value ^ metadata) & metadataMask) == 0;
    }

    /**
     * The value this match requires of a field's bits under {@code keyMask} when it fixes exactly those (a full
     * MAC, an IPv4 address in its word), or -1.
     */
    long exactValue(final HeaderField field, final long keyMask) {
        for (int index = 0; index < count; index++) {
            if (fields[index] == field.ordinal() && masks[index] == keyMask) {
                return values[index];
            }
        }
        return -1;
    }

    /**
     * The packets of {@code packet}'s cube this match admits: that cube narrowed by the match (the same object when
     * the match adds nothing), or null when none is, a rewritten field included.
     */
    @Nullable Cube narrow(final SymbolicPacket packet) {
        final Cube cube = packet.cube();
        long[] newValues = null;
        long[] newMasks = null;
        for (int index = 0; index < count; index++) {
            final int source = packet.source(fields[index]);
            if (source < 0) {
                if (constantRulesOut(packet, index)) {
                    return null;
                }
                continue;
            }
            final long value = newValues == null ? cube.value(source) : newValues[source];
            final long mask = newMasks == null ? cube.mask(source) : newMasks[source];
            if (((value ^ values[index]) & mask & masks[index]) != 0) {
                return null;
            }
            if ((masks[index] & ~mask) != 0) {
                if (newValues == null) {
                    newValues = cube.values();
                    newMasks = cube.masks();
                }
                newValues[source] = value | values[index];
                newMasks[source] = mask | masks[index];
            }
        }
        return newValues == null ? cube : Cube.of(newValues, newMasks);
    }

    /** Whether this match admits some packet of the region, reading fields through the packet's map. */
    boolean meets(final SymbolicPacket packet, final Cube region) {
        for (int index = 0; index < count; index++) {
            final int source = packet.source(fields[index]);
            if (source < 0) {
                if (constantRulesOut(packet, index)) {
                    return false;
                }
            } else if (((region.value(source) ^ values[index]) & region.mask(source) & masks[index]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether this match admits every packet of the packet's cube. */
    boolean coversAll(final SymbolicPacket packet) {
        final Cube cube = packet.cube();
        for (int index = 0; index < count; index++) {
            final int source = packet.source(fields[index]);
            if (source < 0) {
                if (constantRulesOut(packet, index)) {
                    return false;
                }
            } else if ((masks[index] & ~cube.mask(source)) != 0
                    || ((cube.value(source) ^ values[index]) & masks[index]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The packets of the walk this match admits, as a cube over the frame as sent (through the packet's map of
     * where each field now comes from), or null when a rewritten field already rules it out.
     */
    @Nullable Cube constraintOn(final SymbolicPacket packet) {
        long[] cubeValues = null;
        long[] cubeMasks = null;
        for (int index = 0; index < count; index++) {
            final int source = packet.source(fields[index]);
            if (source < 0) {
                if (constantRulesOut(packet, index)) {
                    return null;
                }
                continue;
            }
            if (cubeValues == null) {
                cubeValues = new long[Cube.WORDS];
                cubeMasks = new long[Cube.WORDS];
            }
            // Two fields may hold one word of the frame (after a move): their constraints must agree.
            if (((cubeValues[source] ^ values[index]) & cubeMasks[source] & masks[index]) != 0) {
                return null;
            }
            cubeValues[source] |= values[index];
            cubeMasks[source] |= masks[index];
        }
        return cubeValues == null ? Cube.ALL : Cube.of(cubeValues, cubeMasks);
    }

    /** Whether a field the packet holds as a constant (an action wrote it) fails this match's constraint on it. */
    private boolean constantRulesOut(final SymbolicPacket packet, final int index) {
        return ((packet.constant(fields[index]) ^ values[index]) & masks[index]) != 0;
    }
}
