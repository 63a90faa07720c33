/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.trace.Frame;

/**
 * Picks one concrete packet of a packet set and writes it as a {@link Witness}. The set's fixed bits are kept;
 * the free ones take values an operator can send: an untagged IPv4 TCP frame when the set has one, else ARP, IPv6
 * or whatever it holds; locally administered MACs, addresses in 10.255.255.0/24 or 2001:db8::/64.
 */
final class Witnesses {
    private static final int[][] PREFERRED_TYPES = {{FlowMatch.ETH_IPV4, IpMatch.TCP}, {FlowMatch.ETH_IPV4, -1},
        {FlowMatch.ETH_ARP, -1}, {FlowMatch.ETH_IPV6, IpMatch.TCP}, {FlowMatch.ETH_IPV6, -1}, {-1, -1}};
    private static final long SOURCE_MAC = 0x02_00_00_00_00_99L;
    private static final long IPV4_SOURCE = 0x0A_FF_FF_01L;
    private static final long IPV4_DESTINATION = 0x0A_FF_FF_02L;
    private static final long IPV6_NETWORK = 0x2001_0db8_0000_0000L;

    private Witnesses() {
    }

    /**
     * A witness among the packets of {@code packet} that are also in {@code within} and in none of
     * {@code alsoExcluded}; null when there is none.
     */
    static @Nullable Witness of(final SymbolicPacket packet, final Cube within, final List<Cube> alsoExcluded,
            final String reached) {
        final Cube region = packet.cube().intersect(within);
        if (region == null) {
            return null;
        }
        final var excluded = new ArrayList<>(packet.excluded());
        excluded.addAll(alsoExcluded);
        final Cube point = preferredPoint(region, excluded);
        return point == null ? null : witness(point, packet.trail(), reached);
    }

    private static @Nullable Cube preferredPoint(final Cube region, final List<Cube> excluded) {
        for (boolean plain : new boolean[] {true, false}) {
            for (int[] type : PREFERRED_TYPES) {
                Cube preferred = region;
                if (plain) {
                    preferred = preferred.with(HeaderField.VLAN.ordinal(), 0, HeaderField.VLAN_PRESENT);
                    preferred = preferred == null ? null
                        : preferred.with(HeaderField.MPLS.ordinal(), 0, HeaderField.MPLS_PRESENT);
                }
                if (preferred != null && type[0] >= 0) {
                    preferred = preferred.with(HeaderField.ETH_TYPE.ordinal(), type[0], 0xFFFF);
                }
                if (preferred != null && type[1] >= 0) {
                    preferred = preferred.with(HeaderField.IP_PROTO.ordinal(), type[1], 0xFF);
                }
                final Cube point = preferred == null ? null : Cube.outside(preferred, excluded);
                if (point != null) {
                    return point;
                }
            }
        }
        return null;
    }

    private static Witness witness(final Cube point, final Trail trail, final String reached) {
        final List<Trail> steps = trail.steps();
        final Trail.Arrival first = (Trail.Arrival) steps.get(0);
        final var hops = new ArrayList<Witness.Hop>();
        Trail.Arrival at = first;
        var flows = new ArrayList<FlowRecord>();
        var conntrack = new ArrayList<Witness.ConntrackState>();
        var buckets = new HashMap<Long, Long>();
        long sent = -1;
        for (Trail step : steps.subList(1, steps.size())) {
            if (step instanceof Trail.Arrival arrival) {
                hops.add(new Witness.Hop(at.switchId(), at.inPort(), at.came(), flows, conntrack, buckets, sent));
                at = arrival;
                flows = new ArrayList<>();
                conntrack = new ArrayList<>();
                buckets = new HashMap<>();
                sent = -1;
            } else if (step instanceof Trail.Matched matched) {
                flows.add(matched.flow());
            } else if (step instanceof Trail.Tracked tracked) {
                conntrack.add(new Witness.ConntrackState(
                    (int) point.pick(Cube.conntrackStateWord(tracked.lookup()),
                        ConntrackMatch.TRACKED | ConntrackMatch.NEW),
                    point.pick(Cube.conntrackMarkWord(tracked.lookup()), 0)));
            } else if (step instanceof Trail.Bucket bucket) {
                buckets.put(bucket.groupId(), bucket.bucketId());
            } else if (step instanceof Trail.Sent out) {
                sent = out.port();
            }
        }
        hops.add(new Witness.Hop(at.switchId(), at.inPort(), at.came(), flows, conntrack, buckets, sent));
        return new Witness(first.switchId(), first.inPort(), frame(point), hops, reached);
    }

