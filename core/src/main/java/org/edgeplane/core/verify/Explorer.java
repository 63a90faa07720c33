/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.Fabric.SwitchPath;

/**
 * Follows every packet an endpoint can send through the switches' tables: at each lookup the packet set splits
 * into one part per flow that can match (what higher-priority flows took is excluded), actions rewrite it, every
 * bucket of a group is followed, outputs reach endpoints, the fabric or a tunnel. Each part ends at an endpoint, a
 * drop, or after {@link #MAX_SWITCHES} switches.
 */
final class Explorer {
    /** The most switches one path crosses; a pipeline that bounces frames further is reported, not followed. */
    static final int MAX_SWITCHES = 8;

    /** What a walk found, told as it finds it. */
    interface Sink {
        /** Some packets reach an endpoint port. */
        void delivered(String portId, SymbolicPacket packet);

        /** Some packets from the source pass its PORT_SECURITY table. */
        void passedPortSecurity(SymbolicPacket packet);

        /** A path went further than the verifier follows. */
        void tooLong(SymbolicPacket packet);

        /** A lookup in a table, with what it depended on besides the packet: what an incremental run keys on. */
        void lookedUp(String switchId, Table table, long inPort, long metadata);

        /** A group's buckets were followed. */
        void usedGroup(String switchId, long groupId);

        /** Packets left by a switch port that is no endpoint, uplink or tunnel of the intent. */
        void sentNowhere(String switchId, long port);
    }

    private final Map<String, SwitchTables> switches;
    private final Topology topology;

    Explorer(final Map<String, SwitchTables> switches, final Topology topology) {
        this.switches = switches;
        this.topology = topology;
    }

    /** Everything an endpoint at this switch port can send. */
    void explore(final String switchId, final long inPort, final Sink sink) {
        new Walk(sink).arrive(switchId, inPort, SymbolicPacket.fromEndpoint(switchId, inPort), 1);
    }

    /** One source's walk: the sink, and the switch and in_port of the part being followed. */
    private final class Walk {
        private final Sink sink;

        Walk(final Sink sink) {
            this.sink = sink;
        }

        void arrive(final String switchId, final long inPort, final SymbolicPacket packet, final int crossed) {
            final SwitchTables tables = switches.get(switchId);
            if (tables != null) {
                lookup(new At(switchId, inPort, crossed, tables), Table.CLASSIFY, packet);
            } else {
                // A switch without flows drops everything; the walk depends on it staying so.
                sink.lookedUp(switchId, Table.CLASSIFY, inPort, 0);
            }
        }

        private void lookup(final At at, final Table table, final SymbolicPacket packet) {
            sink.lookedUp(at.switchId, table, at.inPort, packet.metadata());
            // What higher priorities took, and what this priority took so far (flows of one priority do not exclude
            // each other: if two overlap, a switch may pick either).
            List<MatchCube> taken = List.of();
            List<MatchCube> takenAtPriority = new ArrayList<>(2);
            int priority = Integer.MAX_VALUE;
            boolean shadowed = false;
            final SwitchTables.Cursor candidates = at.tables.candidates(table, at.inPort, packet);
            for (SwitchTables.CompiledFlow candidate = candidates.next(); candidate != null;
                    candidate = candidates.next()) {
                final int flowPriority = candidate.flow().priority();
                if (flowPriority < priority) {
                    if (shadowed) {
                        return;
                    }
                    if (!takenAtPriority.isEmpty()) {
                        if (taken.isEmpty()) {
                            taken = takenAtPriority;
                            takenAtPriority = new ArrayList<>(2);
                        } else {
                            taken.addAll(takenAtPriority);
                            takenAtPriority.clear();
                        }
                    }
                    priority = flowPriority;
                }
                final MatchCube match = candidate.match();
                if (!match.admitsMetadata(packet.metadata())) {
                    continue;
                }
                final Cube region = match.narrow(packet);
                if (region == null) {
                    continue;
                }
                final SymbolicPacket matched = packet.narrowed(region, taken,
                    new Trail.Matched(packet.trail(), at.switchId, candidate.flow()));
                takenAtPriority.add(match);
                if (match.coversAll(packet)) {
                    shadowed = true;
                }
                final SymbolicPacket some = matched.proven();
                if (some != null) {
                    execute(at, candidate, some);
                }
            }
        }

