/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import org.edgeplane.core.pipeline.Table;

/**
 * Flows that share most of what they are, such as one port's firewall rule flows, kept once and made when read:
 * a compiler hands these to {@link FlowsById} instead of thousands of records. Members are numbered from 0; an
 * implementation is immutable, so that any thread may read it.
 */
public interface FlowSource {
    /** How many members there are. */
    int size();

    /** The id of a member, without making the flow. */
    FlowId id(int member);

    /** The hash of a member's id ({@link FlowId#hashCode()}); sources that can should compute it without the id. */
    default int idHash(final int member) {
        return id(member).hashCode();
    }

    /** A member, made anew on every call. */
    FlowRecord flow(int member);

    /** The table of a member; sources that can should answer without making the flow. */
    default Table table(final int member) {
        return flow(member).table();
    }

    /**
     * Whether a member equals a member of another source, the ids aside (the caller found them by id). Sources of
     * one kind can tell from what the members share, without making them; this default makes both.
     */
    default boolean sameFlow(final int member, final FlowSource other, final int otherMember) {
        return flow(member).equals(other.flow(otherMember));
    }

    /**
     * How many members, from {@code member} on, equal the members of another source from {@code otherMember} on,
     * ids included, member for member: a source that makes its flows from shared parts can vouch for a whole
     * stretch at once (the rest of a rule) without making or naming them. Zero when it cannot tell; never more than
     * it can tell.
     */
    default int sameSpan(final int member, final FlowSource other, final int otherMember) {
        return 0;
    }
}
