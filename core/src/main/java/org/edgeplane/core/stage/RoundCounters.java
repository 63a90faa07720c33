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
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
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
 * @param lastTimes where the last round's time went
 * @param writes per switch, the writes it accepted and those that failed since the controller started
 */
public record RoundCounters(long rounds, long audits, long lastRoundMillis, long lastFlowChanges, String lastCause,
        SortedMap<String, StageRound> lastStages, RoundTimes lastTimes, SortedMap<String, SwitchWrites> writes) {
    public static final RoundCounters NONE = new RoundCounters(0, 0, 0, 0, "", new TreeMap<>(), RoundTimes.NONE,
        new TreeMap<>());

    public RoundCounters {
        lastStages = Collections.unmodifiableSortedMap(new TreeMap<>(lastStages));
        writes = Collections.unmodifiableSortedMap(new TreeMap<>(writes));
    }

    /**
     * A switch's writes since the controller started: a write is one round's changes to it, sent in one bundle.
     *
     * @param accepted writes the switch committed
     * @param failed writes that failed: refused, timed out, not sent (switch not connected, ledger not written)
     */
    public record SwitchWrites(long accepted, long failed) {
        public static final SwitchWrites NONE = new SwitchWrites(0, 0);
    }

    /**
     * The counters after one more round.
     *
     * @param results each switch's outcome in the round
     */
    public RoundCounters afterRound(final String cause, final long millis, final long flowChanges,
            final Map<String, StageRound> stages, final RoundTimes times, final Map<String, SwitchResult> results) {
        final var counted = new TreeMap<>(writes);
        results.forEach((switchId, result) -> {
            // A takeover that waits changes nothing and sends nothing: it is no write.
            if (result.changes() > 0) {
                final SwitchWrites before = counted.getOrDefault(switchId, SwitchWrites.NONE);
                counted.put(switchId, result.error().isEmpty()
                    ? new SwitchWrites(before.accepted() + 1, before.failed())
                    : new SwitchWrites(before.accepted(), before.failed() + 1));
            }
        });
        return new RoundCounters(rounds + 1, audits, millis, flowChanges, cause, new TreeMap<>(stages), times,
            counted);
    }

    /** The counters after one more audit. */
    public RoundCounters afterAudit() {
        return new RoundCounters(rounds, audits + 1, lastRoundMillis, lastFlowChanges, lastCause, lastStages,
            lastTimes, writes);
    }

    /**
     * Where one round's time went, in order. Together they run from the first change the round took to the last
     * switch's acknowledgement.
     *
     * @param noticedAtMillis when the first change the round took was noticed (epoch milliseconds)
     * @param waitMillis from then to the round's start: the coalescing delay and any round still running
     * @param readMillis reading the one snapshot of intent and inventory
     * @param compileMillis every stage's compile
     * @param diffMillis the reconciler's diff of every switch
     * @param sendMillis turning the differences into switch messages and sending them
     * @param ackMillis from then until every switch acknowledged (the bundle committed)
     */
    public record RoundTimes(long noticedAtMillis, long waitMillis, long readMillis, long compileMillis,
            long diffMillis, long sendMillis, long ackMillis) {
        public static final RoundTimes NONE = new RoundTimes(0, 0, 0, 0, 0, 0, 0);
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
