/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.flow.SwitchFlows;
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
 */
public record FlowDiff(String switchId, List<FlowRecord> writes, SortedMap<String, Table> removals,
        List<MeterRecord> meterWrites, SortedSet<Long> meterRemovals, List<GroupRecord> groupWrites,
        SortedSet<Long> groupRemovals) {

    public FlowDiff {
        writes = List.copyOf(writes);
        removals = Collections.unmodifiableSortedMap(new TreeMap<>(removals));
        meterWrites = List.copyOf(meterWrites);
        meterRemovals = Collections.unmodifiableSortedSet(new TreeSet<>(meterRemovals));
        groupWrites = List.copyOf(groupWrites);
        groupRemovals = Collections.unmodifiableSortedSet(new TreeSet<>(groupRemovals));
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
     * the flows of both are unions of parts ({@link SwitchFlows#partsOf}) whose ids are disjoint within each, and a
     * part present in both (the same object) holds the same flows. So a flow is written only if it is in a part new
     * to {@code after}, and removed only if it is in a part gone from {@code before} and no new part holds its id.
     */
    public static FlowDiff betweenParts(final String switchId, final Map<String, InstalledFlow> installed,
            final Map<String, FlowRecord> before, final Map<String, FlowRecord> after) {
        final Set<Map<String, FlowRecord>> beforeParts = identitySet(SwitchFlows.partsOf(before));
        final Set<Map<String, FlowRecord>> afterParts = identitySet(SwitchFlows.partsOf(after));
        final var added = new HashMap<String, FlowRecord>();
        for (Map<String, FlowRecord> part : afterParts) {
            if (!beforeParts.contains(part)) {
                part.values().forEach(flow -> added.put(flow.id(), flow));
            }
        }
        final var writes = new ArrayList<FlowRecord>();
        added.values().forEach(flow -> {
            final InstalledFlow current = installed.get(flow.id());
            if (current == null || !current.isExactly(flow)) {
                writes.add(flow);
            }
        });
        writes.sort(Comparator.comparing(FlowRecord::flowId));
        final var removals = new TreeMap<String, Table>();
        for (Map<String, FlowRecord> part : beforeParts) {
            if (!afterParts.contains(part)) {
                part.values().forEach(flow -> {
                    final FlowRecord wanted = added.get(flow.id());
                    if (wanted == null || wanted.table() != flow.table()) {
                        removals.put(flow.id(), flow.table());
                    }
                });
            }
        }
        return new FlowDiff(switchId, writes, removals);
    }

    private static Set<Map<String, FlowRecord>> identitySet(final List<Map<String, FlowRecord>> parts) {
        final Set<Map<String, FlowRecord>> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(parts);
        return set;
    }

    /** This diff with the meter and group changes of the same switch. */
    public FlowDiff withObjects(final List<MeterRecord> newMeterWrites, final SortedSet<Long> newMeterRemovals,
            final List<GroupRecord> newGroupWrites, final SortedSet<Long> newGroupRemovals) {
        return new FlowDiff(switchId, writes, removals, newMeterWrites, newMeterRemovals, newGroupWrites,
            newGroupRemovals);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public int size() {
        return writes.size() + removals.size() + meterWrites.size() + meterRemovals.size() + groupWrites.size()
            + groupRemovals.size();
    }
}
