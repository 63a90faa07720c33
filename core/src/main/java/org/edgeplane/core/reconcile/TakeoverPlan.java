/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.edgeplane.core.reconcile.ContentSums.Sum;

/**
 * What a controller that knows nothing of a switch keeps of it, from the ledger's record and the switch's flow
 * count: every entry whose recorded sum equals its desired one and that no write left pending is held as it is; a
 * flow entry that differs or is pending, and that the switch may hold, is swept and written anew; a meter or group
 * that differs is rewritten where the switch certainly holds it. Anything else is a reason to replace the switch.
 *
 * @param kind what it comes to
 * @param clean entries the switch holds exactly as desired
 * @param heldUnknown meter and group entries the switch holds with content that is not the desired one
 * @param changed entries that are not held as desired (changed, or in flight)
 * @param sweeps objects whose flows in a table are deleted before the desired ones are added
 * @param reason why the switch is replaced, for the log; empty otherwise
 * @param desired the desired content's sums, for the log
 */
record TakeoverPlan(Kind kind, Set<String> clean, Set<String> heldUnknown, SortedSet<String> changed,
        SortedSet<FlowSweep> sweeps, String reason, Map<String, Sum> desired) {
    enum Kind {
        /** It holds exactly its desired content: nothing to write. */
        HELD,
        /** Some entries are held; the rest are swept and written. */
        PARTLY_HELD,
        /** What it holds is not known: it is replaced in full. */
        REPLACE
    }

    TakeoverPlan {
        requireNonNull(kind);
        clean = Set.copyOf(clean);
        heldUnknown = Set.copyOf(heldUnknown);
        changed = new TreeSet<>(changed);
        sweeps = new TreeSet<>(sweeps);
        requireNonNull(reason);
        desired = Map.copyOf(desired);
    }

    private static TakeoverPlan replace(final String reason) {
        return new TakeoverPlan(Kind.REPLACE, Set.of(), Set.of(), new TreeSet<>(), new TreeSet<>(), reason,
            Map.of());
    }

    /**
     * The plan for a switch.
     *
     * @param recorded its record
     * @param flowsOnSwitch how many Edgeplane flows it reports now
     * @param wanted its desired content
     */
    static TakeoverPlan of(final ContentLedger.Recorded recorded, final long flowsOnSwitch,
            final SwitchContent wanted) {
        if (recorded.replacing()) {
            return replace("a replacement of its content was in flight");
        }
        final ContentSums was = ContentSums.recorded(recorded.sums());
        // A switch that restarted empty, or lost flows behind Edgeplane's back, holds less than its record says.
        final long recordedFlows = was.flowCount();
        if (recorded.pending().isEmpty() ? flowsOnSwitch != recordedFlows : flowsOnSwitch == 0 && recordedFlows > 0) {
            return replace("it holds " + flowsOnSwitch + " Edgeplane flows where its record has " + recordedFlows);
        }
        final Map<String, Sum> before = was.entries();
        final Map<String, Sum> after = ContentSums.of(wanted).entries();
        final var entries = new HashSet<String>(before.keySet());
        entries.addAll(after.keySet());
        entries.addAll(recorded.pendingEntries());
        final var clean = new HashSet<String>();
        final var changed = new TreeSet<String>();
        final var heldUnknown = new HashSet<String>();
        final var sweeps = new TreeSet<FlowSweep>();
        for (String entry : entries) {
            final boolean pending = recorded.pendingEntries().contains(entry);
            if (!pending && Objects.equals(before.get(entry), after.get(entry))) {
                clean.add(entry);
                continue;
            }
            changed.add(entry);
            if (ContentSums.isFlowEntry(entry)) {
                if (pending || before.containsKey(entry)) {
                    sweeps.add(ContentSums.sweepOf(entry));
                }
            } else if (pending && !(before.containsKey(entry) && after.containsKey(entry))) {
                // OpenFlow has no add-or-modify for meters and groups.
                return replace(entry + " may or may not be on it (a write in flight added or removed it)");
            } else if (before.containsKey(entry)) {
                heldUnknown.add(entry);
            }
        }
        return new TakeoverPlan(changed.isEmpty() ? Kind.HELD : Kind.PARTLY_HELD, clean, heldUnknown, changed,
            sweeps, "", after);
    }
}
