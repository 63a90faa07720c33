/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Table;

/**
 * One switch's flows made ready for walks: each match parsed once into a {@link MatchCube}; each table's flows
 * indexed by in_port, then by the network bits of the metadata (always known during a walk), then by the first of
 * a few header fields the flow fixes exactly (destination MAC, tag, tunnel id, label, source MAC), so a lookup
 * reads only the flows that can match, highest priority first. Updated flow by flow as rounds change it; owned by
 * one verifier.
 */
final class SwitchTables {
    private static final HeaderField[] KEY_FIELDS = {HeaderField.ETH_DST, HeaderField.VLAN, HeaderField.TUNNEL_ID,
        HeaderField.MPLS, HeaderField.IP_DST_LO, HeaderField.IP_SRC_LO, HeaderField.ETH_SRC};
    /** The bits of each key field a flow must fix to be indexed by it: an IPv4 address is the low word's half. */
    private static final long[] KEY_MASKS = {HeaderField.ETH_DST.fullMask(), HeaderField.VLAN.fullMask(),
        HeaderField.TUNNEL_ID.fullMask(), HeaderField.MPLS.fullMask(), 0xFFFF_FFFFL, 0xFFFF_FFFFL,
        HeaderField.ETH_SRC.fullMask()};

    private final Map<Table, TableIndex> tables = new EnumMap<>(Table.class);
    private final Map<String, CompiledFlow> byId = new HashMap<>();
    private Map<Long, GroupRecord> groups;

    /** A flow and its parsed match. */
    record CompiledFlow(FlowRecord flow, MatchCube match) {
    }

    private SwitchTables(final Map<Long, GroupRecord> groups) {
        this.groups = groups;
    }

    static SwitchTables of(final Collection<FlowRecord> flows, final Map<Long, GroupRecord> groups) {
        final var result = new SwitchTables(groups);
        flows.forEach(result::put);
        return result;
    }

    void groups(final Map<Long, GroupRecord> newGroups) {
        groups = newGroups;
    }

    /** Adds a flow, replacing the flow of the same id. */
    void put(final FlowRecord flow) {
        remove(flow.id());
        final var compiled = new CompiledFlow(flow, MatchCube.of(flow.match()));
        byId.put(flow.id(), compiled);
        tables.computeIfAbsent(flow.table(), table -> new TableIndex()).add(compiled);
    }

    void remove(final String flowId) {
        final CompiledFlow old = byId.remove(flowId);
        if (old != null) {
            tables.get(old.flow().table()).remove(old);
        }
    }

    boolean isEmpty() {
        return byId.isEmpty() && groups.isEmpty();
    }

    @Nullable GroupRecord group(final long groupId) {
        return groups.get(groupId);
    }

    /** The flows of a table that may match a packet that came in on {@code inPort}, highest priority first. */
    Cursor candidates(final Table table, final long inPort, final SymbolicPacket packet) {
        final var cursor = new Cursor();
        final TableIndex index = tables.get(table);
        if (index != null) {
            index.collect(cursor, inPort, packet);
        }
        return cursor;
    }

    /** Reads several priority-ordered lists as one, without copying them. */
    static final class Cursor {
        @SuppressWarnings("unchecked")
        private List<CompiledFlow>[] lists = new List[4];
        private int[] positions = new int[4];
        private int count;

        void add(final @Nullable List<CompiledFlow> list) {
            if (list != null && !list.isEmpty()) {
                if (count == lists.length) {
                    lists = Arrays.copyOf(lists, count * 2);
                    positions = Arrays.copyOf(positions, count * 2);
                }
                lists[count++] = list;
            }
        }

        /** The next flow by priority, or null when every list is read. */
        @Nullable CompiledFlow next() {
            int best = -1;
            int bestPriority = Integer.MIN_VALUE;
            for (int index = 0; index < count; index++) {
                final List<CompiledFlow> list = lists[index];
                if (positions[index] < list.size()) {
                    final int priority = list.get(positions[index]).flow().priority();
                    if (best < 0 || priority > bestPriority) {
                        best = index;
                        bestPriority = priority;
                    }
                }
            }
            return best < 0 ? null : lists[best].get(positions[best]++);
        }
    }

