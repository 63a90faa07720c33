/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowWriter;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.edgeplane.core.stage.SwitchFlowReader;

/**
 * Switches that hold what they are written, and can be told to refuse. A write to a switch whose content the
 * reconciler does not know replaces all of it, as the bundle writer's does. Safe to read from a test's thread while
 * a worker writes.
 */
public final class FakeSwitches implements FlowWriter, SwitchFlowReader {
    private final Map<String, Map<String, FlowRecord>> tables = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, GroupRecord>> groups = new ConcurrentHashMap<>();
    private final List<FlowDiff> applied = new CopyOnWriteArrayList<>();
    private final List<String> replaced = new CopyOnWriteArrayList<>();
    /** Each switch's write stamp, absent when it shows none. */
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private volatile boolean refusing;

    @Override
    public synchronized ListenableFuture<?> apply(final FlowDiff diff, final SwitchHeld held) {
        if (refusing) {
            return Futures.immediateFailedFuture(new IllegalStateException("switch refused the bundle"));
        }
        applied.add(diff);
        final var flows = new TreeMap<String, FlowRecord>(held.isKnown() ? tables.getOrDefault(diff.switchId(),
            Map.of()) : Map.of());
        final var switchGroups = new TreeMap<Long, GroupRecord>(held.isKnown()
            ? groups.getOrDefault(diff.switchId(), Map.of()) : Map.of());
        if (!held.isKnown()) {
            replaced.add(diff.switchId());
        }
        diff.sweeps().forEach(sweep -> flows.values().removeIf(flow -> flow.table() == sweep.table()
            && flow.cookie() == sweep.cookie()));
        diff.removals().keySet().forEach(flows::remove);
        diff.writes().forEach(flow -> flows.put(flow.id(), flow));
        diff.groupRemovals().forEach(switchGroups::remove);
        diff.groupWrites().forEach(group -> switchGroups.put(group.groupId(), group));
        tables.put(diff.switchId(), flows);
        groups.put(diff.switchId(), switchGroups);
        if (diff.stamp() == FlowDiff.REMOVE_STAMP) {
            stamps.remove(diff.switchId());
        } else if (diff.stamp() != FlowDiff.NO_STAMP) {
            stamps.put(diff.switchId(), diff.stamp());
        }
        return Futures.immediateFuture(null);
    }

    /** Every switch written answers with what it holds. */
    @Override
    public Map<String, Long> counts(final Collection<String> switchIds, final long cookie, final long mask) {
        final var counts = new HashMap<String, Long>();
        switchIds.forEach(switchId -> {
            final var flows = tables.get(switchId);
            if (flows != null) {
                counts.put(switchId, flows.values().stream()
                    .filter(flow -> (flow.cookie() & mask) == (cookie & mask)).count());
            }
        });
        return counts;
    }

    /** Silent: a fake switch keeps no counters. */
    @Override
    public Map<String, List<ReportedFlow>> flows(final Collection<String> switchIds, final long cookie,
            final long mask) {
        return Map.of();
    }

    /** The stamp each switch shows, by switch; a switch without one is absent. */
    public Map<String, Long> stamps() {
        return stamps;
    }

    /** Refuse every write from now on, or accept them again. */
    public void refuse(final boolean refuse) {
        refusing = refuse;
    }

    /** The flows each switch holds, by id; a switch never written is absent. */
    public Map<String, Map<String, FlowRecord>> tables() {
        return tables;
    }

    /** The groups each switch holds, by id. */
    public Map<String, Map<Long, GroupRecord>> groups() {
        return groups;
    }

    /** Every diff written, in order. */
    public List<FlowDiff> applied() {
        return applied;
    }

    /** The switches whose content a write replaced in full, in order. */
    public List<String> replaced() {
        return replaced;
    }

    /** Flow, meter and group changes written so far. */
    public int changes() {
        return applied.stream().mapToInt(FlowDiff::size).sum();
    }
}
