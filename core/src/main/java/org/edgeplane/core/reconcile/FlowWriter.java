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
     * @return completes when the change is durable, or fails with the reason it was not applied at all
     */
    ListenableFuture<?> apply(FlowDiff diff);
}
