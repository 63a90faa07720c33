/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.edgeplane.core.reconcile.ContentSums.Sum;

/**
 * Where the reconciler records what each switch holds, so that another controller (a newly elected cluster member,
 * the same one after a restart or {@link Reconciler#forgetAll}) can take a switch over without rewriting it.
 * Implementations keep the record outside this process (the configuration datastore, replicated to every member).
 *
 * <p>Invariant: the switch holds the record's sums, except where a pending write changed them: before a write is
 * sent, its stamp and the sums it leaves are recorded as pending ({@link #intends}); after the switch accepted it,
 * they become the record ({@link #committed}). Every write sets its stamp on the switch in the same bundle, so a
 * successor that finds a write still pending asks the switch which stamp it shows: the pending write's (it
 * landed), the record's (it never did), or neither (then the pending entries are unknown and rewritten).
 */
public interface ContentLedger {
    /** Records nothing: every switch a reconciler does not know is rewritten in full. */
    ContentLedger NONE = new ContentLedger() {
        @Override
        public Optional<Recorded> recorded(final String switchId) {
            return Optional.empty();
        }

        @Override
        public Optional<OnSwitch> onSwitch(final String switchId) {
            return Optional.empty();
        }

        @Override
        public void intends(final Map<String, PendingWrite> writes) {
            // nothing to record
        }

        @Override
        public void committed(final String switchId, final PendingWrite write) {
            // nothing to record
        }

        @Override
        public Map<String, Long> compiledWith() {
            return Map.of();
        }

        @Override
        public void compilingWith(final Map<String, Long> shapes) {
            // nothing to record
        }
    };

    /**
     * A write named before it is sent.
     *
     * @param stamp the stamp it sets on the switch ({@link FlowDiff#REMOVE_STAMP} when it leaves no content)
     * @param replaces whether it replaces everything Edgeplane owns on the switch
     * @param changes every entry it changes, with the sum it leaves (empty: gone); with {@code replaces}, every
     *     entry of the new content
     */
    record PendingWrite(long stamp, boolean replaces, Map<String, Optional<Sum>> changes) {
        public PendingWrite {
            changes = Map.copyOf(requireNonNull(changes));
        }
    }

    /**
     * A switch's record.
     *
     * @param sums every entry's sum, as last recorded
     * @param stamp the stamp of the last recorded write ({@link FlowDiff#REMOVE_STAMP}: none)
     * @param pending the write named and not recorded since, if any
     */
    record Recorded(Map<String, Sum> sums, long stamp, Optional<PendingWrite> pending) {
        public Recorded {
            sums = Map.copyOf(requireNonNull(sums));
            requireNonNull(pending);
        }

        /** The record of a switch nothing was recorded for yet. */
        public static Recorded none() {
            return new Recorded(Map.of(), FlowDiff.REMOVE_STAMP, Optional.empty());
        }

        /** Whether a write that replaces everything is pending: nothing of the record can be trusted alone. */
        public boolean replacing() {
            return pending.map(PendingWrite::replaces).orElse(false);
        }

        /** The entries a pending write may have changed. */
        public Set<String> pendingEntries() {
            return pending.map(write -> write.changes().keySet()).orElse(Set.of());
        }

        /** This record once {@code write} is named. */
        public Recorded intending(final PendingWrite write) {
            return new Recorded(sums, stamp, Optional.of(write));
        }

        /** This record once the switch accepted {@code write}. */
        public Recorded committed(final PendingWrite write) {
            final var after = write.replaces() ? new HashMap<String, Sum>() : new HashMap<>(sums);
            write.changes().forEach((name, sum) -> {
                if (sum.isPresent()) {
                    after.put(name, sum.orElseThrow());
                } else {
                    after.remove(name);
                }
            });
            return new Recorded(after, write.stamp(), Optional.empty());
        }

        /**
         * What the switch holds by this record, now that it shows {@code stampOnSwitch}: a pending write whose stamp
         * it shows landed; one whose predecessor's stamp it still shows never did. Otherwise it stays pending.
         */
        public Recorded resolvedBy(final long stampOnSwitch) {
            if (pending.isEmpty() || pending.orElseThrow().stamp() == stamp) {
                return this;
            }
            final PendingWrite write = pending.orElseThrow();
            if (stampOnSwitch == write.stamp()) {
                return committed(write);
            }
            return stampOnSwitch == stamp ? new Recorded(sums, stamp, Optional.empty()) : this;
        }
    }

    /**
     * What a switch shows now.
     *
     * @param flows how many Edgeplane flows it holds
     * @param stamp the value of its write stamp ({@link FlowDiff#REMOVE_STAMP}: none; {@link FlowDiff#NO_STAMP}:
     *     not known)
     */
    record OnSwitch(long flows, long stamp) {
    }

    /**
     * The record of a switch, empty when there is none.
     *
     * @throws RuntimeException when it cannot be read now
     */
    Optional<Recorded> recorded(String switchId);

    /** What the switch shows now, as it answers; empty when it does not answer. */
    Optional<OnSwitch> onSwitch(String switchId);

    /**
     * Names each switch's coming write, and returns once that is recorded, before the writes are sent.
     *
     * @throws RuntimeException when it could not be recorded: the writes must not be sent
     */
    void intends(Map<String, PendingWrite> writes);

    /** The switch accepted the write: it becomes the record. Recorded asynchronously, in order. */
    void committed(String switchId, PendingWrite write);

    /**
     * The switches the recorded content was compiled from, each by its shape (a digest of what it reports piece by
     * piece once discovered: ports by name, profile), by node id; empty when none are recorded.
     *
     * @throws RuntimeException when it cannot be read now
     */
    Map<String, Long> compiledWith();

    /** The switches the coming writes were compiled from, as {@link #compiledWith} reads them: recorded in order. */
    void compilingWith(Map<String, Long> shapes);
}
