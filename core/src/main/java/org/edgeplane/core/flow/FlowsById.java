/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.pipeline.Table;

/**
 * An unmodifiable map from flow id text to flow, for the switches that hold thousands of flows. It keeps no entry
 * object and no id text per flow. Flows are either whole records or members of a {@link FlowSource}, which are
 * made when read: a member costs two array slots. An open-addressing table of positions is probed with the hash of
 * the id, which {@link FlowId} computes without building the text. Reading values makes every member of a source anew,
 * so a reader that needs a flow twice keeps it.
 */
public final class FlowsById extends AbstractMap<String, FlowRecord> {
    private static final FlowsById EMPTY = new Builder().build();

    /** Positions {@code 0 .. records.length - 1}. */
    private final FlowRecord[] records;
    /** Then the members of sources: the member {@code members[i]} of {@code sources[i]}. */
    private final FlowSource[] sources;
    private final int[] members;
    /** Position + 1 of the flow in each slot; 0 is an empty slot. A power of two, less than three quarters full. */
    private final int[] slots;
    /** The hash of each flow's id, by position: a lookup makes an id only where the hash is the one it seeks. */
    private final int[] hashes;

    private FlowsById(final FlowRecord[] records, final FlowSource[] sources, final int[] members) {
        this.records = records;
        this.sources = sources;
        this.members = members;
        final int size = size();
        slots = new int[Integer.highestOneBit(size + size / 3 + 1) << 1];
        // Ids are made only to tell apart two flows whose hashes are equal: a source makes them on demand.
        hashes = new int[size];
        for (int position = 0; position < size; position++) {
            final int hash = idHash(position);
            hashes[position] = hash;
            int slot = hash & slots.length - 1;
            while (slots[slot] != 0) {
                final int other = slots[slot] - 1;
                if (hashes[other] == hash && id(other).equals(id(position))) {
                    throw new IllegalArgumentException("two flows have the id " + id(position));
                }
                slot = slot + 1 & slots.length - 1;
            }
            slots[slot] = position + 1;
        }
    }

