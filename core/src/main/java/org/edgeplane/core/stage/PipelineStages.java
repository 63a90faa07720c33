/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

/** Where other apps plug their stage into tenant isolation's worker. */
public interface PipelineStages {
    /**
     * Adds a stage; its flows are installed from the next round on.
     *
     * @return closing it removes the stage, and with the next round its flows
     */
    AutoCloseable register(PipelineStage stage);

    /** The stage's own intent changed: recompute soon. Cheap and safe from any thread. */
    void stageChanged(PipelineStage stage);
}