        private void execute(final At at, final SwitchTables.CompiledFlow candidate, final SymbolicPacket matched) {
            SymbolicPacket packet = matched;
            Table next = null;
            for (Instruction instruction : candidate.flow().instructions()) {
                if (instruction instanceof Instruction.ApplyActions apply) {
                    for (Action action : apply.actions()) {
                        if (action instanceof Action.Conntrack tracked) {
                            if (tracked.recirculateTo() != null) {
                                if (packet.lookups() == Cube.MAX_CONNTRACK) {
                                    sink.tooLong(packet);
                                    return;
                                }
                                packet = packet.tracked(new Trail.Tracked(packet.trail(), at.switchId,
                                    packet.lookups()));
                                next = tracked.recirculateTo();
                            }
                            continue;
                        }
                        packet = act(at, action, packet);
                    }
                } else if (instruction instanceof Instruction.WriteMetadata write) {
                    packet = packet.withMetadata(write.value(), write.mask());
                } else if (instruction instanceof Instruction.GotoTable goTo) {
                    next = goTo.table();
                }
            }
            if (next == null) {
                return;
            }
            if (candidate.flow().table() == Table.PORT_SECURITY && at.crossed == 1) {
                sink.passedPortSecurity(packet);
            }
            lookup(at, next, packet);
        }

        private SymbolicPacket act(final At at, final Action action, final SymbolicPacket packet) {
            if (action instanceof Action.Output output) {
                if (output.port() != at.inPort) {
                    send(at, output.port(), packet);
                }
                return packet;
            } else if (action instanceof Action.OutputInPort) {
                send(at, at.inPort, packet);
                return packet;
            } else if (action instanceof Action.Group group) {
                final GroupRecord record = at.tables.group(group.groupId());
                sink.usedGroup(at.switchId, group.groupId());
                if (record != null) {
                    for (GroupRecord.Bucket bucket : record.buckets()) {
                        SymbolicPacket copy = packet.withTrail(new Trail.Bucket(packet.trail(), at.switchId,
                            record.groupId(), bucket.bucketId()));
                        for (Action bucketAction : bucket.actions()) {
                            copy = act(at, bucketAction, copy);
                        }
                    }
                }
                return packet;
            }
            return Rewrites.apply(action, packet);
        }

        private void send(final At at, final long port, final SymbolicPacket packet) {
            final SymbolicPacket sent = packet.withTrail(new Trail.Sent(packet.trail(), at.switchId, port));
            if (topology.isTunnel(at.switchId, port)) {
                final String peer = topology.switchWithTunnel(sent.known(HeaderField.TUNNEL_DST));
                if (peer != null && !peer.equals(at.switchId)) {
                    final long peerPort = topology.tunnelPort(peer);
                    cross(peer, peerPort, sent.arriving(peer, peerPort, true, "tunnel from " + at.switchId), at);
                }
            } else if (topology.isUplink(at.switchId, port)) {
                for (Map.Entry<String, SwitchPath> entry : topology.paths().entrySet()) {
                    if (entry.getKey().equals(at.switchId)) {
                        continue;
                    }
                    for (long uplink : entry.getValue().uplinks()) {
                        cross(entry.getKey(), uplink, sent.arriving(entry.getKey(), uplink, false,
                            "fabric from " + at.switchId + " uplink " + port), at);
                    }
                }
            } else {
                final String portId = topology.endpoint(at.switchId, port);
                if (portId != null) {
                    sink.delivered(portId, sent);
                } else {
                    sink.sentNowhere(at.switchId, port);
                }
            }
        }

        private void cross(final String switchId, final long inPort, final SymbolicPacket packet, final At from) {
            if (from.crossed >= MAX_SWITCHES) {
                sink.tooLong(packet);
                return;
            }
            arrive(switchId, inPort, packet, from.crossed + 1);
        }
    }

    /** Where a part of the walk is: the switch, its in_port, how many switches the path has crossed. */
    private record At(String switchId, long inPort, int crossed, SwitchTables tables) {
    }
}