    /** The frame a point of the frame words describes. */
    static Frame frame(final Cube point) {
        final long ethSrc = pick(point, HeaderField.ETH_SRC, SOURCE_MAC);
        final String srcMac = mac(ethSrc);
        final String dstMac = mac(pick(point, HeaderField.ETH_DST, -1L));
        final long vlan = pick(point, HeaderField.VLAN, 0);
        final Integer vlanId = (vlan & HeaderField.VLAN_PRESENT) == 0 ? null : (int) (vlan & 0xFFF);
        final int ethType = (int) pick(point, HeaderField.ETH_TYPE, FlowMatch.ETH_IPV4);
        final long mpls = pick(point, HeaderField.MPLS, 0);
        final Integer label = (mpls & HeaderField.MPLS_PRESENT) == 0 ? null : (int) (mpls & 0xFFFFF);
        if (ethType == FlowMatch.ETH_ARP) {
            return new Frame(srcMac, dstMac, vlanId, ethType, ipv4(pick(point, HeaderField.IP_SRC_LO, IPV4_SOURCE)),
                ipv4(pick(point, HeaderField.IP_DST_LO, IPV4_DESTINATION)),
                mac(pick(point, HeaderField.ARP_SHA, ethSrc)), (int) pick(point, HeaderField.ARP_OP,
                    FlowMatch.ARP_REQUEST), mac(pick(point, HeaderField.ARP_THA, 0)), null, null, null, label);
        }
        if (ethType != FlowMatch.ETH_IPV4 && ethType != FlowMatch.ETH_IPV6) {
            return new Frame(srcMac, dstMac, vlanId, ethType, null, null, null, null, null, null, null, null, label);
        }
        final boolean v4 = ethType == FlowMatch.ETH_IPV4;
        final String ipSrc = v4 ? ipv4(pick(point, HeaderField.IP_SRC_LO, IPV4_SOURCE))
            : ipv6(pick(point, HeaderField.IP_SRC_HI, IPV6_NETWORK), pick(point, HeaderField.IP_SRC_LO, 1));
        final String ipDst = v4 ? ipv4(pick(point, HeaderField.IP_DST_LO, IPV4_DESTINATION))
            : ipv6(pick(point, HeaderField.IP_DST_HI, IPV6_NETWORK), pick(point, HeaderField.IP_DST_LO, 2));
        final int proto = (int) pick(point, HeaderField.IP_PROTO, IpMatch.TCP);
        final Frame.L4 l4;
        if (proto == IpMatch.TCP || proto == IpMatch.UDP) {
            l4 = new Frame.L4(proto, (int) pick(point, HeaderField.L4_SRC, 40_000),
                (int) pick(point, HeaderField.L4_DST, 80), 0, 0);
        } else if (proto == IpMatch.ICMP || proto == IpMatch.ICMPV6) {
            l4 = new Frame.L4(proto, 0, 0, (int) pick(point, HeaderField.L4_SRC, proto == IpMatch.ICMP ? 8 : 128),
                (int) pick(point, HeaderField.L4_DST, 0));
        } else {
            l4 = new Frame.L4(proto, 0, 0, 0, 0);
        }
        return new Frame(srcMac, dstMac, vlanId, ethType, ipSrc, ipDst, null, null, null, null, null, l4, label);
    }

    private static long pick(final Cube point, final HeaderField field, final long preferred) {
        return point.pick(field.ordinal(), preferred) & field.fullMask();
    }

    private static String mac(final long bits) {
        final var text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(String.format(Locale.ROOT, "%02x", bits >> shift & 0xFF)).append(shift == 0 ? "" : ":");
        }
        return text.toString();
    }

    private static String ipv4(final long bits) {
        return InetAddresses.fromInteger((int) bits).getHostAddress();
    }

    private static String ipv6(final long high, final long low) {
        final var groupsText = new StringBuilder();
        for (long half : new long[] {high, low}) {
            for (int shift = 48; shift >= 0; shift -= 16) {
                groupsText.append(groupsText.length() == 0 ? "" : ":").append(Long.toHexString(half >> shift & 0xFFFF));
            }
        }
        return InetAddresses.toAddrString(InetAddresses.forString(groupsText.toString()));
    }
}
