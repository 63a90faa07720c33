/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.stage.StageFlows;

/**
 * Every stage's flows, groups and meters of one round, per switch. A switch's flows are the stages' maps joined as
 * a view, not copied, so a round costs what the stages changed. Group and meter ids are per switch; two stages
 * asking for the same id on one switch is a bug, refused here.
 *
 * @param flowsBySwitch desired flows by switch, then by flow id; a switch without flows is absent
 * @param groupsBySwitch desired groups by switch, then by group id
 * @param metersBySwitch desired meters by switch, then by meter id
 */
record RoundUnion(Map<String, Map<String, FlowRecord>> flowsBySwitch,
        Map<String, Map<Long, GroupRecord>> groupsBySwitch, Map<String, Map<Long, MeterRecord>> metersBySwitch) {
    static final RoundUnion EMPTY = new RoundUnion(Map.of(), Map.of(), Map.of());

    /** Desired flows of one switch; empty when it should hold none. */
    Map<String, FlowRecord> flowsOf(final String switchId) {
        return flowsBySwitch.getOrDefault(switchId, Collections.emptyMap());
    }

    /** Collects the stages' results in round order. */
    static final class Builder {
        private final Map<String, List<Map<String, FlowRecord>>> flowParts = new TreeMap<>();
        private final Map<String, Map<Long, GroupRecord>> groups = new TreeMap<>();
        private final Map<String, Map<Long, MeterRecord>> meters = new TreeMap<>();

        void add(final String stage, final StageFlows flows) {
            flows.flowsBySwitch().forEach((switchId, switchFlows) -> {
                if (!switchFlows.isEmpty()) {
                    flowParts.computeIfAbsent(switchId, key -> new ArrayList<>()).add(switchFlows);
                }
            });
            merge(stage, "group", flows.groupsBySwitch(), groups);
            merge(stage, "meter", flows.metersBySwitch(), meters);
        }

        private static <V> void merge(final String stage, final String kind, final Map<String, Map<Long, V>> extra,
                final Map<String, Map<Long, V>> into) {
            extra.forEach((switchId, byId) -> byId.forEach((id, value) -> {
                if (into.computeIfAbsent(switchId, key -> new HashMap<>()).putIfAbsent(id, value) != null) {
                    throw new IllegalArgumentException("stage " + stage + " wants " + kind + " " + id + " on "
                        + switchId + ", which an earlier stage uses");
                }
            }));
        }

        RoundUnion build() {
            final var flows = new TreeMap<String, Map<String, FlowRecord>>();
            flowParts.forEach((switchId, parts) -> flows.put(switchId, parts.size() == 1 ? parts.get(0)
                : new SwitchFlows(parts)));
            final var groupsOut = new TreeMap<String, Map<Long, GroupRecord>>();
            groups.forEach((switchId, byId) -> groupsOut.put(switchId, Collections.unmodifiableMap(byId)));
            final var metersOut = new TreeMap<String, Map<Long, MeterRecord>>();
            meters.forEach((switchId, byId) -> metersOut.put(switchId, Collections.unmodifiableMap(byId)));
            return new RoundUnion(Collections.unmodifiableMap(flows), Collections.unmodifiableMap(groupsOut),
                Collections.unmodifiableMap(metersOut));
        }
    }
}
