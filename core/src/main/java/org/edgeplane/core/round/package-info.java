/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: one round of the core: the worker that reads one snapshot, runs the registered stages in order, reconciles
 * their union and tells each stage what was written; the audit of what the switches report, on its own timer.
 */
package org.edgeplane.core.round;
