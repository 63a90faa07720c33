/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import org.edgeplane.core.endpoint.Intent;

/**
 * A part of the pipeline an app adds (firewall, service insertion). Each round, after the binding stage ran, the
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
     * @param intent the endpoints of this round: tenants, networks, ports, switch configurations
     * @param facts what the binding stage resolved this round: where each usable port is, each switch's profile
     */
    StageFlows compile(Intent intent, EdgeFacts facts);
}
