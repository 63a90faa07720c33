/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;

/**
 * Everything one recompute reads, taken at one moment.
 *
 * @param intent what orchestration asked for
 * @param inventory the switches connected now, by node id
 */
public record Snapshot(Intent intent, Map<String, SwitchFacts> inventory, Map<String, Set<String>> reportedFlows) {
    public Snapshot {
        requireNonNull(intent);
        inventory = Map.copyOf(inventory);
        reportedFlows = Map.copyOf(reportedFlows);
    }

    /** A snapshot of switches that reported no flow statistics. */
    public Snapshot(final Intent intent, final Map<String, SwitchFacts> inventory) {
        this(intent, inventory, Map.of());
    }
}
