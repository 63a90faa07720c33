/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The desired flows of one switch, by id: an unmodifiable union of its base flows and its partitions' flows, which
 * have disjoint ids. Building it costs what the partition list costs; the lookup index is built on first lookup,
 * so an incremental update pays for the switches it touched only when someone reads them by id. Parts that are
 * already indexed ({@link FlowsById}, as other apps' large stages are) are looked up in place, not copied.
 */
public final class SwitchFlows extends AbstractMap<String, FlowRecord> {
    private final List<Map<String, FlowRecord>> parts;
    private final int size;
    private volatile Map<String, FlowRecord> index;

    public SwitchFlows(final List<Map<String, FlowRecord>> parts) {
        this.parts = List.copyOf(parts);
        size = this.parts.stream().mapToInt(Map::size).sum();
    }

    /**
     * The union of these parts, whose sizes sum to {@code size}: a caller that keeps the sum as it replaces parts
     * spares reading every part (a switch holds hundreds, and most did not change).
     */
    public SwitchFlows(final List<Map<String, FlowRecord>> parts, final int size) {
        this.parts = List.copyOf(parts);
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The maps a switch's flows are made of, with nested unions opened: a map that is not a {@code SwitchFlows} is
     * its own only part. Parts keep their identity from round to round while what they hold is unchanged, which
     * is what lets the reconciler diff only the parts that are new.
     */
    public static List<Map<String, FlowRecord>> partsOf(final Map<String, FlowRecord> flows) {
        if (!(flows instanceof SwitchFlows union)) {
            return flows.isEmpty() ? List.of() : List.of(flows);
        }
        final var leaves = new ArrayList<Map<String, FlowRecord>>(union.parts.size());
        union.parts.forEach(part -> leaves.addAll(partsOf(part)));
        return leaves;
    }

    /**
     * The leaf parts of {@code before} that {@code after} no longer has ({@code gone}) and those new to it
     * ({@code fresh}), found by walking both side by side: a part in the same place in both (the same object) is
     * passed over without a look inside, and a union is opened only where its place holds another object. A part
     * that only moved is in neither list. {@code partners} gets, per fresh part, the index in {@code gone} of the
     * part whose place it took, or -1: where a part was replaced, its flows are mostly the replaced part's.
     */
    public static void changedParts(final Map<String, FlowRecord> before, final Map<String, FlowRecord> after,
            final List<Map<String, FlowRecord>> gone, final List<Map<String, FlowRecord>> fresh,
            final List<Integer> partners) {
        walk(before, after, gone, fresh, partners);
        if (gone.isEmpty() || fresh.isEmpty()) {
            return;
        }
        final Set<Map<String, FlowRecord>> goneSet = Collections.newSetFromMap(new IdentityHashMap<>());
        goneSet.addAll(gone);
        final Set<Map<String, FlowRecord>> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        fresh.stream().filter(goneSet::contains).forEach(moved::add);
        if (moved.isEmpty()) {
            return;
        }
        final var keptGone = new ArrayList<Map<String, FlowRecord>>();
        final var newIndex = new int[gone.size()];
        for (int i = 0; i < gone.size(); i++) {
            newIndex[i] = moved.contains(gone.get(i)) ? -1 : keptGone.size();
            if (newIndex[i] >= 0) {
                keptGone.add(gone.get(i));
            }
        }
        final var keptFresh = new ArrayList<Map<String, FlowRecord>>();
        final var keptPartners = new ArrayList<Integer>();
        for (int i = 0; i < fresh.size(); i++) {
            if (!moved.contains(fresh.get(i))) {
                keptFresh.add(fresh.get(i));
                keptPartners.add(partners.get(i) < 0 ? -1 : newIndex[partners.get(i)]);
            }
        }
        gone.clear();
        gone.addAll(keptGone);
        fresh.clear();
        fresh.addAll(keptFresh);
        partners.clear();
        partners.addAll(keptPartners);
    }

    private static void walk(final Map<String, FlowRecord> before, final Map<String, FlowRecord> after,
            final List<Map<String, FlowRecord>> gone, final List<Map<String, FlowRecord>> fresh,
            final List<Integer> partners) {
        if (before == after) {
            return;
        }
        if (before instanceof SwitchFlows was && after instanceof SwitchFlows now) {
            final int common = Math.min(was.parts.size(), now.parts.size());
            for (int i = 0; i < common; i++) {
                // Compared as references before anything is cast: a cast reads the object, an unchanged part is
                // mostly out of the cache, and a switch holds hundreds of them.
                final Object wasPart = was.parts.get(i);
                final Object nowPart = now.parts.get(i);
                if (wasPart != nowPart) {
                    walk(was.parts.get(i), now.parts.get(i), gone, fresh, partners);
                }
            }
            for (int i = common; i < was.parts.size(); i++) {
                gone.addAll(partsOf(was.parts.get(i)));
            }
            for (int i = common; i < now.parts.size(); i++) {
                addFresh(partsOf(now.parts.get(i)), -1, fresh, partners);
            }
            return;
        }
        final List<Map<String, FlowRecord>> wasLeaves = partsOf(before);
        final int partner = wasLeaves.size() == 1 ? gone.size() : -1;
        gone.addAll(wasLeaves);
        addFresh(partsOf(after), partner, fresh, partners);
    }

    private static void addFresh(final List<Map<String, FlowRecord>> leaves, final int partner,
            final List<Map<String, FlowRecord>> fresh, final List<Integer> partners) {
        for (Map<String, FlowRecord> leaf : leaves) {
            fresh.add(leaf);
            partners.add(leaves.size() == 1 ? partner : -1);
        }
    }

    @Override
    public FlowRecord get(final Object key) {
        final FlowRecord flow = index().get(key);
        if (flow != null) {
            return flow;
        }
        for (Map<String, FlowRecord> part : parts) {
            if (part instanceof FlowsById indexed) {
                final FlowRecord found = indexed.get(key);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(final Object key) {
        return get(key) != null;
    }

    private Map<String, FlowRecord> index() {
        Map<String, FlowRecord> built = index;
        if (built == null) {
            built = new HashMap<>(size * 4 / 3 + 1);
            for (Map<String, FlowRecord> part : parts) {
                if (!(part instanceof FlowsById)) {
                    built.putAll(part);
                }
            }
            index = built;
        }
        return built;
    }

    /** The parts' flows, read part by part without an entry per flow. */
    @Override
    public Collection<FlowRecord> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<FlowRecord> iterator() {
                return parts.stream().flatMap(part -> part.values().stream()).iterator();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public void forEach(final BiConsumer<? super String, ? super FlowRecord> action) {
        parts.forEach(part -> part.forEach(action));
    }

    @Override
    public Set<Entry<String, FlowRecord>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, FlowRecord>> iterator() {
                return parts.stream().flatMap(part -> part.entrySet().stream()).iterator();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
