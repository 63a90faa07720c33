/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.FlowCounter;

/**
 * An in-memory OpenFlow 1.3 data plane for packet-fate tests: switches hold compiled flows, hosts hang off switch
 * ports, and every switch's first uplink joins one fabric that carries tagged frames to every other switch (a
 * worst case for isolation: a real learning fabric sends unicast to fewer places).
 *
 * <p>Each table picks its highest-priority matching flow; two matching flows of the same priority fail the test,
 * because a switch would pick one arbitrarily.
 */
public final class FlowTableModel {
    public static final long FRAME_BYTES = 64;
    private static final int MAX_HOPS = 16;

    private Map<String, ? extends Collection<FlowRecord>> flowsBySwitch;
    private final Map<String, HostPort> hosts = new HashMap<>();
    private final Map<String, Long> uplinks = new HashMap<>();
    private final Map<String, Tunnel> tunnels = new HashMap<>();
    private final Map<String, Appliance> appliances = new HashMap<>();
    private Map<String, ? extends Map<Long, GroupRecord>> groupsBySwitch = Map.of();
    /** Committed connections by zone and original-direction tuple, with their ct_mark; one table for every
     * switch, as on a host whose bridges share a datapath. */
    private final Map<String, Long> connections = new HashMap<>();
    /** Frames matched per cookie, as a switch's flow statistics count them. */
    private final Map<Long, Long> framesByCookie = new HashMap<>();

    /** The connection-tracking state of a frame inside one switch, after a ct action. */
    private static final class CtState {
        private int state;
        private long mark;
    }

    private record Tunnel(long port, String endpoint) {
    }

    private record HostPort(String switchId, long port) {
    }

    /**
     * A service appliance: what reaches its ingress port leaves its egress port after {@code forward}, and what
     * reaches its egress port (when it has two) leaves its ingress port after {@code backward}.
     */
    private record Appliance(String switchId, long ingress, long egress, UnaryOperator<Frame> forward,
            UnaryOperator<Frame> backward) {
    }

    /** A frame a host received. */
    public record Delivery(String host, Frame frame) {
    }

    public FlowTableModel(final Map<String, ? extends Collection<FlowRecord>> flowsBySwitch) {
        this.flowsBySwitch = flowsBySwitch;
    }

    /** Replaces every switch's flows, keeping hosts, links and connection-tracking state (a recompile). */
    public FlowTableModel reprogram(final Map<String, ? extends Collection<FlowRecord>> newFlows) {
        flowsBySwitch = newFlows;
        return this;
    }

    public FlowTableModel host(final String name, final String switchId, final long port) {
        hosts.put(name, new HostPort(switchId, port));
        return this;
    }

    /** Installs every switch's groups, by switch then group id. */
    public FlowTableModel groups(final Map<String, ? extends Map<Long, GroupRecord>> newGroups) {
        groupsBySwitch = newGroups;
        return this;
    }

    /**
     * A bump-in-the-wire or routing appliance; each frame it receives is a {@link Delivery} under its name. A
     * transform that returns null consumes the frame.
     */
    public FlowTableModel appliance(final String name, final String switchId, final long ingress, final long egress,
            final UnaryOperator<Frame> forward, final UnaryOperator<Frame> backward) {
        appliances.put(name, new Appliance(switchId, ingress, egress, forward, backward));
        return this;
    }

    public FlowTableModel uplink(final String switchId, final long port) {
        uplinks.put(switchId, port);
        return this;
    }

    /** A flow-based VXLAN port: what leaves it reaches the switch whose endpoint is the frame's tunnel dst. */
    public FlowTableModel tunnel(final String switchId, final long port, final String endpoint) {
        tunnels.put(switchId, new Tunnel(port, endpoint));
        return this;
    }

    /** The hosts that receive the frame a host sends. */
    public Set<String> receivers(final String fromHost, final Frame frame) {
        final var names = new TreeSet<String>();
        send(fromHost, frame).forEach(delivery -> names.add(delivery.host()));
        return names;
    }

