/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Table;

/**
 * A flow the reconciler has installed: where it is, and what it is when that is known.
 *
 * @param table the table that holds it
 * @param content what was written, or empty when it was found installed by an earlier run
 */
public record InstalledFlow(Table table, Optional<FlowRecord> content) {
    public InstalledFlow {
        requireNonNull(table);
        requireNonNull(content);
    }

    static InstalledFlow written(final FlowRecord flow) {
        return new InstalledFlow(flow.table(), Optional.of(flow));
    }

    boolean isExactly(final FlowRecord flow) {
        return content.isPresent() && content.orElseThrow().equals(flow);
    }
}
