/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An unmodifiable sorted map made the first time it is read. A compiled result spans every port (or rule) of every
 * switch, but most rounds change a few and most readers never read it whole: a round must not copy what it did not
 * change. {@code source} must read only data that no one changes later.
 *
 * <p>{@link #copyOf} makes one at once from a copy. A map of this class never changes, so {@code copyOf} returns
 * one as it is: a snapshot built from the last one shares the maps it did not change, and {@link ChangedKeys} stops
 * at their identity instead of walking them.
 */
public final class LazySortedMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V>
        implements SortedMap<K, V> {
    private final Supplier<Map<K, V>> source;
    private volatile @Nullable SortedMap<K, V> made;
    private volatile @Nullable Entries entries;

    /**
     * The keys and values in key order, in two arrays: {@link ChangedKeys} compares two snapshots by walking
     * references side by side instead of tree nodes scattered over the heap. Made once, on first use.
     */
    record Entries(Object[] keys, Object[] values) {
    }

    public LazySortedMap(final Supplier<Map<K, V>> source) {
        this.source = source;
    }

    private LazySortedMap(final SortedMap<K, V> made) {
        source = () -> made;
        this.made = made;
    }

    /** An unmodifiable copy sorted by key, or the map itself when it is one of these (they never change). */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> copyOf(final Map<K, V> map) {
        if (map instanceof LazySortedMap<K, V> frozen) {
            return frozen;
        }
        return new LazySortedMap<>(Collections.unmodifiableSortedMap(new TreeMap<>(map)));
    }

    private SortedMap<K, V> made() {
        SortedMap<K, V> map = made;
        if (map == null) {
            map = Collections.unmodifiableSortedMap(new TreeMap<>(source.get()));
            made = map;
        }
        return map;
    }

    Entries entries() {
        Entries known = entries;
        if (known == null) {
            final SortedMap<K, V> map = made();
            known = new Entries(map.keySet().toArray(), map.values().toArray());
            entries = known;
        }
        return known;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return made().entrySet();
    }

    @Override
    public Set<K> keySet() {
        return made().keySet();
    }

    @Override
    public Collection<V> values() {
        return made().values();
    }

    @Override
    public @Nullable V get(final Object key) {
        return made().get(key);
    }

    @Override
    public boolean containsKey(final Object key) {
        return made().containsKey(key);
    }

    @Override
    public int size() {
        return made().size();
    }

    @Override
    public @Nullable Comparator<? super K> comparator() {
        return null;
    }

    @Override
    public SortedMap<K, V> subMap(final K fromKey, final K toKey) {
        return made().subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<K, V> headMap(final K toKey) {
        return made().headMap(toKey);
    }

    @Override
    public SortedMap<K, V> tailMap(final K fromKey) {
        return made().tailMap(fromKey);
    }

    @Override
    public K firstKey() {
        return made().firstKey();
    }

    @Override
    public K lastKey() {
        return made().lastKey();
    }
}
