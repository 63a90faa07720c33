/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * The keys whose entries differ between two snapshots of one map. Snapshots are sorted by id, so both are walked
 * side by side, once, without a lookup per key; an entry unchanged since the last snapshot is usually the same
 * object, and then costs one reference comparison.
 */
public final class ChangedKeys {
    private ChangedKeys() {
    }

    /** Keys added, removed or mapped to an unequal value. Both maps must sort by the keys' natural order. */
    public static <K extends Comparable<? super K>, V> Set<K> between(final SortedMap<K, V> before,
            final SortedMap<K, V> after) {
        if (before.comparator() != null || after.comparator() != null) {
            throw new IllegalArgumentException("snapshots sort by id");
        }
        final var changed = new HashSet<K>();
        if (before == after) {
            return changed;
        }
        final Iterator<Map.Entry<K, V>> left = before.entrySet().iterator();
        final Iterator<Map.Entry<K, V>> right = after.entrySet().iterator();
        Map.Entry<K, V> old = left.hasNext() ? left.next() : null;
        Map.Entry<K, V> now = right.hasNext() ? right.next() : null;
        while (old != null || now != null) {
            final int order = old == null ? 1 : now == null ? -1 : old.getKey().compareTo(now.getKey());
            if (order < 0) {
                changed.add(old.getKey());
                old = left.hasNext() ? left.next() : null;
            } else if (order > 0) {
                changed.add(now.getKey());
                now = right.hasNext() ? right.next() : null;
            } else {
                if (!Objects.equals(old.getValue(), now.getValue())) {
                    changed.add(now.getKey());
                }
                old = left.hasNext() ? left.next() : null;
                now = right.hasNext() ? right.next() : null;
            }
        }
        return changed;
    }
}
