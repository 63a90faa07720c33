/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;

/**
 * What one round wrote, for the stages to publish their status from.
 *
 * @param snapshot what the round read
 * @param results what each switch took, by switch
 * @param counters the worker's counters after the round
 * @param reportedFlows {@code FlowAudit.identities} of Edgeplane's flows each switch holds after the round, by
 *     switch: what a switch took whole (its bundle committed), else what its last audit read; absent when unknown.
 *     Made when first asked for, on the worker's thread only (a stage's {@code written}): most rounds need none.
 * @param verificationErrors by port: the isolation property the round's flows break through that port, with a
 *     witness (the round was not installed unless verification is report-only); empty when the round is proven
 */
public record RoundReport(Snapshot snapshot, SortedMap<String, SwitchResult> results, RoundCounters counters,
        Supplier<Map<String, Set<String>>> reportedFlows, Map<String, String> verificationErrors) {
    public RoundReport {
        requireNonNull(snapshot);
        results = Collections.unmodifiableSortedMap(new TreeMap<>(results));
        requireNonNull(counters);
        requireNonNull(reportedFlows);
        verificationErrors = Map.copyOf(verificationErrors);
    }

    /** A report of a proven round. */
    public RoundReport(final Snapshot snapshot, final SortedMap<String, SwitchResult> results,
            final RoundCounters counters, final Supplier<Map<String, Set<String>>> reportedFlows) {
        this(snapshot, results, counters, reportedFlows, Map.of());
    }
}