    /** The flows by id; two flows with one id are a bug of whoever made them, refused here. */
    public static FlowsById of(final Collection<FlowRecord> flows) {
        if (flows.isEmpty()) {
            return EMPTY;
        }
        final var builder = new Builder();
        flows.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private FlowId id(final int position) {
        return position < records.length ? records[position].flowId()
            : sources[position - records.length].id(members[position - records.length]);
    }

    private int idHash(final int position) {
        return position < records.length ? records[position].flowId().hashCode()
            : sources[position - records.length].idHash(members[position - records.length]);
    }

    private FlowRecord flow(final int position) {
        return position < records.length ? records[position]
            : sources[position - records.length].flow(members[position - records.length]);
    }

    @Override
    public int size() {
        return records.length + sources.length;
    }

    /** The position of the flow with this id, or -1; positions run from 0 to {@code size() - 1}. */
    public int positionOf(final FlowId id) {
        final int hash = id.hashCode();
        int slot = hash & slots.length - 1;
        while (slots[slot] != 0) {
            final int position = slots[slot] - 1;
            if (hashes[position] == hash && id(position).equals(id)) {
                return position;
            }
            slot = slot + 1 & slots.length - 1;
        }
        return -1;
    }

    /** The id of the flow at a position, without making the flow. */
    public FlowId idAt(final int position) {
        return id(position);
    }

    /** The flow at a position, made anew when it is a source's member. */
    public FlowRecord flowAt(final int position) {
        return flow(position);
    }

    /** The table of the flow at a position. */
    public Table tableAt(final int position) {
        return position < records.length ? records[position].table()
            : sources[position - records.length].table(members[position - records.length]);
    }

    /**
     * Whether the flow at a position equals the flow at another map's position, ids aside: members of two sources
     * are compared by what they share ({@link FlowSource#sameFlow}), without making them.
     */
    public boolean sameFlowAt(final int position, final FlowsById other, final int otherPosition) {
        if (position >= records.length && otherPosition >= other.records.length) {
            return sources[position - records.length].sameFlow(members[position - records.length],
                other.sources[otherPosition - other.records.length],
                other.members[otherPosition - other.records.length]);
        }
        return flow(position).equals(other.flow(otherPosition));
    }

    /**
     * How many positions, from {@code position} on, hold the very flows (ids included) that {@code other} holds
     * from {@code otherPosition} on, position for position, as far as their sources vouch
     * ({@link FlowSource#sameSpan}) without making them; 0 when they cannot tell. Only consecutive positions that are
     * members of one source, at the same distances after the first on both sides, count.
     */
    public int sameRunAt(final int position, final FlowsById other, final int otherPosition) {
        if (position < records.length || otherPosition < other.records.length) {
            return 0;
        }
        final int first = position - records.length;
        final int otherFirst = otherPosition - other.records.length;
        final FlowSource source = sources[first];
        final FlowSource otherSource = other.sources[otherFirst];
        final int span = source.sameSpan(members[first], otherSource, other.members[otherFirst]);
        int run = 0;
        while (first + run < sources.length && otherFirst + run < other.sources.length
                && sources[first + run] == source && other.sources[otherFirst + run] == otherSource) {
            final int distance = members[first + run] - members[first];
            if (distance < 0 || distance >= span
                    || other.members[otherFirst + run] - other.members[otherFirst] != distance) {
                break;
            }
            run++;
        }
        return run;
    }

    @Override
    public @Nullable FlowRecord get(final @Nullable Object key) {
        if (!(key instanceof String text)) {
            return null;
        }
        int slot = text.hashCode() & slots.length - 1;
        while (slots[slot] != 0) {
            final int position = slots[slot] - 1;
            if (id(position).is(text)) {
                return flow(position);
            }
            slot = slot + 1 & slots.length - 1;
        }
        return null;
    }

    @Override
    public boolean containsKey(final @Nullable Object key) {
        return get(key) != null;
    }

    @Override
    public Collection<FlowRecord> values() {
        return list();
    }

    private List<FlowRecord> list() {
        return new AbstractList<>() {
            @Override
            public FlowRecord get(final int index) {
                return flow(index);
            }

            @Override
            public int size() {
                return FlowsById.this.size();
            }
        };
    }

    @Override
    public void forEach(final BiConsumer<? super String, ? super FlowRecord> action) {
        for (int position = 0; position < size(); position++) {
            final FlowRecord flow = flow(position);
            action.accept(flow.id(), flow);
        }
    }

    @Override
    public Set<Entry<String, FlowRecord>> entrySet() {
        final List<FlowRecord> list = list();
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, FlowRecord>> iterator() {
                return list.stream().<Entry<String, FlowRecord>>map(flow -> new SimpleImmutableEntry<>(flow.id(),
                    flow)).iterator();
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }

    /** Collects whole flows and members of sources; ids must be unique across both. */
    public static final class Builder {
        private final List<FlowRecord> records = new ArrayList<>();
        private FlowSource[] sources = new FlowSource[16];
        private int[] members = new int[16];
        private int count;

        private Builder() {
        }

        public Builder add(final FlowRecord flow) {
            records.add(flow);
            return this;
        }

        /** Adds one member of a source. */
        public Builder add(final FlowSource source, final int member) {
            if (member < 0 || member >= source.size()) {
                throw new IndexOutOfBoundsException(member);
            }
            if (count == sources.length) {
                sources = Arrays.copyOf(sources, count * 2);
                members = Arrays.copyOf(members, count * 2);
            }
            sources[count] = source;
            members[count] = member;
            count++;
            return this;
        }

        public FlowsById build() {
            return new FlowsById(records.toArray(new FlowRecord[0]), Arrays.copyOf(sources, count),
                Arrays.copyOf(members, count));
        }
    }
}
