/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ObjIntConsumer;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.FlowsById;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Table;

/**
 * What must change on one switch to turn its installed flows, meters and groups into the desired ones.
 *
 * @param switchId the switch
 * @param writes flows to add or overwrite, in id order
 * @param removals flows to delete: id and the table that holds it
 * @param meterWrites meters to add or overwrite, in id order (written before the flows that use them)
 * @param meterRemovals meters to delete (deleted after the flows that used them)
 * @param groupWrites groups to add or overwrite, in id order (written before the flows that use them)
 * @param groupRemovals groups to delete (deleted after the flows that used them)
 * @param sweeps objects whose flows in a table are all deleted, whatever they are, before any flow is added
 * @param stamp the write stamp the same bundle sets (see {@link org.edgeplane.core.pipeline.Cookies#WRITE_STAMP}):
 *     a value of 1 to 2^48-1, {@link #REMOVE_STAMP} (the write leaves no Edgeplane content), or {@link #NO_STAMP}
 */
public record FlowDiff(String switchId, List<FlowRecord> writes, SortedMap<String, Table> removals,
        List<MeterRecord> meterWrites, SortedSet<Long> meterRemovals, List<GroupRecord> groupWrites,
        SortedSet<Long> groupRemovals, SortedSet<FlowSweep> sweeps, long stamp) {
    /** The write leaves the switch's stamp as it is. */
    public static final long NO_STAMP = -1;
    /** The write removes the switch's stamp: it leaves no Edgeplane content there. */
    public static final long REMOVE_STAMP = 0;

    public FlowDiff {
        writes = List.copyOf(writes);
        removals = Collections.unmodifiableSortedMap(new TreeMap<>(removals));
        meterWrites = List.copyOf(meterWrites);
        meterRemovals = Collections.unmodifiableSortedSet(new TreeSet<>(meterRemovals));
        groupWrites = List.copyOf(groupWrites);
        groupRemovals = Collections.unmodifiableSortedSet(new TreeSet<>(groupRemovals));
        sweeps = Collections.unmodifiableSortedSet(new TreeSet<>(sweeps));
        if (stamp < NO_STAMP || stamp > Cookies.STAMP_VALUE_MASK) {
            throw new IllegalArgumentException("write stamp out of range: " + stamp);
        }
    }

    /** A diff without sweeps. */
    public FlowDiff(final String switchId, final List<FlowRecord> writes, final SortedMap<String, Table> removals,
            final List<MeterRecord> meterWrites, final SortedSet<Long> meterRemovals,
            final List<GroupRecord> groupWrites, final SortedSet<Long> groupRemovals) {
        this(switchId, writes, removals, meterWrites, meterRemovals, groupWrites, groupRemovals,
            Collections.emptySortedSet(), NO_STAMP);
    }

    /** A diff of flows only. */
    public FlowDiff(final String switchId, final List<FlowRecord> writes, final SortedMap<String, Table> removals) {
        this(switchId, writes, removals, List.of(), Collections.emptySortedSet(), List.of(),
            Collections.emptySortedSet());
    }

    /**
     * The difference between the flows a switch holds and those it should hold. An installed flow whose content is
     * unknown (as after a restart) is always rewritten.
     */
    public static FlowDiff between(final String switchId, final Map<String, InstalledFlow> installed,
            final Map<String, FlowRecord> desired) {
        final var writes = new ArrayList<FlowRecord>();
        // Read once: a union of many parts answers a lookup by id part by part.
        final var desiredTables = new HashMap<String, Table>(desired.size() * 4 / 3 + 1);
        for (FlowRecord flow : desired.values()) {
            desiredTables.put(flow.id(), flow.table());
            final InstalledFlow current = installed.get(flow.id());
            if (current == null || !current.isExactly(flow)) {
                writes.add(flow);
            }
        }
        writes.sort(Comparator.comparing(FlowRecord::flowId));
        final var removals = new TreeMap<String, Table>();
        installed.forEach((id, flow) -> {
            // A flow that moved to another table is a new flow: the old entry must go.
            if (desiredTables.get(id) != flow.table()) {
                removals.put(id, flow.table());
            }
        });
        return new FlowDiff(switchId, writes, removals);
    }

    /**
     * The same difference as {@link #between}, found by looking only at the parts that changed. It holds when the
     * switch holds exactly the flows of {@code before} (the reconciler knows this when it applied them in full);
     * the flows of both are unions of parts ({@link SwitchFlows#changedParts}) whose ids are disjoint within each,
     * and a part present in both (the same object) holds the same flows. So a flow is written only if it is in a
     * part new to {@code after}, and removed only if it is in a part gone from {@code before} and no new part holds
     * its id. A new part's flow is compared with the gone part's flow of the same id, which is what the switch
     * holds: where both are members of sources, by what the members share, without making either.
     */
    public static FlowDiff betweenParts(final String switchId, final Map<String, InstalledFlow> installed,
            final Map<String, FlowRecord> before, final Map<String, FlowRecord> after) {
        final var goneParts = new ArrayList<Map<String, FlowRecord>>();
        final var freshParts = new ArrayList<Map<String, FlowRecord>>();
        final var partners = new ArrayList<Integer>();
        SwitchFlows.changedParts(before, after, goneParts, freshParts, partners);
        if (!allIndexed(goneParts) || !allIndexed(freshParts)) {
            return byFlows(switchId, installed, goneParts, freshParts);
        }
        final List<FlowsById> gone = goneParts.stream().map(FlowsById.class::cast).toList();
        final var held = new GoneFlows(gone);
        final var writes = new ArrayList<FlowRecord>();
        final var removals = new TreeMap<String, Table>();
        for (int part = 0; part < freshParts.size(); part++) {
            final FlowsById now = (FlowsById) freshParts.get(part);
            final int partner = partners.get(part);
            int position = 0;
            while (position < now.size()) {
                final FlowId id = now.idAt(position);
                final long found = held.find(id, partner);
                if (found < 0) {
                    final FlowRecord flow = now.flowAt(position);
                    final InstalledFlow current = installed.get(flow.id());
                    if (current == null || !current.isExactly(flow)) {
                        writes.add(flow);
                    }
                    position++;
                    continue;
                }
                final int wasPart = (int) (found >>> 32);
                final FlowsById was = gone.get(wasPart);
                final int wasPosition = (int) found;
                if (was.tableAt(wasPosition) != now.tableAt(position)) {
                    // A flow that moved to another table is a new flow: the old entry must go.
                    removals.put(id.toString(), was.tableAt(wasPosition));
                    writes.add(now.flowAt(position));
                    position++;
                    continue;
                }
                // A stretch the sources vouch for holds the flows the switch holds, under the same ids: all found.
                final int run = now.sameRunAt(position, was, wasPosition);
                if (run > 0) {
                    held.markFound(wasPart, wasPosition, run);
                    position += run;
                    continue;
                }
                if (!now.sameFlowAt(position, was, wasPosition)) {
                    writes.add(now.flowAt(position));
                }
                position++;
            }
        }
        held.forEachUnmatched((was, position) -> removals.put(was.idAt(position).toString(), was.tableAt(position)));
        writes.sort(Comparator.comparing(FlowRecord::flowId));
        return new FlowDiff(switchId, writes, removals);
    }

    private static boolean allIndexed(final List<Map<String, FlowRecord>> parts) {
        for (Map<String, FlowRecord> part : parts) {
            if (!(part instanceof FlowsById)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #betweenParts} where some changed part is a plain map: every flow of the new parts is compared with
     * what the switch holds, and every flow of the gone parts that no new part holds is removed.
     */
    private static FlowDiff byFlows(final String switchId, final Map<String, InstalledFlow> installed,
            final List<Map<String, FlowRecord>> gone, final List<Map<String, FlowRecord>> fresh) {
        final var added = new HashMap<String, FlowRecord>();
        fresh.forEach(part -> part.values().forEach(flow -> added.put(flow.id(), flow)));
        final var writes = new ArrayList<FlowRecord>();
        added.values().forEach(flow -> {
            final InstalledFlow current = installed.get(flow.id());
            if (current == null || !current.isExactly(flow)) {
                writes.add(flow);
            }
        });
        writes.sort(Comparator.comparing(FlowRecord::flowId));
        final var removals = new TreeMap<String, Table>();
        gone.forEach(part -> part.values().forEach(flow -> {
            final FlowRecord wanted = added.get(flow.id());
            if (wanted == null || wanted.table() != flow.table()) {
                removals.put(flow.id(), flow.table());
            }
        }));
        return new FlowDiff(switchId, writes, removals);
    }

    /**
     * The flows of the gone parts, found by id: first in the part a new part replaced, else through an index of
     * them all, made only when a lookup needs it. Remembers which were found.
     */
    private static final class GoneFlows {
        /** Up to this many parts, a lookup probes each; beyond, it makes an index of all their flows once. */
        private static final int FEW_PARTS = 8;

        private final List<FlowsById> parts;
        private final BitSet[] found;
        private @Nullable Map<FlowId, Long> all;

        GoneFlows(final List<FlowsById> parts) {
            this.parts = parts;
            found = new BitSet[parts.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = new BitSet(parts.get(i).size());
            }
        }

        /** The part (high half) and position (low half) of the flow with this id, or -1. */
        long find(final FlowId id, final int partner) {
            if (partner >= 0) {
                final int position = parts.get(partner).positionOf(id);
                if (position >= 0) {
                    return mark(partner, position);
                }
            }
            if (parts.size() <= FEW_PARTS) {
                for (int part = 0; part < parts.size(); part++) {
                    final int position = part == partner ? -1 : parts.get(part).positionOf(id);
                    if (position >= 0) {
                        return mark(part, position);
                    }
                }
                return -1;
            }
            Map<FlowId, Long> index = all;
            if (index == null) {
                index = new HashMap<>();
                for (int part = 0; part < parts.size(); part++) {
                    for (int position = 0; position < parts.get(part).size(); position++) {
                        index.put(parts.get(part).idAt(position), (long) part << 32 | position);
                    }
                }
                all = index;
            }
            final Long at = index.get(id);
            return at == null ? -1 : mark((int) (at >>> 32), (int) (long) at);
        }

        /** Marks {@code count} positions of a part from {@code position} on as found. */
        void markFound(final int part, final int position, final int count) {
            found[part].set(position, position + count);
        }

        private long mark(final int part, final int position) {
            found[part].set(position);
            return (long) part << 32 | position;
        }

        void forEachUnmatched(final ObjIntConsumer<FlowsById> action) {
            for (int part = 0; part < parts.size(); part++) {
                final BitSet matched = found[part];
                for (int position = matched.nextClearBit(0); position < parts.get(part).size();
                        position = matched.nextClearBit(position + 1)) {
                    action.accept(parts.get(part), position);
                }
            }
        }
    }

    /** This diff with the meter and group changes of the same switch. */
    public FlowDiff withObjects(final List<MeterRecord> newMeterWrites, final SortedSet<Long> newMeterRemovals,
            final List<GroupRecord> newGroupWrites, final SortedSet<Long> newGroupRemovals) {
        return new FlowDiff(switchId, writes, removals, newMeterWrites, newMeterRemovals, newGroupWrites,
            newGroupRemovals, sweeps, stamp);
    }

    /** This diff, sweeping these objects' flows first. */
    public FlowDiff withSweeps(final SortedSet<FlowSweep> newSweeps) {
        return new FlowDiff(switchId, writes, removals, meterWrites, meterRemovals, groupWrites, groupRemovals,
            newSweeps, stamp);
    }

    /** This diff, setting (or removing) the switch's write stamp in the same bundle. */
    public FlowDiff withStamp(final long newStamp) {
        return new FlowDiff(switchId, writes, removals, meterWrites, meterRemovals, groupWrites, groupRemovals,
            sweeps, newStamp);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public int size() {
        return writes.size() + removals.size() + meterWrites.size() + meterRemovals.size() + groupWrites.size()
            + groupRemovals.size() + sweeps.size();
    }
}
