/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import org.edgeplane.core.pipeline.Table;

/**
 * Every flow of one table that carries exactly one cookie (one object of one app), deleted whatever its match: how a
 * switch loses flows whose exact content is not known, only that they may be there (a controller taking over from a
 * ledger that lists the object as changed or in flight).
 *
 * @param table the table
 * @param cookie the full cookie
 */
public record FlowSweep(Table table, long cookie) implements Comparable<FlowSweep> {
    public FlowSweep {
        requireNonNull(table);
    }

    @Override
    public int compareTo(final FlowSweep other) {
        final int byTable = Integer.compare(table.id(), other.table.id());
        return byTable != 0 ? byTable : Long.compareUnsigned(cookie, other.cookie);
    }
}
