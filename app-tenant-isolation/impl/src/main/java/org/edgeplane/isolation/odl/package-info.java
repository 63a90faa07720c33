/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Adapter (ODL): the only package of tenant isolation that imports ODL: the status sink, the RESTCONF guard and its
 * body check, and the Blueprint-wired provider that plugs isolation into the core.
 */
package org.edgeplane.isolation.odl;
