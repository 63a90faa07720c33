/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.pipeline.Table;

/**
 * One switch's pipeline applied to one frame: from table 0, each table's highest-priority matching flow, its
 * actions in order (a select group takes the bucket Open vSwitch's default hash would), metadata written, goto or
 * conntrack recirculation followed, until a flow sends the frame nowhere further. Every step is kept, so the same
 * walk answers "where does it go" (the tests' flow-table model) and "why" (the packet trace).
 */
public final class SwitchWalk {
    /** The most tables one walk visits: a pipeline that loops is a defect, reported rather than followed. */
    private static final int MAX_STEPS = 64;

    private SwitchWalk() {
    }

    /** What connection tracking says of a frame at a ct action: the model tracks connections, a trace is told. */
    @FunctionalInterface
    public interface Conntrack {
        State track(Action.Conntrack action, Frame frame);

        /** The ct_state bits ({@link ConntrackMatch}) and ct_mark a frame has after a ct action. */
        record State(int state, long mark) {
        }
    }

    /** Which bucket of a select group a frame takes; a switch hashes its headers ({@link #select}). */
    @FunctionalInterface
    public interface BucketChoice {
        int bucket(GroupRecord group, Frame frame);
    }

    /** One thing the switch did to the frame. */
    public sealed interface Step {
        /** A table's flow matched: the frame as it was matched, and the metadata at that point. */
        record Matched(FlowRecord flow, Frame frame, long metadata, Conntrack.State ct) implements Step {
        }

        /** No flow of the table matched: the frame is dropped there (OpenFlow 1.3's table miss). */
        record Missed(Table table, Frame frame, long metadata) implements Step {
        }

        /** A group applied: which bucket the frame took, of how many. */
        record Grouped(GroupRecord group, int bucket) implements Step {
        }

        /** A meter the frame passed through (the trace does not model its rate). */
        record Metered(long meterId) implements Step {
        }

        /** A frame sent out of a port. */
        record Sent(long port, Frame frame) implements Step {
        }
    }

