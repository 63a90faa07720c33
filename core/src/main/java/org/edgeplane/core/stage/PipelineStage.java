/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgeplane.core.verify.Steering;

/**
 * One app's part of the pipeline. Each round the worker reads one snapshot and calls every registered stage in
 * {@link #order()}: the binding stage (tenant isolation) first, which resolves the {@link EdgeFacts} the others
 * build on, then the firewall and service insertion. The union of their flows goes to the one reconciler, so all
 * Edgeplane flows of a switch are diffed and written together.
 */
public interface PipelineStage {
    /** The order of the binding stage, which resolves where ports are. */
    int BINDING = 0;
    /** The order of the firewall. */
    int FIREWALL = 10;
    /** The order of service insertion. */
    int SERVICE_INSERTION = 20;

    /** A short name for logs, dirty keys and status. */
    String name();

    /** Where the stage runs in a round: lower first; two stages never share an order. */
    int order();

    /**
     * The stage's desired flows (for the tables its app owns), groups and meters. Called on the worker thread; a pure
     * function of the input, which may return its previous result when its slice of the input is unchanged. The
     * per-switch maps are not modified afterwards. A failure is caught per object inside the stage; a stage that
     * throws keeps its previous flows for the round.
     */
    StageFlows compile(RoundInput input);

    /** After the round's writes were sent: what each switch took. On the worker thread. */
    default void written(final RoundReport report) {
        // Most stages publish their status from their own statistics.
    }

    /**
     * After an audit of the switches' flow statistics. On the worker thread.
     *
     * @param reportedFlows {@code FlowAudit.identities} of the flows each switch reports, by switch
     * @param counters the worker's counters after the audit
     */
    default void audited(final Map<String, Set<String>> reportedFlows, final RoundCounters counters) {
        // Most stages have nothing to update.
    }

    /**
     * What the stage's own objects are called, by the cookie of their flows (a firewall rule, a chain's hop), for a
     * packet trace; objects named after a network, port or switch are named by the core. Pure in the snapshot.
     */
    default Map<Long, String> cookieNames(final Snapshot snapshot) {
        return Map.of();
    }

    /**
     * The paths the stage steers traffic on by design (a service chain's live hops), read from its intent and the
     * binding stage's facts (which ports are up): the isolation verifier lets them cross networks of a tenant and
     * checks each against its classifier and order. Pure in the snapshot and facts.
     */
    default List<Steering> steering(final Snapshot snapshot, final EdgeFacts facts) {
        return List.of();
    }
}
