/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Adapter (ODL): the firewall's codec from the datastore, its provider (Blueprint) and status publisher.
 */
package org.edgeplane.firewall.odl;