    /** Everything delivered to hosts when a host sends a frame. */
    public List<Delivery> send(final String fromHost, final Frame frame) {
        final HostPort origin = hosts.get(fromHost);
        if (origin == null) {
            throw new IllegalArgumentException("unknown host " + fromHost);
        }
        final var deliveries = new ArrayList<Delivery>();
        receive(origin.switchId(), origin.port(), frame, deliveries, 0);
        return deliveries;
    }

    private void receive(final String switchId, final long inPort, final Frame frame,
            final List<Delivery> deliveries, final int hops) {
        if (hops > MAX_HOPS) {
            throw new AssertionError("frame loops: " + frame);
        }
        for (var output : process(switchId, inPort, frame)) {
            final long port = output.port();
            final Tunnel tunnel = tunnels.get(switchId);
            if (tunnel != null && tunnel.port() == port) {
                final Frame encapsulated = output.frame();
                if (encapsulated.tunnelId() == null || encapsulated.tunnelDst() == null) {
                    throw new AssertionError("frame leaves a tunnel port without tunnel id and destination");
                }
                tunnels.forEach((peer, remote) -> {
                    if (!peer.equals(switchId) && remote.endpoint().equals(encapsulated.tunnelDst())) {
                        receive(peer, remote.port(), encapsulated.withTunnel(encapsulated.tunnelId(), null),
                            deliveries, hops + 1);
                    }
                });
                continue;
            }
            if (uplinks.containsKey(switchId) && uplinks.get(switchId) == port) {
                for (var entry : uplinks.entrySet()) {
                    if (!entry.getKey().equals(switchId)) {
                        receive(entry.getKey(), entry.getValue(), output.frame(), deliveries, hops + 1);
                    }
                }
                continue;
            }
            hosts.forEach((name, at) -> {
                if (at.switchId().equals(switchId) && at.port() == port) {
                    deliveries.add(new Delivery(name, output.frame().withTunnel(null, null)));
                }
            });
            appliances.forEach((name, appliance) -> {
                if (!appliance.switchId().equals(switchId)
                        || appliance.ingress() != port && appliance.egress() != port) {
                    return;
                }
                final Frame seen = output.frame().withTunnel(null, null);
                deliveries.add(new Delivery(name, seen));
                final boolean forward = appliance.ingress() == port;
                final Frame sent = (forward ? appliance.forward() : appliance.backward()).apply(seen);
                if (sent != null) {
                    receive(switchId, forward ? appliance.egress() : appliance.ingress(), sent, deliveries,
                        hops + 1);
                }
            });
        }
    }

    private record Output(long port, Frame frame) {
    }

    /** One switch's pipeline: what leaves which port when a frame arrives on inPort. */
    private List<Output> process(final String switchId, final long inPort, final Frame arriving) {
        final Collection<FlowRecord> flows = flowsBySwitch.containsKey(switchId) ? flowsBySwitch.get(switchId)
            : List.of();
        final var outputs = new ArrayList<Output>();
        Frame frame = arriving;
        long metadata = 0;
        final var ct = new CtState();
        Table table = Table.CLASSIFY;
        while (table != null) {
            final FlowRecord flow = lookup(flows, table, inPort, metadata, frame, ct);
            if (flow == null) {
                break;
            }
            framesByCookie.merge(flow.cookie(), 1L, Long::sum);
            Table next = null;
            for (Instruction instruction : flow.instructions()) {
                if (instruction instanceof Instruction.ApplyActions apply) {
                    for (Action action : apply.actions()) {
                        if (action instanceof Action.Conntrack conntrack) {
                            track(conntrack, frame, ct);
                            if (conntrack.recirculateTo() != null) {
                                next = conntrack.recirculateTo();
                            }
                            continue;
                        }
                        frame = apply(switchId, action, frame, inPort, outputs);
                    }
                } else if (instruction instanceof Instruction.WriteMetadata write) {
                    metadata = metadata & ~write.mask() | write.value() & write.mask();
                } else if (instruction instanceof Instruction.GotoTable goTo) {
                    next = goTo.table();
                }
            }
            table = next;
        }
        return outputs;
    }

