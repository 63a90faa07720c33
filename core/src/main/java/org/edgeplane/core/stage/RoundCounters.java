/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.stage.StageFlows.StageWork;

/**
 * How the worker has been running, for operators: whether rounds run, what started the last one and what it cost.
 *
 * @param rounds compile rounds since the controller started
 * @param audits audits of the switches' flow statistics since the controller started
 * @param lastRoundMillis how long the last round took, from reading the datastore to the writes being sent
 * @param lastFlowChanges flows, groups and meters the last round added, changed or removed
 * @param lastCause what marked the last round's work: {@code intent}, {@code switch:<id>}, {@code stage:<name>},
 *     {@code retry}, ...
 * @param lastStages what each pipeline stage did in the last round, by name
 */
public record RoundCounters(long rounds, long audits, long lastRoundMillis, long lastFlowChanges, String lastCause,
        SortedMap<String, StageRound> lastStages) {
    public static final RoundCounters NONE = new RoundCounters(0, 0, 0, 0, "", new TreeMap<>());

    public RoundCounters {
        lastStages = Collections.unmodifiableSortedMap(new TreeMap<>(lastStages));
    }

    /** The counters after one more round. */
    public RoundCounters afterRound(final String cause, final long millis, final long flowChanges,
            final Map<String, StageRound> stages) {
        return new RoundCounters(rounds + 1, audits, millis, flowChanges, cause, new TreeMap<>(stages));
    }

    /** The counters after one more audit. */
    public RoundCounters afterAudit() {
        return new RoundCounters(rounds, audits + 1, lastRoundMillis, lastFlowChanges, lastCause, lastStages);
    }

    /**
     * What one stage did in a round.
     *
     * @param compileMillis how long it took to compile
     * @param work how much it compiled again and how much it reused
     */
    public record StageRound(long compileMillis, StageWork work) {
    }
}
