/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the steering compiler: chains, hops and service functions in, SERVICE_CHAIN flows and select groups out;
 * a chain whose compile fails is rolled back alone.
 */
package org.edgeplane.insertion.compiler;
