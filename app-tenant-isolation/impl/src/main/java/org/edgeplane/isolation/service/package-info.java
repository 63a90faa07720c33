/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: tenant isolation as the core's binding stage ({@code IsolationStage}: compile, edge facts, status after
 * each round and audit), the status report, and the operations the shell commands use. Its status sink is an
 * interface implemented in {@code odl}.
 */
package org.edgeplane.isolation.service;
