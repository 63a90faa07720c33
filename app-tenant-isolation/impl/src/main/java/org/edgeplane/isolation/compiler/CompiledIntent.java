/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.flow.MeterRecord;
import org.edgeplane.isolation.intent.SwitchProfile;

/**
 * What the compiler wants on the switches. The per-switch maps must be unmodifiable (the compiler's are); only
 * the outer maps are copied, so that an incremental update costs what it changed.
 *
 * @param flowsBySwitch desired flows by switch, then by flow id (unordered); a switch without flows is absent
 * @param metersBySwitch desired meters by switch, then by meter id; a switch without meters is absent
 * @param ports an outcome for every port of the intent
 * @param profiles the profile each known switch was compiled for
 */
public record CompiledIntent(SortedMap<String, Map<String, FlowRecord>> flowsBySwitch,
        SortedMap<String, SortedMap<Long, MeterRecord>> metersBySwitch, SortedMap<String, PortOutcome> ports,
        SortedMap<String, SwitchProfile> profiles) {

    public CompiledIntent {
        flowsBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(flowsBySwitch));
        metersBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(metersBySwitch));
        ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
        profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
    }

    /**
     * The same result with more flows on some switches, such as other apps' stages. The per-switch maps are
     * joined as views, not copied.
     */
    public CompiledIntent withExtraFlows(final Map<String, List<Map<String, FlowRecord>>> extraBySwitch) {
        if (extraBySwitch.isEmpty()) {
            return this;
        }
        final var merged = new TreeMap<>(flowsBySwitch);
        extraBySwitch.forEach((switchId, extra) -> {
            final var parts = new ArrayList<Map<String, FlowRecord>>();
            parts.add(flowsOf(switchId));
            parts.addAll(extra);
            merged.put(switchId, new SwitchFlows(parts));
        });
        return new CompiledIntent(merged, metersBySwitch, ports, profiles);
    }

    /** Desired flows of one switch; empty when it should hold none. */
    public Map<String, FlowRecord> flowsOf(final String switchId) {
        return flowsBySwitch.getOrDefault(switchId, Collections.emptyMap());
    }

    /** Desired meters of one switch; empty when it should hold none. */
    public Map<Long, MeterRecord> metersOf(final String switchId) {
        return metersBySwitch.getOrDefault(switchId, Collections.emptySortedMap());
    }
}
