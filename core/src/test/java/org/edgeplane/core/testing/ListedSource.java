/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import java.util.Collection;
import java.util.List;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.FlowSource;
import org.edgeplane.core.flow.FlowsById;

/**
 * A source that holds its members as records and hands out an equal copy of one on every read, as a compiler's
 * source makes its members anew: what any source must read back as. One that {@code vouches} answers
 * {@link #sameSpan} with the stretch of equal members (ids included) that another such source holds.
 */
public record ListedSource(List<FlowRecord> flows, boolean vouches) implements FlowSource {
    public ListedSource {
        flows = List.copyOf(flows);
    }

    public ListedSource(final List<FlowRecord> flows) {
        this(flows, false);
    }

    /** These flows as members of one source, by id. */
    public static FlowsById indexed(final Collection<FlowRecord> flows) {
        return indexed(flows, false);
    }

    /** These flows as members of one source that vouches for stretches, by id. */
    public static FlowsById indexed(final Collection<FlowRecord> flows, final boolean vouches) {
        final var source = new ListedSource(List.copyOf(flows), vouches);
        final var builder = FlowsById.builder();
        for (int member = 0; member < source.size(); member++) {
            builder.add(source, member);
        }
        return builder.build();
    }

    @Override
    public int size() {
        return flows.size();
    }

    @Override
    public FlowId id(final int member) {
        return flows.get(member).flowId();
    }

    @Override
    public int sameSpan(final int member, final FlowSource other, final int otherMember) {
        if (!vouches || !(other instanceof ListedSource that) || !that.vouches) {
            return 0;
        }
        int span = 0;
        while (member + span < size() && otherMember + span < that.size()
                && flows.get(member + span).equals(that.flows.get(otherMember + span))) {
            span++;
        }
        return span;
    }

    @Override
    public FlowRecord flow(final int member) {
        final FlowRecord flow = flows.get(member);
        return new FlowRecord(flow.flowId(), flow.table(), flow.priority(), flow.cookie(), flow.match(),
            flow.instructions());
    }
}