    /** A table's flows by in_port (a flow without one in its own part). */
    private static final class TableIndex {
        private final Map<Long, Part> byInPort = new HashMap<>();
        private final Part anyInPort = new Part();

        void add(final CompiledFlow flow) {
            part(flow).add(flow);
        }

        void remove(final CompiledFlow flow) {
            part(flow).remove(flow);
        }

        private Part part(final CompiledFlow flow) {
            final Long inPort = flow.match().inPort();
            return inPort == null ? anyInPort : byInPort.computeIfAbsent(inPort, port -> new Part());
        }

        void collect(final Cursor cursor, final long inPort, final SymbolicPacket packet) {
            final Part part = byInPort.get(inPort);
            if (part != null) {
                part.collect(cursor, packet);
            }
            anyInPort.collect(cursor, packet);
        }
    }

    /** Flows by the network bits of the metadata they fix (those that fix none in their own part). */
    private static final class Part {
        private final Map<Long, FieldPart> byNetwork = new HashMap<>();
        private final FieldPart anyNetwork = new FieldPart();

        void add(final CompiledFlow flow) {
            part(flow).add(flow);
        }

        void remove(final CompiledFlow flow) {
            part(flow).remove(flow);
        }

        private FieldPart part(final CompiledFlow flow) {
            final long network = flow.match().metadataUnder(Metadata.NETWORK_MASK);
            return network < 0 ? anyNetwork : byNetwork.computeIfAbsent(network, key -> new FieldPart());
        }

        void collect(final Cursor cursor, final SymbolicPacket packet) {
            final FieldPart part = byNetwork.get(packet.metadata() & Metadata.NETWORK_MASK);
            if (part != null) {
                part.collect(cursor, packet);
            }
            anyNetwork.collect(cursor, packet);
        }
    }

    /** Flows by the first key field they fix exactly, and the flows that fix none. */
    private static final class FieldPart {
        /** By key field (its position in KEY_FIELDS), the flows keyed by it, by value and all together. */
        @SuppressWarnings("unchecked")
        private final Map<Long, List<CompiledFlow>>[] byValue = new Map[KEY_FIELDS.length];
        @SuppressWarnings("unchecked")
        private final List<CompiledFlow>[] byField = new List[KEY_FIELDS.length];
        private final List<CompiledFlow> unkeyed = new ArrayList<>();

        void add(final CompiledFlow flow) {
            for (int key = 0; key < KEY_FIELDS.length; key++) {
                final long value = flow.match().exactValue(KEY_FIELDS[key], KEY_MASKS[key]);
                if (value >= 0) {
                    if (byValue[key] == null) {
                        byValue[key] = new HashMap<>();
                        byField[key] = new ArrayList<>();
                    }
                    insert(byValue[key].computeIfAbsent(value, ignored -> new ArrayList<>()), flow);
                    insert(byField[key], flow);
                    return;
                }
            }
            insert(unkeyed, flow);
        }

        void remove(final CompiledFlow flow) {
            for (int key = 0; key < KEY_FIELDS.length; key++) {
                final long value = flow.match().exactValue(KEY_FIELDS[key], KEY_MASKS[key]);
                if (value >= 0) {
                    removeFrom(byValue[key].get(value), flow);
                    removeFrom(byField[key], flow);
                    return;
                }
            }
            removeFrom(unkeyed, flow);
        }

        void collect(final Cursor cursor, final SymbolicPacket packet) {
            cursor.add(unkeyed);
            for (int key = 0; key < KEY_FIELDS.length; key++) {
                if (byValue[key] != null) {
                    final long known = packet.known(KEY_FIELDS[key], KEY_MASKS[key]);
                    cursor.add(known >= 0 ? byValue[key].get(known) : byField[key]);
                }
            }
        }
    }

    /** Inserts after every flow of the same or a higher priority. */
    private static void insert(final List<CompiledFlow> list, final CompiledFlow flow) {
        int low = 0;
        int high = list.size();
        final int priority = flow.flow().priority();
        while (low < high) {
            final int middle = low + high >>> 1;
            if (list.get(middle).flow().priority() >= priority) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        list.add(low, flow);
    }

    private static void removeFrom(final List<CompiledFlow> list, final CompiledFlow flow) {
        for (int index = 0; index < list.size(); index++) {
            if (list.get(index) == flow) {
                list.remove(index);
                return;
            }
        }
    }
}
