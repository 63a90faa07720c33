/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.intent.Intent;

/**
 * Another app's part of the pipeline (firewall, service insertion). Each round, after isolation compiled, the
 * worker asks every registered stage for its flows and hands the union to the one reconciler, so all Edgeplane
 * flows of a switch are diffed and written together.
 */
public interface PipelineStage {
    /** A short name for logs and dirty keys. */
    String name();

    /**
     * The stage's desired flows (by switch and flow id, for the tables its app owns) and groups. Called on the
     * worker thread; must be a pure function of its arguments and the stage's own intent. The per-switch maps are
     * not modified afterwards.
     *
     * @param intent isolation's intent of this round
     * @param compiled isolation's result of this round: where each port is bound, each switch's profile
     */
    StageFlows compile(Intent intent, CompiledIntent compiled);
}
