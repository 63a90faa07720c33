/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Adapter (ODL): the only package of the core that imports ODL: the OpenFlow translator, the inventory flow writer
 * and statistics reader, the forwarding-rules resync, the intent codec and commit-check registry, the operational
 * publisher and listener registrations.
 */
package org.edgeplane.core.odl;
