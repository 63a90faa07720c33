/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.counters;

import org.edgeplane.core.stage.SnapshotUnavailableException;

/** What the firewall offers operators (the Karaf shell). */
public interface FirewallOperations {
    /** The counters from the switches' latest flow statistics. */
    FirewallCounters counters() throws SnapshotUnavailableException;
}
