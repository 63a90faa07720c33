/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.Arrays;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A ternary set of packets: per word, the bits under the mask are fixed to the value's, the others are free. The
 * words are the frame's fields as the endpoint sent it, then the state and mark of each connection-tracking lookup
 * on the path (each lookup is a free variable: any state is possible). Immutable; a value's bits outside its mask
 * are zero, so two cubes are equal when their arrays are.
 */
final class Cube {
    /** The most connection-tracking lookups one path may make. */
    static final int MAX_CONNTRACK = 6;
    static final int WORDS = HeaderField.FRAME_FIELDS + 2 * MAX_CONNTRACK;
    static final Cube ALL = new Cube(new long[WORDS], new long[WORDS]);
    /** How many splits one emptiness question may take before it answers "not empty" (the safe side). */
    private static final int SPLIT_BUDGET = 1 << 16;

    private final long[] value;
    private final long[] mask;

    private Cube(final long[] value, final long[] mask) {
        this.value = value;
        this.mask = mask;
    }

    /** A cube of these arrays, which the caller hands over (values zero outside their masks). */
    static Cube of(final long[] value, final long[] mask) {
        return new Cube(value, mask);
    }

    static int conntrackStateWord(final int lookup) {
        return HeaderField.FRAME_FIELDS + 2 * lookup;
    }

    static int conntrackMarkWord(final int lookup) {
        return HeaderField.FRAME_FIELDS + 2 * lookup + 1;
    }

    /** Copies of the arrays, for a caller that builds a narrower cube. */
    long[] values() {
        return value.clone();
    }

    long[] masks() {
        return mask.clone();
    }

    long value(final int word) {
        return value[word];
    }

    long mask(final int word) {
        return mask[word];
    }

    /** A point of the word: the fixed bits, and the free ones taken from {@code preferred}. */
    long pick(final int word, final long preferred) {
        return value[word] | preferred & ~mask[word];
    }

    /** This cube with the bits of {@code bitMask} fixed to those of {@code bits}; null when that leaves nothing. */
    @Nullable Cube with(final int word, final long bits, final long bitMask) {
        if (((value[word] ^ bits) & mask[word] & bitMask) != 0) {
            return null;
        }
        final long newMask = mask[word] | bitMask;
        final long newValue = value[word] | bits & bitMask;
        if (newMask == mask[word] && newValue == value[word]) {
            return this;
        }
        final long[] values = value.clone();
        final long[] masks = mask.clone();
        values[word] = newValue;
        masks[word] = newMask;
        return new Cube(values, masks);
    }

    /** The packets in both; null when none is. */
    @Nullable Cube intersect(final Cube other) {
        if (other == ALL || other == this) {
            return this;
        }
        if (this == ALL) {
            return other;
        }
        long[] values = null;
        long[] masks = null;
        for (int word = 0; word < WORDS; word++) {
            final long both = mask[word] & other.mask[word];
            if (((value[word] ^ other.value[word]) & both) != 0) {
                return null;
            }
            if ((other.mask[word] & ~mask[word]) != 0) {
                if (values == null) {
                    values = value.clone();
                    masks = mask.clone();
                }
                values[word] |= other.value[word];
                masks[word] |= other.mask[word];
            }
        }
        return values == null ? this : new Cube(values, masks);
    }

    boolean intersects(final Cube other) {
        for (int word = 0; word < WORDS; word++) {
            if (((value[word] ^ other.value[word]) & mask[word] & other.mask[word]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether every packet of {@code other} is in this cube. */
    boolean covers(final Cube other) {
        for (int word = 0; word < WORDS; word++) {
            if ((mask[word] & ~other.mask[word]) != 0 || ((value[word] ^ other.value[word]) & mask[word]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A cube of packets in {@code region} and in none of {@code excluded}, or null when {@code excluded} covers the
     * region: the emptiness test of header-space analysis, answered by splitting the region on one bit of an
     * overlapping exclusion at a time and trying the side that leaves it first.
     */
    static @Nullable Cube outside(final Cube region, final List<Cube> excluded) {
        return outside(region, excluded, 0, new int[] {SPLIT_BUDGET});
    }

    private static @Nullable Cube outside(final Cube region, final List<Cube> excluded, final int from,
            final int[] budget) {
        for (int index = from; index < excluded.size(); index++) {
            final Cube exclusion = excluded.get(index);
            if (!region.intersects(exclusion)) {
                continue;
            }
            if (exclusion.covers(region)) {
                return null;
            }
            if (--budget[0] < 0) {
                // Too costly to decide: say "not empty", which reports a possible violation rather than hide one.
                return region;
            }
            // The exclusion fixes a bit the region leaves free: the region's half with the other value leaves it.
            int word = 0;
            while ((exclusion.mask[word] & ~region.mask[word]) == 0) {
                word++;
            }
            final long bit = Long.lowestOneBit(exclusion.mask[word] & ~region.mask[word]);
            final Cube away = region.with(word, ~exclusion.value[word], bit);
            final Cube found = outside(away, excluded, index + 1, budget);
            if (found != null) {
                return found;
            }
            return outside(region.with(word, exclusion.value[word], bit), excluded, index, budget);
        }
        return region;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Cube cube && Arrays.equals(value, cube.value) && Arrays.equals(mask, cube.mask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Arrays.hashCode(mask);
    }
}
