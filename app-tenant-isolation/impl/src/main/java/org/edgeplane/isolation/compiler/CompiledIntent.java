/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.isolation.flow.FlowRecord;

/**
 * The compiler's output: desired flows per switch (by flow id), and what became of each port.
 */
public record CompiledIntent(SortedMap<String, SortedMap<String, FlowRecord>> flowsBySwitch,
        SortedMap<String, PortOutcome> ports) {

    public CompiledIntent {
        final var copy = new TreeMap<String, SortedMap<String, FlowRecord>>();
        flowsBySwitch.forEach((sw, flows) -> copy.put(sw, Collections.unmodifiableSortedMap(new TreeMap<>(flows))));
        flowsBySwitch = Collections.unmodifiableSortedMap(copy);
        ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
    }

    /** Desired flows of one switch; empty when it should hold none. */
    public Map<String, FlowRecord> flowsOf(final String switchId) {
        return flowsBySwitch.getOrDefault(switchId, Collections.emptySortedMap());
    }
}
