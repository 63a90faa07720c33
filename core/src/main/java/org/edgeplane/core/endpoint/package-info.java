/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the endpoints every app keys on (tenants, networks, ports, switch configurations) as immutable records,
 * and the canonical forms of addresses and switch ports every app compares by.
 */
package org.edgeplane.core.endpoint;
