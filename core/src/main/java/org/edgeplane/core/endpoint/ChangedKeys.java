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
        if (before instanceof LazySortedMap<K, V> left && after instanceof LazySortedMap<K, V> right) {
            between(left.entries(), right.entries(), changed);
            return changed;
        }
        // Keys and values are walked side by side: an unmodifiable map's entry set wraps every entry it hands out.
        final Iterator<K> leftKeys = before.keySet().iterator();
        final Iterator<V> leftValues = before.values().iterator();
        final Iterator<K> rightKeys = after.keySet().iterator();
        final Iterator<V> rightValues = after.values().iterator();
        K old = leftKeys.hasNext() ? leftKeys.next() : null;
        K now = rightKeys.hasNext() ? rightKeys.next() : null;
        while (old != null || now != null) {
            final int order = old == null ? 1 : now == null ? -1 : compare(old, now);
            if (order < 0) {
                changed.add(old);
                leftValues.next();
                old = leftKeys.hasNext() ? leftKeys.next() : null;
            } else if (order > 0) {
                changed.add(now);
                rightValues.next();
                now = rightKeys.hasNext() ? rightKeys.next() : null;
            } else {
                if (!Objects.equals(leftValues.next(), rightValues.next())) {
                    changed.add(now);
                }
                old = leftKeys.hasNext() ? leftKeys.next() : null;
                now = rightKeys.hasNext() ? rightKeys.next() : null;
            }
        }
        return changed;
    }

    // The arrays hold the keys and values of maps keyed by K.
    @SuppressWarnings("unchecked")
    private static <K extends Comparable<? super K>> void between(final LazySortedMap.Entries before,
            final LazySortedMap.Entries after, final Set<K> changed) {
        final Object[] oldKeys = before.keys();
        final Object[] newKeys = after.keys();
        final Object[] oldValues = before.values();
        final Object[] newValues = after.values();
        int left = 0;
        int right = 0;
        while (left < oldKeys.length && right < newKeys.length) {
            // References first: an unchanged entry is then decided without reading either object.
            final Object oldKey = oldKeys[left];
            final Object newKey = newKeys[right];
            final int order = oldKey == newKey ? 0 : ((K) oldKey).compareTo((K) newKey);
            if (order < 0) {
                changed.add((K) oldKey);
                left++;
            } else if (order > 0) {
                changed.add((K) newKey);
                right++;
            } else {
                if (oldValues[left] != newValues[right] && !Objects.equals(oldValues[left], newValues[right])) {
                    changed.add((K) newKey);
                }
                left++;
                right++;
            }
        }
        for (; left < oldKeys.length; left++) {
            changed.add((K) oldKeys[left]);
        }
        for (; right < newKeys.length; right++) {
            changed.add((K) newKeys[right]);
        }
    }

    /** Keys of an unchanged entry are mostly the very same object, which needs no comparing. */
    private static <K extends Comparable<? super K>> int compare(final K left, final K right) {
        return left == right ? 0 : left.compareTo(right);
    }
}
