/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.flow;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An unmodifiable map from flow id text to flow, for the switches that hold thousands of flows. It keeps no entry
 * object and no id text per flow: the flows sit in an array, and an open-addressing table of their positions is
 * probed with the hash of the id, which {@link FlowId} computes without building the text. Id text is built only
 * when entries or keys are read.
 */
public final class FlowsById extends AbstractMap<String, FlowRecord> {
    private static final FlowsById EMPTY = new FlowsById(new FlowRecord[0]);

    private final FlowRecord[] flows;
    /** Position + 1 of the flow in each slot; 0 is an empty slot. The length is a power of two above twice size. */
    private final int[] slots;

    private FlowsById(final FlowRecord[] flows) {
        this.flows = flows;
        slots = new int[Integer.highestOneBit(Math.max(1, flows.length) * 2) << 1];
        for (int position = 0; position < flows.length; position++) {
            final FlowId id = flows[position].flowId();
            int slot = id.hashCode() & slots.length - 1;
            while (slots[slot] != 0) {
                if (flows[slots[slot] - 1].flowId().equals(id)) {
                    throw new IllegalArgumentException("two flows have the id " + id);
                }
                slot = slot + 1 & slots.length - 1;
            }
            slots[slot] = position + 1;
        }
    }

    /** The flows by id; two flows with one id are a bug of whoever made them, refused here. */
    public static FlowsById of(final Collection<FlowRecord> flows) {
        return flows.isEmpty() ? EMPTY : new FlowsById(flows.toArray(new FlowRecord[0]));
    }

    @Override
    public int size() {
        return flows.length;
    }

    @Override
    public @Nullable FlowRecord get(final @Nullable Object key) {
        if (!(key instanceof String text)) {
            return null;
        }
        int slot = text.hashCode() & slots.length - 1;
        while (slots[slot] != 0) {
            final FlowRecord flow = flows[slots[slot] - 1];
            if (flow.flowId().is(text)) {
                return flow;
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
        return Collections.unmodifiableList(Arrays.asList(flows));
    }

    @Override
    public void forEach(final BiConsumer<? super String, ? super FlowRecord> action) {
        for (FlowRecord flow : flows) {
            action.accept(flow.id(), flow);
        }
    }

    @Override
    public Set<Entry<String, FlowRecord>> entrySet() {
        final List<FlowRecord> list = Arrays.asList(flows);
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, FlowRecord>> iterator() {
                return list.stream().<Entry<String, FlowRecord>>map(flow -> new SimpleImmutableEntry<>(flow.id(),
                    flow)).iterator();
            }

            @Override
            public int size() {
                return flows.length;
            }
        };
    }
}
