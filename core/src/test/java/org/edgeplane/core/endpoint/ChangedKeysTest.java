/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static org.junit.Assert.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;

public class ChangedKeysTest {
    /** The keys added, removed or mapped to an unequal value, as a lookup per key finds them. */
    private static Set<String> expected(final SortedMap<String, String> before, final SortedMap<String, String> after) {
        final var keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        final var changed = new HashSet<String>();
        for (String key : keys) {
            if (before.containsKey(key) != after.containsKey(key) || !String.valueOf(before.get(key))
                    .equals(String.valueOf(after.get(key)))) {
                changed.add(key);
            }
        }
        return changed;
    }

    /**
     * Random edits (added, removed, changed to an equal but new value, changed to another value) give the keys a
     * lookup per key finds, whether both maps are plain sorted maps or frozen ones walked over their arrays.
     */
    @Test
    public void bothWalksFindWhatALookupPerKeyFinds() {
        for (int seed = 0; seed < 200; seed++) {
            final var random = new Random(seed);
            final var before = new TreeMap<String, String>();
            final int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                before.put("k" + random.nextInt(60), "v" + random.nextInt(5));
            }
            final var after = new TreeMap<>(before);
            for (int edit = random.nextInt(6); edit > 0; edit--) {
                final String key = "k" + random.nextInt(60);
                switch (random.nextInt(4)) {
                    case 0 -> after.remove(key);
                    case 1 -> after.put(key, "v" + random.nextInt(5));
                    case 2 -> after.computeIfPresent(key, (unused, value) -> new String(value.toCharArray()));
                    default -> after.put(key, "other");
                }
            }
            final Set<String> want = expected(before, after);
            assertEquals("seed " + seed, want, ChangedKeys.between(before, after));
            assertEquals("seed " + seed, want, ChangedKeys.between(LazySortedMap.copyOf(before),
                LazySortedMap.copyOf(after)));
        }
    }

    @Test
    public void aMapComparedWithItselfHasNoChange() {
        final SortedMap<String, String> map = LazySortedMap.copyOf(new TreeMap<>(java.util.Map.of("a", "1")));
        assertEquals(Set.of(), ChangedKeys.between(map, map));
    }
}
