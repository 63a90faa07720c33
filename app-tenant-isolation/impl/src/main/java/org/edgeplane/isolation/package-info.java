/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Tenant isolation: the core's binding stage, which binds ports to switch ports and keeps tenants and networks
 * apart at every edge port.
 */
package org.edgeplane.isolation;
