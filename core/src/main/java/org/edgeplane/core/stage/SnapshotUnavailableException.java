/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

/**
 * The datastore could not be read.
 */
public final class SnapshotUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SnapshotUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
