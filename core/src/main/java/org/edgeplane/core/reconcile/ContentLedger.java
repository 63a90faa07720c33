/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.edgeplane.core.reconcile.ContentSums.Sum;

/**
 * Where the reconciler records what each switch holds, so that another controller (a newly elected cluster member,
 * the same one after a restart or {@link Reconciler#forgetAll}) can take a switch over without rewriting it.
 * Implementations keep the record outside this process (the configuration datastore, replicated to every member).
 *
 * <p>Invariant: the record's sums, with every entry its {@code pending} set names taken as unknown, describe what the
 * switch holds. The record is updated after a write, so the entries a write may change are named as pending before
 * it is sent ({@link #intends}); a controller dying between a switch's commit and its record leaves those entries
 * pending, and its successor rewrites just them.
 */
public interface ContentLedger {
    /** In a pending set: the write replaces everything Edgeplane owns on the switch. */
    String EVERYTHING = "*";

    /** Records nothing: every switch a reconciler does not know is rewritten in full. */
    ContentLedger NONE = new ContentLedger() {
        @Override
        public Optional<Recorded> recorded(final String switchId) {
            return Optional.empty();
        }

        @Override
        public OptionalLong flowsOn(final String switchId) {
            return OptionalLong.empty();
        }

        @Override
        public void intends(final Map<String, Set<String>> touched) {
            // nothing to record
        }

        @Override
        public void committed(final String switchId, final Map<String, Optional<Sum>> changed,
                final boolean replaced) {
            // nothing to record
        }
    };

    /**
     * A switch's record.
     *
     * @param sums every entry's sum, as last recorded
     * @param pending entries a write may have changed since ({@link #EVERYTHING}: any)
     */
    record Recorded(Map<String, Sum> sums, Set<String> pending) {
        public Recorded {
            sums = Map.copyOf(requireNonNull(sums));
            pending = Set.copyOf(requireNonNull(pending));
        }

        /** Whether a write that replaces everything was in flight: nothing of the record can be trusted. */
        public boolean replacing() {
            return pending.contains(EVERYTHING);
        }
    }

    /**
     * The record of a switch, empty when there is none.
     *
     * @throws RuntimeException when it cannot be read now
     */
    Optional<Recorded> recorded(String switchId);

    /** How many Edgeplane flows the switch holds now, as it answers; empty when it does not answer. */
    OptionalLong flowsOn(String switchId);

    /**
     * Names the entries each switch's coming write may change (or {@link #EVERYTHING}), and returns once that is
     * recorded, before the writes are sent.
     *
     * @throws RuntimeException when it could not be recorded: the writes must not be sent
     */
    void intends(Map<String, Set<String>> touched);

    /**
     * The switch accepted a write: these entries now have these sums (empty: gone), and none is pending any more.
     * With {@code replaced}, {@code changed} holds every entry and the switch holds nothing else. Recorded
     * asynchronously, in order.
     */
    void committed(String switchId, Map<String, Optional<Sum>> changed, boolean replaced);
}
