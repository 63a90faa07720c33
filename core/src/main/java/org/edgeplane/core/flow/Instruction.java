/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.List;
import java.util.stream.Collectors;
import org.edgeplane.core.pipeline.Table;

/**
 * An OpenFlow 1.3 instruction. A flow with no instruction drops the frame.
 */
public sealed interface Instruction {

    /** Apply actions now, in order. */
    record ApplyActions(List<Action> actions) implements Instruction {
        public ApplyActions {
            actions = List.copyOf(actions);
        }

        @Override
        public String toString() {
            return actions.stream().map(Action::toString).collect(Collectors.joining(",", "apply(", ")"));
        }
    }

    /** Set the masked bits of the metadata register. */
    record WriteMetadata(long value, long mask) implements Instruction {
        @Override
        public String toString() {
            return String.format("write_metadata:0x%x/0x%x", value, mask);
        }
    }

    /** Police the frame with a meter of the same switch before anything else. */
    record Meter(long meterId) implements Instruction {
        @Override
        public String toString() {
            return "meter:" + meterId;
        }
    }

    /** Continue in a later table. */
    record GotoTable(Table table) implements Instruction {
        @Override
        public String toString() {
            return "goto:" + table;
        }
    }
}
