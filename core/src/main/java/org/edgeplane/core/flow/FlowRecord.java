/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.edgeplane.core.pipeline.Table;

/**
 * One desired flow on one switch. Two records with the same id are the same flow; a record that differs in any
 * other field must be rewritten.
 *
 * @param flowId deterministic id, unique per switch, derived from the object and the rule that made the flow
 * @param table pipeline stage
 * @param priority priority within the table, from {@link org.edgeplane.core.pipeline.Priority}
 * @param cookie app and object, see {@link org.edgeplane.core.pipeline.Cookies}
 * @param match what the flow matches
 * @param instructions what it does; empty drops
 */
public record FlowRecord(FlowId flowId, Table table, int priority, long cookie, FlowMatch match,
        List<Instruction> instructions) {

    public FlowRecord {
        requireNonNull(flowId);
        requireNonNull(table);
        requireNonNull(match);
        instructions = List.copyOf(instructions);
    }

    /** A flow whose id is given as whole text. */
    public FlowRecord(final String id, final Table table, final int priority, final long cookie,
            final FlowMatch match, final List<Instruction> instructions) {
        this(FlowId.of(id), table, priority, cookie, match, instructions);
    }

    /** The id's text: the flow's key on the switch and in the datastore. */
    public String id() {
        return flowId.toString();
    }

    /** Canonical text for golden tests and the operator's flow dump: table by name, never by number. */
    @Override
    public String toString() {
        final String actions = instructions.isEmpty() ? "drop"
            : instructions.stream().map(Instruction::toString).collect(Collectors.joining(" "));
        return String.format("%s prio=%d %s -> %s", table, priority, match, actions);
    }
}
