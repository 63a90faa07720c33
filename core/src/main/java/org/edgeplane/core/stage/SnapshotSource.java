/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

/**
 * Reads a fresh snapshot of intent and inventory.
 */
public interface SnapshotSource {
    /**
     * Reads now.
     *
     * @throws SnapshotUnavailableException when the datastore cannot be read; the worker retries
     */
    Snapshot read() throws SnapshotUnavailableException;
}
