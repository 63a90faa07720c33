/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;

/** Joins stages' flows and groups per switch, as a round's union does. */
public final class FlowMaps {
    private FlowMaps() {
    }

    /** Every part's flows of each switch, by flow id. */
    @SafeVarargs
    public static Map<String, Map<String, FlowRecord>> union(
            final Map<String, ? extends Map<String, FlowRecord>>... parts) {
        final var union = new TreeMap<String, Map<String, FlowRecord>>();
        for (Map<String, ? extends Map<String, FlowRecord>> part : parts) {
            part.forEach((switchId, flows) -> union.computeIfAbsent(switchId, key -> new LinkedHashMap<>())
                .putAll(flows));
        }
        return union;
    }

    /** Flows listed per switch, by flow id. */
    public static Map<String, Map<String, FlowRecord>> byId(
            final Map<String, ? extends Collection<FlowRecord>> flows) {
        final var byId = new TreeMap<String, Map<String, FlowRecord>>();
        flows.forEach((switchId, list) -> list.forEach(flow -> byId.computeIfAbsent(switchId,
            key -> new LinkedHashMap<>()).put(flow.id(), flow)));
        return byId;
    }

    /** Every part's groups of each switch. */
    @SafeVarargs
    public static Map<String, Map<Long, GroupRecord>> groups(
            final Map<String, ? extends Map<Long, GroupRecord>>... parts) {
        final var union = new TreeMap<String, Map<Long, GroupRecord>>();
        for (Map<String, ? extends Map<Long, GroupRecord>> part : parts) {
            part.forEach((switchId, groups) -> union.computeIfAbsent(switchId, key -> new TreeMap<>())
                .putAll(groups));
        }
        return union;
    }
}
