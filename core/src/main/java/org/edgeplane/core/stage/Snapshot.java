/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;

/**
 * Everything one round reads, taken at one moment.
 *
 * @param intent the endpoints orchestration asked for: tenants, networks, ports, switch configurations
 * @param inventory the switches connected now, by node id
 * @param slices each app's own intent (security groups, chains), decoded from the same read, by app name
 */
public record Snapshot(Intent intent, Map<String, SwitchFacts> inventory, Map<String, Object> slices) {
    public Snapshot {
        requireNonNull(intent);
        inventory = Map.copyOf(inventory);
        slices = Map.copyOf(slices);
    }

    /** An app's intent in this snapshot, or {@code absent} when it has none (nothing configured, or not read). */
    public <T> T slice(final String app, final Class<T> type, final T absent) {
        final Object slice = slices.get(app);
        return slice == null ? absent : type.cast(slice);
    }

    /** A snapshot without apps' intent. */
    public Snapshot(final Intent intent, final Map<String, SwitchFacts> inventory) {
        this(intent, inventory, Map.of());
    }
}
