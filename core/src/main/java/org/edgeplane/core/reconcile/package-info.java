/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the reconciler that diffs desired against installed flows per switch and writes the difference through a
 * {@link org.edgeplane.core.reconcile.FlowWriter}; the writer and resync interfaces, not their ODL
 * implementations.
 */
package org.edgeplane.core.reconcile;
