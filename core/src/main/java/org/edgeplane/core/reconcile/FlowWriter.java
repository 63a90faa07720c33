/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import com.google.common.util.concurrent.ListenableFuture;

/**
 * The one place that changes switches: applies a diff to one switch, atomically.
 */
public interface FlowWriter {
    /**
     * Applies the diff.
     *
     * @param diff what changes
     * @param held what the switch holds before it; when that is not known, the diff is the whole desired state and
     *     replaces everything Edgeplane owns on the switch
     * @return completes when the switch acknowledged the change, or fails with the reason it was not applied
     */
    ListenableFuture<?> apply(FlowDiff diff, SwitchHeld held);
}
