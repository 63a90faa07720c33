/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.status;

import org.edgeplane.core.stage.SnapshotUnavailableException;

/** What service insertion offers operators (the Karaf shell). */
public interface ServiceInsertionOperations {
    /** The chains as last compiled, with packet counts from the switches' latest flow statistics. */
    ChainStatus status() throws SnapshotUnavailableException;
}
