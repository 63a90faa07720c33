/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps installed flows equal to desired flows. It remembers what it installed (per switch, by flow id), diffs the
 * desired state against that, writes only the difference through the {@link FlowWriter}, and updates its memory
 * only for writes that succeeded, so a failed switch is retried with the full difference next time. Not thread
 * safe: one worker owns it.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final FlowWriter writer;
    private final Duration writeTimeout;
    private final Map<String, Map<String, InstalledFlow>> installed = new HashMap<>();
    private final InstalledObjects<MeterRecord> installedMeters = new InstalledObjects<>(MeterRecord::meterId);
    private final InstalledObjects<GroupRecord> installedGroups = new InstalledObjects<>(GroupRecord::groupId);
    /**
     * Per switch, the desired tables (by identity) that were last applied in full. The compiler hands out the same
     * table objects for switches an update did not touch, so a round costs what changed, not what exists.
     */
    private final Map<String, Applied> lastApplied = new HashMap<>();

    private record Applied(Map<String, FlowRecord> flows, Map<Long, MeterRecord> meters,
            Map<Long, GroupRecord> groups) {
        boolean isSame(final Applied other) {
            return flows == other.flows && meters == other.meters && groups == other.groups;
        }
    }

    /** The outcome for one switch. */
    public record SwitchResult(int desired, int installed, int changes, Optional<String> error) {
    }

    public Reconciler(final FlowWriter writer, final Duration writeTimeout) {
        this.writer = requireNonNull(writer);
        this.writeTimeout = requireNonNull(writeTimeout);
    }

    /**
     * Seeds the memory with flows found installed by an earlier run; their content is unknown, so each is either
     * rewritten (still desired) or removed (no longer desired) on the next reconcile.
     */
    public void adoptInstalled(final String switchId, final Map<String, Table> flows) {
        final var known = installed.computeIfAbsent(switchId, key -> new HashMap<>());
        flows.forEach((id, table) -> known.putIfAbsent(id, InstalledFlow.found(table)));
        lastApplied.remove(switchId);
    }

    /** Seeds the memory with meters found installed by an earlier run, like {@link #adoptInstalled}. */
    public void adoptInstalledMeters(final String switchId, final Set<Long> meterIds) {
        installedMeters.adopt(switchId, meterIds);
        lastApplied.remove(switchId);
    }

    /** Seeds the memory with groups found installed by an earlier run, like {@link #adoptInstalled}. */
    public void adoptInstalledGroups(final String switchId, final Set<Long> groupIds) {
        installedGroups.adopt(switchId, groupIds);
        lastApplied.remove(switchId);
    }

    /** Forgets what was installed on a switch, so the next reconcile rewrites all of its flows and meters. */
    public void forget(final String switchId) {
        lastApplied.remove(switchId);
        final var flows = installed.get(switchId);
        if (flows != null) {
            flows.replaceAll((id, flow) -> InstalledFlow.found(flow.table()));
        }
        installedMeters.forget(switchId);
        installedGroups.forget(switchId);
    }

    /** Flows only: every switch should hold no meter and no group. */
    public SortedMap<String, SwitchResult> reconcile(final Map<String, ? extends Map<String, FlowRecord>>
            desiredBySwitch) {
        return reconcile(desiredBySwitch, Map.of(), Map.of());
    }

    /**
     * Brings every switch that has desired or installed flows to its desired state. All diffs are submitted before
     * any is awaited; every future is awaited, so none is dropped.
     *
     * @param desiredBySwitch desired flows per switch; a switch that is absent should hold no Edgeplane flow
     * @param desiredMetersBySwitch desired meters per switch, by meter id
     * @param desiredGroupsBySwitch desired groups per switch, by group id
     * @return per switch: counts, and the error if its write failed
     */
    public SortedMap<String, SwitchResult> reconcile(final Map<String, ? extends Map<String, FlowRecord>>
            desiredBySwitch, final Map<String, ? extends Map<Long, MeterRecord>> desiredMetersBySwitch,
            final Map<String, ? extends Map<Long, GroupRecord>> desiredGroupsBySwitch) {
        final var switchIds = new TreeSet<String>(desiredBySwitch.keySet());
        switchIds.addAll(installed.keySet());
        switchIds.addAll(desiredMetersBySwitch.keySet());
        switchIds.addAll(installedMeters.switches());
        switchIds.addAll(desiredGroupsBySwitch.keySet());
        switchIds.addAll(installedGroups.switches());
        final var pending = new TreeMap<String, Future<?>>();
        final var results = new TreeMap<String, SwitchResult>();
        final var tables = new HashMap<String, Applied>();
        for (String switchId : switchIds) {
            final Map<String, FlowRecord> desired = desiredOf(desiredBySwitch, switchId);
            final Applied wanted = new Applied(desired, desiredOf(desiredMetersBySwitch, switchId),
                desiredOf(desiredGroupsBySwitch, switchId));
            final Applied last = lastApplied.get(switchId);
            if (last != null && last.isSame(wanted)) {
                results.put(switchId, new SwitchResult(desired.size(), installed.getOrDefault(switchId, Map.of())
                    .size(), 0, Optional.empty()));
            } else {
                tables.put(switchId, wanted);
            }
        }
        // Each switch's diff reads only its own tables and what it holds, so switches are diffed in parallel.
        final Map<String, FlowDiff> diffs = new TreeMap<>(tables.keySet().parallelStream().collect(
            Collectors.toMap(switchId -> switchId, switchId -> diff(switchId, tables.get(switchId)))));
        diffs.forEach((switchId, diff) -> {
            if (!diff.isEmpty()) {
                pending.put(switchId, submit(diff));
            }
        });
        for (var entry : diffs.entrySet()) {
            final String switchId = entry.getKey();
            final FlowDiff diff = entry.getValue();
            final Map<String, FlowRecord> desired = desiredOf(desiredBySwitch, switchId);
            Optional<String> error = Optional.empty();
            final Future<?> future = pending.get(switchId);
            if (future != null) {
                error = await(switchId, future);
                if (error.isEmpty()) {
                    remember(switchId, diff);
                }
            }
            if (error.isEmpty()) {
                lastApplied.put(switchId, tables.get(switchId));
            } else {
                lastApplied.remove(switchId);
            }
            final int installedCount = installed.getOrDefault(switchId, Map.of()).size();
            if (installedCount == 0) {
                installed.remove(switchId);
            }
            results.put(switchId, new SwitchResult(desired.size(), installedCount, diff.size(), error));
        }
        return results;
    }

    private FlowDiff diff(final String switchId, final Applied wanted) {
        final Applied last = lastApplied.get(switchId);
        final var installedFlows = installed.getOrDefault(switchId, Map.of());
        // Last round's tables were applied in full, so the switch holds them: only their changed parts matter.
        return (last != null ? FlowDiff.betweenParts(switchId, installedFlows, last.flows(), wanted.flows())
            : FlowDiff.between(switchId, installedFlows, wanted.flows()))
            .withObjects(installedMeters.writes(switchId, wanted.meters()),
                installedMeters.removals(switchId, wanted.meters()),
                installedGroups.writes(switchId, wanted.groups()),
                installedGroups.removals(switchId, wanted.groups()));
    }

    private static <K, V> Map<K, V> desiredOf(final Map<String, ? extends Map<K, V>> desiredBySwitch,
            final String switchId) {
        final Map<K, V> desired = desiredBySwitch.get(switchId);
        return desired == null ? Map.of() : desired;
    }

    /**
     * What this reconciler believes is installed on a switch (flow ids): a read-only view, valid on the thread that
     * reconciles (copy it to hand it elsewhere).
     */
    public Set<String> installedIds(final String switchId) {
        final var flows = installed.get(switchId);
        return flows == null ? Set.of() : Collections.unmodifiableSet(flows.keySet());
    }

    // A writer that throws instead of failing its future must not take the other switches down with it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Future<?> submit(final FlowDiff diff) {
        try {
            return writer.apply(diff);
        } catch (RuntimeException e) {
            LOG.warn("Switch {}: could not submit {} flow changes", diff.switchId(), diff.size(), e);
            return com.google.common.util.concurrent.Futures.immediateFailedFuture(e);
        }
    }

    private Optional<String> await(final String switchId, final Future<?> future) {
        try {
            future.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.warn("Switch {}: flow write failed", switchId, e.getCause());
            return Optional.of("flow write failed: " + e.getCause());
        } catch (TimeoutException e) {
            // The write may still land; forgetting the switch makes the next round rewrite it either way.
            forget(switchId);
            LOG.warn("Switch {}: flow write did not complete within {}", switchId, writeTimeout);
            return Optional.of("flow write timed out after " + writeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while writing flows");
        }
    }

    private void remember(final String switchId, final FlowDiff diff) {
        final var flows = installed.computeIfAbsent(switchId, key -> new HashMap<>());
        diff.removals().keySet().forEach(flows::remove);
        diff.writes().forEach(flow -> flows.put(flow.id(), InstalledFlow.written(flow)));
        installedMeters.remember(switchId, diff.meterWrites(), diff.meterRemovals());
        installedGroups.remember(switchId, diff.groupWrites(), diff.groupRemovals());
    }
}
