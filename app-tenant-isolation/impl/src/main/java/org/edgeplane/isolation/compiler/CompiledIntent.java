/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.endpoint.LazySortedMap;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.stage.Fabric;

/**
 * What the compiler wants on the switches. The per-switch maps must be unmodifiable (the compiler's are); only
 * the outer maps are copied, so that an incremental update costs what it changed.
 *
 * @param flowsBySwitch desired flows by switch, then by flow id (unordered); a switch without flows is absent
 * @param metersBySwitch desired meters by switch, then by meter id; a switch without meters is absent
 * @param groupsBySwitch desired groups (other apps') by switch, then by group id; a switch without groups is absent
 * @param ports an outcome for every port of the intent
 * @param portsDown bound ports whose switch reports their link down or the port disabled
 * @param profiles the profile each known switch was compiled for
 * @param fabric how frames of a network reach another switch
 */
public record CompiledIntent(SortedMap<String, Map<String, FlowRecord>> flowsBySwitch,
        SortedMap<String, SortedMap<Long, MeterRecord>> metersBySwitch,
        SortedMap<String, Map<Long, GroupRecord>> groupsBySwitch, SortedMap<String, PortOutcome> ports,
        SortedSet<String> portsDown, SortedMap<String, SwitchProfile> profiles, Fabric fabric) {

    public CompiledIntent {
        flowsBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(flowsBySwitch));
        metersBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(metersBySwitch));
        groupsBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(groupsBySwitch));
        // A compiler's outcomes come merged when first read; a copy would merge them now.
        ports = ports instanceof LazySortedMap ? ports : Collections.unmodifiableSortedMap(new TreeMap<>(ports));
        portsDown = Collections.unmodifiableSortedSet(new TreeSet<>(portsDown));
        profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
        requireNonNull(fabric);
    }

    /** What other stages build on: the usable ports' places, ports down, profiles and fabric. */
    public EdgeFacts edgeFacts() {
        final var places = new TreeMap<String, PortPlace>();
        ports.values().forEach(outcome -> {
            if (outcome.error().isEmpty() && outcome.ofPort() > 0) {
                places.put(outcome.portId(), new PortPlace(outcome.switchId(), outcome.ofPort()));
            }
        });
        return new EdgeFacts(places, portsDown, profiles, fabric);
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
