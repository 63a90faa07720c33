/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the worker that runs rounds (snapshot, compile, stages, reconcile, status), the stage SPI other apps
 * plug into, the flow audit and the status report. Its ODL sources and sinks are interfaces implemented in
 * {@code odl}.
 */
package org.edgeplane.isolation.service;
