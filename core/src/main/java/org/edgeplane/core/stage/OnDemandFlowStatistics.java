/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;

/** An app's flow counters, asked of every connected switch when they are read. */
public final class OnDemandFlowStatistics implements FlowStatistics {
    private final SwitchFlowReader reader;
    private final Supplier<Set<String>> connectedSwitches;

    public OnDemandFlowStatistics(final SwitchFlowReader reader, final Supplier<Set<String>> connectedSwitches) {
        this.reader = requireNonNull(reader);
        this.connectedSwitches = requireNonNull(connectedSwitches);
    }

    @Override
    public Map<Long, FlowCounter> countersByCookie(final Owner owner) throws SnapshotUnavailableException {
        final Set<String> switches = connectedSwitches.get();
        final var flows = reader.flows(switches, Cookies.appPrefix(owner), Cookies.APP_MASK);
        if (flows.isEmpty() && !switches.isEmpty()) {
            throw new SnapshotUnavailableException("no switch answered for its flow statistics",
                new IllegalStateException(switches.size() + " switches silent"));
        }
        final var counters = new HashMap<Long, FlowCounter>();
        flows.values().forEach(list -> list.forEach(
            flow -> counters.merge(flow.cookie(), flow.counter(), FlowCounter::plus)));
        return counters;
    }
}
