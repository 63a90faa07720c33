/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An unmodifiable map made the first time it is read. The counters' cookie maps span every rule and port of every
 * switch, but are read only when statistics arrive: a round that changes one group must not rebuild them.
 * {@code source} must read only immutable data.
 */
final class LazyMap<K, V> extends AbstractMap<K, V> {
    private final Supplier<Map<K, V>> source;
    private volatile @Nullable Map<K, V> made;

    LazyMap(final Supplier<Map<K, V>> source) {
        this.source = source;
    }

    private Map<K, V> made() {
        Map<K, V> map = made;
        if (map == null) {
            map = Map.copyOf(source.get());
            made = map;
        }
        return map;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return made().entrySet();
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
}
