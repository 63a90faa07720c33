/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

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
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.trace.SwitchWalk;

/**
 * An in-memory OpenFlow 1.3 data plane for packet-fate tests: switches hold compiled flows, hosts hang off switch
 * ports, and every switch's first uplink joins one fabric that carries tagged frames to every other switch (a
 * worst case for isolation: a real learning fabric sends unicast to fewer places).
 *
 * <p>Each switch's pipeline is {@link SwitchWalk}, the packet trace's own: two matching flows of the same priority
 * fail the test, because a switch would pick one arbitrarily.
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
        final Map<Long, GroupRecord> groups = groupsBySwitch.containsKey(switchId) ? groupsBySwitch.get(switchId)
            : Map.of();
        final SwitchWalk.Walk walk;
        try {
            walk = SwitchWalk.walk(flows, groups, inPort, arriving, this::track);
        } catch (IllegalStateException e) {
            throw new AssertionError("on " + switchId + ": " + e.getMessage(), e);
        }
        walk.steps().forEach(step -> {
            if (step instanceof SwitchWalk.Step.Matched matched) {
                framesByCookie.merge(matched.flow().cookie(), 1L, Long::sum);
            }
        });
        return walk.outputs().stream().map(sent -> new Output(sent.port(), sent.frame())).toList();
    }

    /** Conntrack as OVS does it, for TCP/UDP 5-tuples and ICMP echo; ICMP errors are related to their peers. */
    private SwitchWalk.Conntrack.State track(final Action.Conntrack action, final Frame frame) {
        final String forward = tuple(action.zone(), frame);
        final String backward = tuple(action.zone(), frame.reversed());
        final Frame.L4 l4 = frame.l4();
        final boolean error = l4 != null && (l4.proto() == 1 && (l4.icmpType() == 3 || l4.icmpType() == 11)
            || l4.proto() == 58 && l4.icmpType() >= 1 && l4.icmpType() <= 4);
        String key = null;
        final int state;
        if (error) {
            final String peers = action.zone() + "|" + frame.ipDst() + "|" + frame.ipSrc() + "|";
            // A real error quotes the datagram it is about; the model relates it to a live connection of the peers.
            key = connections.entrySet().stream().filter(conn -> conn.getKey().startsWith(peers))
                .sorted((left, right) -> Long.compare(left.getValue(), right.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
            state = key == null ? ConntrackMatch.TRACKED | ConntrackMatch.INVALID
                : ConntrackMatch.TRACKED | ConntrackMatch.RELATED | ConntrackMatch.REPLY;
        } else if (connections.containsKey(forward)) {
            key = forward;
            state = ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED;
        } else if (connections.containsKey(backward)) {
            key = backward;
            state = ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED | ConntrackMatch.REPLY;
        } else {
            state = ConntrackMatch.TRACKED | ConntrackMatch.NEW;
        }
        final long mark = key == null ? 0 : connections.get(key);
        if (action.commit() && !error) {
            final String committed = key == null ? forward : key;
            connections.put(committed, action.mark() != null ? action.mark()
                : connections.getOrDefault(committed, 0L));
        }
        return new SwitchWalk.Conntrack.State(state, mark);
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
}
