/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.Set;
import org.edgeplane.core.endpoint.ChangedKeys;
import org.edgeplane.core.endpoint.Intent;

/**
 * The ids of intent entries that may have changed since the compiler's last update. Saying too much is only
 * slower; saying too little makes the result wrong, so callers that do not know exactly use {@link #between}.
 *
 * @param networks network ids
 * @param ports port ids
 * @param switches switch node ids (configuration or inventory facts)
 */
public record IntentChanges(Set<String> networks, Set<String> ports, Set<String> switches) {
    public IntentChanges {
        networks = Set.copyOf(networks);
        ports = Set.copyOf(ports);
        switches = Set.copyOf(switches);
    }

    /** Exactly the entries that differ between two snapshots. */
    public static IntentChanges between(final Intent before, final Intent after) {
        return new IntentChanges(ChangedKeys.between(before.networks(), after.networks()),
            ChangedKeys.between(before.ports(), after.ports()),
            ChangedKeys.between(before.switches(), after.switches()));
    }
}
