/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Adapter (Karaf shell): the {@code edgeplane:ports}, {@code :flows} and {@code :recompute} commands, over
 * {@link org.edgeplane.isolation.service.IsolationOperations}; the views they print are pure ({@code OperatorViews}).
 */
package org.edgeplane.isolation.cli;
