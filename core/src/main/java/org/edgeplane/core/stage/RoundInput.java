/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a stage compiles from in one round.
 *
 * @param snapshot the endpoints, every app's intent and the inventory, read at one moment
 * @param facts what the binding stage resolved this round; {@link EdgeFacts#NONE} for the binding stage itself
 * @param recompileSwitch a switch an operator asked to rebuild: everything on it is compiled afresh
 */
public record RoundInput(Snapshot snapshot, EdgeFacts facts, Optional<String> recompileSwitch) {
    public RoundInput {
        requireNonNull(snapshot);
        requireNonNull(facts);
        requireNonNull(recompileSwitch);
    }
}