    /** Two flows of one priority match the frame with different instructions: a switch would pick either. */
    public static final class AmbiguousMatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AmbiguousMatchException(final Table table, final FlowRecord first, final FlowRecord second) {
            super("ambiguous match in " + table + ": " + first.id() + " and " + second.id());
        }
    }

    /** A walk's steps in order, and the frames it sent, in order. */
    public record Walk(List<Step> steps, List<Step.Sent> outputs) {
        public Walk {
            steps = List.copyOf(steps);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Walks a frame that arrived on {@code inPort} through a switch's flows.
     *
     * @param groups the switch's groups by id
     * @throws AmbiguousMatchException when a table cannot decide
     * @throws IllegalStateException when a flow uses a group the switch lacks, or the walk loops
     */
    public static Walk walk(final Collection<FlowRecord> flows, final Map<Long, GroupRecord> groups,
            final long inPort, final Frame arriving, final Conntrack conntrack) {
        return walk(flows, groups, inPort, arriving, conntrack, SwitchWalk::select);
    }

    /**
     * As {@link #walk(Collection, Map, long, Frame, Conntrack)}, with select groups' buckets chosen by
     * {@code buckets} (a verifier's witness names the bucket it took).
     */
    public static Walk walk(final Collection<FlowRecord> flows, final Map<Long, GroupRecord> groups,
            final long inPort, final Frame arriving, final Conntrack conntrack, final BucketChoice buckets) {
        final var steps = new ArrayList<Step>();
        final var outputs = new ArrayList<Step.Sent>();
        Frame frame = arriving;
        long metadata = 0;
        Conntrack.State ct = new Conntrack.State(0, 0);
        Table table = Table.CLASSIFY;
        while (table != null) {
            if (steps.size() > MAX_STEPS) {
                throw new IllegalStateException("the pipeline loops: " + steps.size() + " steps");
            }
            final FlowRecord flow = lookup(flows, table, inPort, metadata, frame, ct);
            if (flow == null) {
                steps.add(new Step.Missed(table, frame, metadata));
                break;
            }
            steps.add(new Step.Matched(flow, frame, metadata, ct));
            Table next = null;
            for (Instruction instruction : flow.instructions()) {
                if (instruction instanceof Instruction.ApplyActions apply) {
                    for (Action action : apply.actions()) {
                        if (action instanceof Action.Conntrack tracked) {
                            ct = conntrack.track(tracked, frame);
                            if (tracked.recirculateTo() != null) {
                                next = tracked.recirculateTo();
                            }
                            continue;
                        }
                        frame = apply(groups, buckets, action, frame, inPort, steps, outputs);
                    }
                } else if (instruction instanceof Instruction.WriteMetadata write) {
                    metadata = metadata & ~write.mask() | write.value() & write.mask();
                } else if (instruction instanceof Instruction.GotoTable goTo) {
                    next = goTo.table();
                } else if (instruction instanceof Instruction.Meter meter) {
                    steps.add(new Step.Metered(meter.meterId()));
                }
            }
            table = next;
        }
        return new Walk(steps, outputs);
    }

    private static Frame apply(final Map<Long, GroupRecord> groups, final BucketChoice buckets,
            final Action action, final Frame frame, final long inPort, final List<Step> steps,
            final List<Step.Sent> outputs) {
        if (action instanceof Action.Group group) {
            final GroupRecord record = groups.get(group.groupId());
            if (record == null) {
                throw new IllegalStateException("a flow uses missing group " + group.groupId());
            }
            if (!record.buckets().isEmpty()) {
                final int bucket = buckets.bucket(record, frame);
                steps.add(new Step.Grouped(record, bucket));
                Frame copy = frame;
                for (Action bucketAction : record.buckets().get(bucket).actions()) {
                    copy = apply(groups, buckets, bucketAction, copy, inPort, steps, outputs);
                }
            }
            return frame;
        } else if (action instanceof Action.Output output) {
            // OpenFlow never sends a frame back where it came in unless told so (OutputInPort).
            if (output.port() != inPort) {
                send(output.port(), frame, steps, outputs);
            }
            return frame;
        } else if (action instanceof Action.OutputInPort) {
            send(inPort, frame, steps, outputs);
            return frame;
        }
        return rewritten(action, frame);
    }

    private static void send(final long port, final Frame frame, final List<Step> steps,
            final List<Step.Sent> outputs) {
        final var sent = new Step.Sent(port, frame);
        steps.add(sent);
        outputs.add(sent);
    }

    /** The frame after a header-rewriting action. */
    private static Frame rewritten(final Action action, final Frame frame) {
        if (action instanceof Action.SetEthDst set) {
            return frame.withEth(frame.ethSrc(), set.mac());
        } else if (action instanceof Action.SetEthSrc set) {
            return frame.withEth(set.mac(), frame.ethDst());
        } else if (action instanceof Action.PushMpls) {
            if (frame.mplsLabel() != null) {
                throw new IllegalStateException("the walk carries one MPLS label");
            }
            return frame.withMpls(0, FlowMatch.ETH_MPLS);
        } else if (action instanceof Action.SetMplsLabel set) {
            if (frame.mplsLabel() == null) {
                throw new IllegalStateException("set_mpls_label on a frame without MPLS");
            }
            return frame.withMpls(set.label(), FlowMatch.ETH_MPLS);
        } else if (action instanceof Action.PopMpls pop) {
            if (frame.mplsLabel() == null) {
                throw new IllegalStateException("pop_mpls on a frame without MPLS");
            }
            return frame.withMpls(null, pop.ethType());
        } else if (action instanceof Action.SetArpOp set) {
            return frame.withArp(set.op(), frame.arpSha(), frame.ipSrc(), frame.arpTha(), frame.ipDst());
        } else if (action instanceof Action.SetArpSha set) {
            return frame.withArp(frame.arpOp(), set.mac(), frame.ipSrc(), frame.arpTha(), frame.ipDst());
        } else if (action instanceof Action.SetArpSpa set) {
            return frame.withArp(frame.arpOp(), frame.arpSha(), set.ipv4(), frame.arpTha(), frame.ipDst());
        } else if (action instanceof Action.SetTunnelId set) {
            return frame.withTunnel(set.tunnelId(), frame.tunnelDst());
        } else if (action instanceof Action.SetTunnelIpv4Dst set) {
            return frame.withTunnel(frame.tunnelId(), set.ipv4());
        } else if (action instanceof Action.Move move) {
            return moved(frame, move);
        } else if (action instanceof Action.PushVlan) {
            return frame.withVlan(0);
        } else if (action instanceof Action.SetVlanId set) {
            if (frame.vlan() == null) {
                throw new IllegalStateException("set_vlan_vid on an untagged frame");
            }
            return frame.withVlan(set.vlanId());
        } else if (action instanceof Action.PopVlan) {
            return frame.withVlan(null);
        }
        throw new IllegalStateException("unknown action " + action);
    }

    /** The bucket Open vSwitch's default selection would take: a symmetric hash of addresses and ports. */
    public static int select(final GroupRecord group, final Frame frame) {
        final Frame.L4 l4 = frame.l4();
        final int ports = l4 == null ? 0 : Math.min(l4.srcPort(), l4.dstPort()) * 65_537
            + Math.max(l4.srcPort(), l4.dstPort());
        final boolean sourceFirst = String.valueOf(frame.ipSrc()).compareTo(String.valueOf(frame.ipDst())) < 0;
        final String low = sourceFirst ? frame.ipSrc() : frame.ipDst();
        final String high = sourceFirst ? frame.ipDst() : frame.ipSrc();
        final int hash = (low + "|" + high + "|" + (l4 == null ? 0 : l4.proto()) + "|" + ports).hashCode();
        return Math.floorMod(hash * 0x9E3779B9, group.buckets().size());
    }

    private static Frame moved(final Frame frame, final Action.Move move) {
        final String value = switch (move.from()) {
            case ETH_SRC -> frame.ethSrc();
            case ETH_DST -> frame.ethDst();
            case ARP_SHA -> frame.arpSha();
            case ARP_THA -> frame.arpTha();
            case ARP_SPA -> frame.ipSrc();
            case ARP_TPA -> frame.ipDst();
        };
        return switch (move.to()) {
            case ETH_SRC -> frame.withEth(value, frame.ethDst());
            case ETH_DST -> frame.withEth(frame.ethSrc(), value);
            case ARP_SHA -> frame.withArp(frame.arpOp(), value, frame.ipSrc(), frame.arpTha(), frame.ipDst());
            case ARP_THA -> frame.withArp(frame.arpOp(), frame.arpSha(), frame.ipSrc(), value, frame.ipDst());
            case ARP_SPA -> frame.withArp(frame.arpOp(), frame.arpSha(), value, frame.arpTha(), frame.ipDst());
            case ARP_TPA -> frame.withArp(frame.arpOp(), frame.arpSha(), frame.ipSrc(), frame.arpTha(), value);
        };
    }

    private static @Nullable FlowRecord lookup(final Collection<FlowRecord> flows, final Table table,
            final long inPort, final long metadata, final Frame frame, final Conntrack.State ct) {
        FlowRecord best = null;
        for (FlowRecord flow : flows) {
            if (flow.table() != table || !matches(flow.match(), inPort, metadata, frame)
                    || !matchesTransport(flow.match(), frame, ct)) {
                continue;
            }
            if (best == null || flow.priority() > best.priority()) {
                best = flow;
            } else if (flow.priority() == best.priority() && !flow.instructions().equals(best.instructions())) {
                throw new AmbiguousMatchException(table, best, flow);
            }
        }
        return best;
    }

    /** Whether a match's fields up to layer 3 (all but the transport and conntrack ones) admit the frame. */
    public static boolean matches(final FlowMatch match, final long inPort, final long metadata, final Frame frame) {
        if (match.inPort() != null && match.inPort() != inPort) {
            return false;
        }
        if (match.metadata() != null && (metadata & match.metadataMask()) != (match.metadata()
                & match.metadataMask())) {
            return false;
        }
        if (match.tunnelId() != null && !match.tunnelId().equals(frame.tunnelId())) {
            return false;
        }
        if (match.mplsLabel() != null && !match.mplsLabel().equals(frame.mplsLabel())) {
            return false;
        }
        if (match.vlanVid() != null && (match.vlanVid() == FlowMatch.UNTAGGED ? frame.vlan() != null
                : !match.vlanVid().equals(frame.vlan()))) {
            return false;
        }
        if (match.ethType() != null && match.ethType() != frame.ethType()) {
            return false;
        }
        if (match.ethSrc() != null && !match.ethSrc().equals(frame.ethSrc())) {
            return false;
        }
        if (match.ethDst() != null && !macMatches(match.ethDst(), match.ethDstMask(), frame.ethDst())) {
            return false;
        }
        if (match.ipv4Src() != null && !inPrefix(frame.ipSrc(), match.ipv4Src())) {
            return false;
        }
        if (match.ipv6Src() != null && !inPrefix(frame.ipSrc(), match.ipv6Src())) {
            return false;
        }
        if (match.arpSpa() != null && !inPrefix(frame.ipSrc(), match.arpSpa())) {
            return false;
        }
        if (match.arpOp() != null && !match.arpOp().equals(frame.arpOp())) {
            return false;
        }
        if (match.arpTpa() != null && !inPrefix(frame.ipDst(), match.arpTpa())) {
            return false;
        }
        return match.arpSha() == null || match.arpSha().equals(frame.arpSha());
    }

    private static boolean matchesTransport(final FlowMatch match, final Frame frame, final Conntrack.State ct) {
        final ConntrackMatch conntrack = match.conntrack();
        if (conntrack != null) {
            if ((ct.state() & conntrack.stateMask()) != conntrack.state()) {
                return false;
            }
            if (conntrack.mark() != null && (ct.mark() & conntrack.markMask()) != conntrack.mark()) {
                return false;
            }
        }
        final IpMatch ip = match.ip();
        if (ip == null) {
            return true;
        }
        if (ip.ipv4Dst() != null && !inPrefix(frame.ipDst(), ip.ipv4Dst())
                || ip.ipv6Dst() != null && !inPrefix(frame.ipDst(), ip.ipv6Dst())) {
            return false;
        }
        if (ip.ipProto() == null) {
            return true;
        }
        final Frame.L4 l4 = frame.l4();
        if (l4 == null || l4.proto() != ip.ipProto()) {
            return false;
        }
        if (ip.srcPort() != null && !ip.srcPort().matches(l4.srcPort())
                || ip.dstPort() != null && !ip.dstPort().matches(l4.dstPort())) {
            return false;
        }
        return (ip.icmpType() == null || ip.icmpType() == l4.icmpType())
            && (ip.icmpCode() == null || ip.icmpCode() == l4.icmpCode());
    }

    private static boolean macMatches(final String value, final @Nullable String mask, final String mac) {
        final long want = macBits(value);
        final long bits = mask == null ? 0xFFFF_FFFF_FFFFL : macBits(mask);
        return (macBits(mac) & bits) == (want & bits);
    }

    private static long macBits(final String mac) {
        return Long.parseLong(mac.replace(":", ""), 16);
    }

    private static boolean inPrefix(final @Nullable String address, final String prefix) {
        if (address == null) {
            return false;
        }
        final String[] parts = prefix.split("/");
        final InetAddress network = InetAddresses.forString(parts[0]);
        final InetAddress candidate = InetAddresses.forString(address);
        if (network.getAddress().length != candidate.getAddress().length) {
            return false;
        }
        final int bits = network.getAddress().length * 8;
        final int length = Integer.parseInt(parts[1]);
        final BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
            .xor(BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE));
        return new BigInteger(1, network.getAddress()).and(mask)
            .equals(new BigInteger(1, candidate.getAddress()).and(mask));
    }
}
