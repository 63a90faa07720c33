/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.reconcile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.pipeline.Table;

/**
 * What must change on one switch to turn its installed flows into its desired flows.
 *
 * @param switchId the switch
 * @param writes flows to add or overwrite, in id order
 * @param removals flows to delete: id and the table that holds it
 */
public record FlowDiff(String switchId, List<FlowRecord> writes, SortedMap<String, Table> removals) {

    public FlowDiff {
        writes = List.copyOf(writes);
        removals = Collections.unmodifiableSortedMap(new TreeMap<>(removals));
    }

    /**
     * The difference between what a switch holds and what it should hold. An installed flow whose content is
     * unknown (as after a restart) is always rewritten.
     */
    public static FlowDiff between(final String switchId, final Map<String, InstalledFlow> installed,
            final Map<String, FlowRecord> desired) {
        final var writes = new ArrayList<FlowRecord>();
        desired.values().stream().sorted(Comparator.comparing(FlowRecord::id))
            .filter(flow -> !installed.containsKey(flow.id()) || !installed.get(flow.id()).isExactly(flow))
            .forEach(writes::add);
        final var removals = new TreeMap<String, Table>();
        installed.forEach((id, flow) -> {
            final FlowRecord wanted = desired.get(id);
            // A flow that moved to another table is a new flow: the old entry must go.
            if (wanted == null || wanted.table() != flow.table()) {
                removals.put(id, flow.table());
            }
        });
        return new FlowDiff(switchId, writes, removals);
    }

    public boolean isEmpty() {
        return writes.isEmpty() && removals.isEmpty();
    }

    public int size() {
        return writes.size() + removals.size();
    }
}
