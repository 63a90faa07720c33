/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Table;

/**
 * One switch's flows made ready for walks: each match parsed once into a {@link MatchCube}, each table's flows in
 * priority order and indexed by in_port and then by the field most of them fix exactly (the destination MAC in
 * L2_FORWARD, the tag or tunnel id of an uplink's CLASSIFY flows), so a lookup with that field known reads only
 * the flows that can match. Immutable once built.
 */
final class SwitchTables {
    private static final Comparator<CompiledFlow> BY_PRIORITY =
        Comparator.comparingInt((CompiledFlow flow) -> flow.flow().priority()).reversed();
    private static final HeaderField[] KEY_FIELDS = {HeaderField.ETH_DST, HeaderField.VLAN, HeaderField.TUNNEL_ID,
        HeaderField.MPLS, HeaderField.ETH_SRC};
    /** Below this many flows an index costs more than it saves. */
    private static final int INDEX_AT = 4;

    private final Map<Table, TableIndex> tables = new EnumMap<>(Table.class);
    private final Map<Long, GroupRecord> groups;

    /** A flow and its parsed match. */
    record CompiledFlow(FlowRecord flow, MatchCube match) {
    }

    private SwitchTables(final Map<Long, GroupRecord> groups) {
        this.groups = groups;
    }

    /**
     * Tables of these flows; a flow whose record object is in {@code previous} keeps its parsed match (stages keep
     * the records of what did not change), so a round parses only what changed.
     */
    static SwitchTables of(final Collection<FlowRecord> flows, final Map<Long, GroupRecord> groups,
            final @Nullable SwitchTables previous) {
        final var result = new SwitchTables(groups);
        final Map<FlowRecord, MatchCube> known = previous == null ? Map.of() : previous.parsed();
        final var byTable = new EnumMap<Table, List<CompiledFlow>>(Table.class);
        for (FlowRecord flow : flows) {
            MatchCube match = known.get(flow);
            if (match == null) {
                match = MatchCube.of(flow.match());
            }
            byTable.computeIfAbsent(flow.table(), table -> new ArrayList<>()).add(new CompiledFlow(flow, match));
        }
        byTable.forEach((table, tableFlows) -> result.tables.put(table, new TableIndex(tableFlows)));
        return result;
    }

    private Map<FlowRecord, MatchCube> parsed() {
        final var parsed = new IdentityHashMap<FlowRecord, MatchCube>();
        tables.values().forEach(index -> index.all.forEach(flow -> parsed.put(flow.flow(), flow.match())));
        return parsed;
    }

    @Nullable GroupRecord group(final long groupId) {
        return groups.get(groupId);
    }

    /** The flows of a table that may match a packet that came in on {@code inPort}, highest priority first. */
    List<CompiledFlow> candidates(final Table table, final long inPort, final SymbolicPacket packet) {
        final TableIndex index = tables.get(table);
        return index == null ? List.of() : index.candidates(inPort, packet);
    }

    /** A table's flows, by in_port (a flow without one under null), each part keyed by one exact field. */
    private static final class TableIndex {
        private final List<CompiledFlow> all;
        private final Map<Long, Part> byInPort = new HashMap<>();
        private final Part anyInPort;

        TableIndex(final List<CompiledFlow> flows) {
            all = List.copyOf(flows);
            final var split = new HashMap<Long, List<CompiledFlow>>();
            final var rest = new ArrayList<CompiledFlow>();
            for (CompiledFlow flow : flows) {
                if (flow.match().inPort() == null) {
                    rest.add(flow);
                } else {
                    split.computeIfAbsent(flow.match().inPort(), port -> new ArrayList<>()).add(flow);
                }
            }
            split.forEach((port, portFlows) -> byInPort.put(port, new Part(portFlows)));
            anyInPort = new Part(rest);
        }

        List<CompiledFlow> candidates(final long inPort, final SymbolicPacket packet) {
            final Part part = byInPort.get(inPort);
            final List<CompiledFlow> general = anyInPort.candidates(packet);
            return part == null ? general : merged(part.candidates(packet), general);
        }
    }

    /** Flows under one in_port: indexed by the value of the field most of them fix, when enough do. */
    private static final class Part {
        private final List<CompiledFlow> sorted;
        private final @Nullable HeaderField key;
        private final Map<Long, List<CompiledFlow>> byKey = new HashMap<>();
        private final List<CompiledFlow> unkeyed = new ArrayList<>();

        Part(final List<CompiledFlow> flows) {
            sorted = new ArrayList<>(flows);
            sorted.sort(BY_PRIORITY);
            HeaderField best = null;
            int bestCount = INDEX_AT - 1;
            for (HeaderField field : KEY_FIELDS) {
                final long count = sorted.stream().filter(flow -> flow.match().exactValue(field) >= 0).count();
                if (count > bestCount) {
                    best = field;
                    bestCount = (int) count;
                }
            }
            key = best;
            if (key != null) {
                for (CompiledFlow flow : sorted) {
                    final long value = flow.match().exactValue(key);
                    if (value >= 0) {
                        byKey.computeIfAbsent(value, ignored -> new ArrayList<>()).add(flow);
                    } else {
                        unkeyed.add(flow);
                    }
                }
            }
        }

        List<CompiledFlow> candidates(final SymbolicPacket packet) {
            if (key == null) {
                return sorted;
            }
            final long value = packet.known(key);
            if (value < 0) {
                return sorted;
            }
            return merged(byKey.getOrDefault(value, List.of()), unkeyed);
        }
    }

    /** Two priority-ordered lists as one. */
    private static List<CompiledFlow> merged(final List<CompiledFlow> first, final List<CompiledFlow> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        final var merged = new ArrayList<CompiledFlow>(first.size() + second.size());
        int left = 0;
        int right = 0;
        while (left < first.size() || right < second.size()) {
            if (right == second.size() || left < first.size()
                    && first.get(left).flow().priority() >= second.get(right).flow().priority()) {
                merged.add(first.get(left++));
            } else {
                merged.add(second.get(right++));
            }
        }
        return merged;
    }
}
