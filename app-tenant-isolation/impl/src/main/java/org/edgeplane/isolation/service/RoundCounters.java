/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the worker has been running, for operators: whether rounds run, what started the last one and what it cost.
 *
 * @param rounds compile rounds since the controller started
 * @param audits audits of the switches' flow statistics since the controller started
 * @param lastRoundMillis how long the last round took, from reading the datastore to the writes being sent
 * @param lastFlowChanges flows, groups and meters the last round added, changed or removed
 * @param lastCause what marked the last round's work: {@code intent}, {@code switch:<id>}, {@code stage:<name>},
 *     {@code retry}, ...
 * @param lastStageMillis how long each pipeline stage took to compile in the last round
 */
public record RoundCounters(long rounds, long audits, long lastRoundMillis, long lastFlowChanges, String lastCause,
        SortedMap<String, Long> lastStageMillis) {
    public static final RoundCounters NONE = new RoundCounters(0, 0, 0, 0, "", new TreeMap<>());

    public RoundCounters {
        lastStageMillis = Collections.unmodifiableSortedMap(new TreeMap<>(lastStageMillis));
    }

    RoundCounters afterRound(final String cause, final long millis, final long flowChanges,
            final Map<String, Long> stageMillis) {
        return new RoundCounters(rounds + 1, audits, millis, flowChanges, cause, new TreeMap<>(stageMillis));
    }

    RoundCounters afterAudit() {
        return new RoundCounters(rounds, audits + 1, lastRoundMillis, lastFlowChanges, lastCause, lastStageMillis);
    }
}