    /** Conntrack as OVS does it, for TCP/UDP 5-tuples and ICMP echo; ICMP errors are related to their peers. */
    private void track(final Action.Conntrack action, final Frame frame, final CtState ct) {
        final String forward = tuple(action.zone(), frame);
        final String backward = tuple(action.zone(), frame.reversed());
        final Frame.L4 l4 = frame.l4();
        final boolean error = l4 != null && (l4.proto() == 1 && (l4.icmpType() == 3 || l4.icmpType() == 11)
            || l4.proto() == 58 && l4.icmpType() >= 1 && l4.icmpType() <= 4);
        String key = null;
        if (error) {
            final String peers = action.zone() + "|" + frame.ipDst() + "|" + frame.ipSrc() + "|";
            // A real error quotes the datagram it is about; the model relates it to a live connection of the peers.
            key = connections.entrySet().stream().filter(conn -> conn.getKey().startsWith(peers))
                .sorted((left, right) -> Long.compare(left.getValue(), right.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
            ct.state = key == null ? ConntrackMatch.TRACKED | ConntrackMatch.INVALID
                : ConntrackMatch.TRACKED | ConntrackMatch.RELATED | ConntrackMatch.REPLY;
        } else if (connections.containsKey(forward)) {
            key = forward;
            ct.state = ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED;
        } else if (connections.containsKey(backward)) {
            key = backward;
            ct.state = ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED | ConntrackMatch.REPLY;
        } else {
            ct.state = ConntrackMatch.TRACKED | ConntrackMatch.NEW;
        }
        ct.mark = key == null ? 0 : connections.get(key);
        if (action.commit() && !error) {
            final String committed = key == null ? forward : key;
            final long mark = action.mark() != null ? action.mark() : connections.getOrDefault(committed, 0L);
            connections.put(committed, mark);
        }
    }

    private static String tuple(final int zone, final Frame frame) {
        final Frame.L4 l4 = frame.l4();
        if (l4 == null) {
            return zone + "|" + frame.ipSrc() + "|" + frame.ipDst() + "|ip";
        }
        final boolean icmp = l4.proto() == 1 || l4.proto() == 58;
        final boolean echo = icmp && (l4.icmpType() == 8 || l4.icmpType() == 0 || l4.icmpType() == 128
            || l4.icmpType() == 129);
        return zone + "|" + frame.ipSrc() + "|" + frame.ipDst() + "|" + l4.proto() + "|"
            + (echo ? "echo" : icmp ? "type" + l4.icmpType() : l4.srcPort() + ">" + l4.dstPort());
    }

    /**
     * Flow statistics by cookie, summed over every switch, since the model was built. The model's frames have no
     * size: bytes count each frame as {@value #FRAME_BYTES}.
     */
    public Map<Long, FlowCounter> countersByCookie() {
        final var counters = new HashMap<Long, FlowCounter>();
        framesByCookie.forEach((cookie, frames) -> counters.put(cookie, new FlowCounter(frames, frames * FRAME_BYTES)));
        return counters;
    }

    /** Forgets every connection, as a conntrack flush would. */
    public void flushConnections() {
        connections.clear();
    }

    private Frame apply(final String switchId, final Action action, final Frame frame, final long inPort,
            final List<Output> outputs) {
        if (action instanceof Action.Group group) {
            final Map<Long, GroupRecord> groups = groupsBySwitch.get(switchId);
            final GroupRecord record = groups == null ? null : groups.get(group.groupId());
            if (record == null) {
                throw new AssertionError("flow on " + switchId + " uses missing group " + group.groupId());
            }
            if (!record.buckets().isEmpty()) {
                Frame copy = frame;
                for (Action bucketAction : select(record, frame).actions()) {
                    copy = apply(switchId, bucketAction, copy, inPort, outputs);
                }
            }
            return frame;
        } else if (action instanceof Action.SetEthDst set) {
            return frame.withEth(frame.ethSrc(), set.mac());
        } else if (action instanceof Action.PushMpls) {
            if (frame.mplsLabel() != null) {
                throw new AssertionError("the model carries one MPLS label");
            }
            return frame.withMpls(0, FlowMatch.ETH_MPLS);
        } else if (action instanceof Action.SetMplsLabel set) {
            if (frame.mplsLabel() == null) {
                throw new AssertionError("set_mpls_label on a frame without MPLS");
            }
            return frame.withMpls(set.label(), FlowMatch.ETH_MPLS);
        } else if (action instanceof Action.PopMpls pop) {
            if (frame.mplsLabel() == null) {
                throw new AssertionError("pop_mpls on a frame without MPLS");
            }
            return frame.withMpls(null, pop.ethType());
        } else if (action instanceof Action.Output output) {
            if (output.port() != inPort) {
                outputs.add(new Output(output.port(), frame));
            }
            return frame;
        } else if (action instanceof Action.OutputInPort) {
            outputs.add(new Output(inPort, frame));
            return frame;
        } else if (action instanceof Action.SetEthSrc set) {
            return frame.withEth(set.mac(), frame.ethDst());
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
                throw new AssertionError("set_vlan_vid on an untagged frame");
            }
            return frame.withVlan(set.vlanId());
        } else if (action instanceof Action.PopVlan) {
            return frame.withVlan(null);
        }
        throw new AssertionError("unknown action " + action);
    }

    /** The bucket Open vSwitch's default selection would take: a symmetric hash of addresses and ports. */
    private static GroupRecord.Bucket select(final GroupRecord group, final Frame frame) {
        final Frame.L4 l4 = frame.l4();
        final int ports = l4 == null ? 0 : Math.min(l4.srcPort(), l4.dstPort()) * 65_537
            + Math.max(l4.srcPort(), l4.dstPort());
        final boolean sourceFirst = String.valueOf(frame.ipSrc()).compareTo(String.valueOf(frame.ipDst())) < 0;
        final String low = sourceFirst ? frame.ipSrc() : frame.ipDst();
        final String high = sourceFirst ? frame.ipDst() : frame.ipSrc();
        final int hash = (low + "|" + high + "|" + (l4 == null ? 0 : l4.proto()) + "|" + ports).hashCode();
        return group.buckets().get(Math.floorMod(hash * 0x9E3779B9, group.buckets().size()));
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

    private static FlowRecord lookup(final Collection<FlowRecord> flows, final Table table, final long inPort,
            final long metadata, final Frame frame, final CtState ct) {
        FlowRecord best = null;
        for (FlowRecord flow : flows) {
            if (flow.table() != table || !matches(flow.match(), inPort, metadata, frame)
                    || !matchesTransport(flow.match(), frame, ct)) {
                continue;
            }
            if (best == null || flow.priority() > best.priority()) {
                best = flow;
            } else if (flow.priority() == best.priority() && !flow.instructions().equals(best.instructions())) {
                throw new AssertionError("ambiguous match in " + table + ": " + best.id() + " and " + flow.id());
            }
        }
        return best;
    }

    static boolean matches(final FlowMatch match, final long inPort, final long metadata, final Frame frame) {
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

    private static boolean matchesTransport(final FlowMatch match, final Frame frame, final CtState ct) {
        final ConntrackMatch conntrack = match.conntrack();
        if (conntrack != null) {
            if ((ct.state & conntrack.stateMask()) != conntrack.state()) {
                return false;
            }
            if (conntrack.mark() != null && (ct.mark & conntrack.markMask()) != conntrack.mark()) {
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

    private static boolean macMatches(final String value, final String mask, final String mac) {
        final long want = macBits(value);
        final long bits = mask == null ? 0xFFFF_FFFF_FFFFL : macBits(mask);
        return (macBits(mac) & bits) == (want & bits);
    }

    private static long macBits(final String mac) {
        return Long.parseLong(mac.replace(":", ""), 16);
    }

    private static boolean inPrefix(final String address, final String prefix) {
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
