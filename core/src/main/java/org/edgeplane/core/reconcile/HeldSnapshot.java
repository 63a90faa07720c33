/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.flow.FlowRecord;

/**
 * The part of what a switch holds that one write reads, copied out of the reconciler so that the write can be made
 * elsewhere (on the member that masters the switch): the flows the diff removes or replaces, and which of the diff's
 * groups and meters the switch holds.
 *
 * @param known whether the switch's Edgeplane content is known
 * @param flowCount how many Edgeplane flows it holds (0 when not known)
 * @param flows the held flows the diff removes or rewrites, by id
 * @param groups the diff's group ids the switch holds
 * @param meters the diff's meter ids the switch holds
 */
public record HeldSnapshot(boolean known, int flowCount, Map<String, FlowRecord> flows, SortedSet<Long> groups,
        SortedSet<Long> meters) implements SwitchHeld {
    public HeldSnapshot {
        flows = Map.copyOf(flows);
        groups = new TreeSet<>(groups);
        meters = new TreeSet<>(meters);
    }

    /** What {@code held} says about everything {@code diff} touches. */
    public static HeldSnapshot of(final FlowDiff diff, final SwitchHeld held) {
        final var flows = new TreeMap<String, FlowRecord>();
        diff.removals().keySet().forEach(id -> held.flow(id).ifPresent(flow -> flows.put(id, flow)));
        diff.writes().forEach(write -> held.flow(write.id()).ifPresent(flow -> flows.put(write.id(), flow)));
        final var groups = new TreeSet<Long>();
        diff.groupWrites().forEach(group -> {
            if (held.holdsGroup(group.groupId())) {
                groups.add(group.groupId());
            }
        });
        diff.groupRemovals().stream().filter(held::holdsGroup).forEach(groups::add);
        final var meters = new TreeSet<Long>();
        diff.meterWrites().forEach(meter -> {
            if (held.holdsMeter(meter.meterId())) {
                meters.add(meter.meterId());
            }
        });
        diff.meterRemovals().stream().filter(held::holdsMeter).forEach(meters::add);
        return new HeldSnapshot(held.isKnown(), held.flowCount(), flows, groups, meters);
    }

    @Override
    public boolean isKnown() {
        return known;
    }

    @Override
    public Optional<FlowRecord> flow(final String flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }

    @Override
    public boolean holdsGroup(final long groupId) {
        return groups.contains(groupId);
    }

    @Override
    public boolean holdsMeter(final long meterId) {
        return meters.contains(meterId);
    }
}
