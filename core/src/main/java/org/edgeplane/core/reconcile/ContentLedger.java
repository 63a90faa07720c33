/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

/**
 * Where the reconciler records what it committed to each switch, so that another controller (a newly elected
 * cluster member, the same one after {@link Reconciler#forgetAll}) can take a switch over without rewriting it.
 * Implementations keep the record outside this process (the operational datastore, replicated to every member).
 */
public interface ContentLedger {
    /** Records nothing and never lets a switch be taken over: every unknown switch is rewritten in full. */
    ContentLedger NONE = new ContentLedger() {
        @Override
        public Holding holds(final String switchId, final SwitchContent content) {
            return Holding.NOT_KNOWN_TO;
        }

        @Override
        public void committed(final String switchId, final SwitchContent content) {
            // nothing to record
        }
    };

    /** What the ledger and the switch tell of a switch's content. */
    enum Holding {
        /**
         * The last content committed to the switch had this content's {@link SwitchContent#fingerprint()}, and the
         * switch reports as many Edgeplane flows now (it did not restart empty or lose flows since).
         */
        EXACTLY,
        /** No record, another content recorded, or another number of flows on the switch: it must be written. */
        NOT_KNOWN_TO,
        /**
         * The record matches but the switch did not answer for its count (it may be changing master): writing it
         * now could replace flows it holds already, so it waits for the next round.
         */
        UNANSWERED
    }

    /** Whether the switch holds exactly {@code content}, as far as the ledger and the switch tell. */
    Holding holds(String switchId, SwitchContent content);

    /**
     * The switch accepted a write and now holds {@code content} (or, when it is empty, nothing of Edgeplane's).
     * Recorded asynchronously: a record that lags the switch only costs a full rewrite at the next takeover.
     */
    void committed(String switchId, SwitchContent content);
}
