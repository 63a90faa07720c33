/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A flow's id, unique per switch: its text is {@code scope}, then {@code :name} when there is a name, then
 * {@code :index} when there is an index. A switch holds thousands of flows whose ids share their scope (a port in a
 * stage) and their name (a rule), so the id keeps the shared parts and builds its text only when read; equality,
 * hashing and order are those of the text, computed on the parts without building it.
 */
public final class FlowId implements CharSequence, Comparable<FlowId> {
    private static final int NO_INDEX = -1;
    private static final char SEPARATOR = ':';

    private final String scope;
    private final @Nullable String name;
    private final int index;
    private final int length;
    private final int hash;

    private FlowId(final String scope, final @Nullable String name, final int index) {
        this.scope = requireNonNull(scope);
        this.name = name;
        this.index = index;
        int textLength = scope.length();
        if (name != null) {
            textLength += 1 + name.length();
        }
        if (index != NO_INDEX) {
            textLength += 1 + digits(index);
        }
        length = textLength;
        hash = hashOfParts(scope, name, index);
    }

    /** An id given as whole text. */
    public static FlowId of(final String text) {
        return new FlowId(text, null, NO_INDEX);
    }

    /** The id {@code scope:name}. */
    public static FlowId of(final String scope, final String name) {
        return new FlowId(scope, requireNonNull(name), NO_INDEX);
    }

    /** The id {@code scope:name:index}; the index is the flow's position among those of one rule. */
    public static FlowId of(final String scope, final String name, final int index) {
        if (index < 0) {
            throw new IllegalArgumentException("flow index " + index + " is negative");
        }
        return new FlowId(scope, requireNonNull(name), index);
    }

    /**
     * A name with what the hash of {@code scope:name} needs from it, computed once: thousands of scopes (a port in a
     * stage) name flows after the same rule. A string's hash is a polynomial, so the hash of {@code scope:name} is
     * the scope's hash times {@code power} (31 to the length of {@code :name}) plus {@code suffixHash} (the hash of
     * {@code :name}).
     */
    public record Name(String text, int suffixHash, int power) {
        public static Name of(final String text) {
            int suffixHash = SEPARATOR;
            int power = 31;
            for (int i = 0; i < text.length(); i++) {
                suffixHash = 31 * suffixHash + text.charAt(i);
                power *= 31;
            }
            return new Name(text, suffixHash, power);
        }
    }

    /** The {@link #hashCode()} of the id {@code scope:name}, from the name's parts (see {@link Name}). */
    public static int hashOf(final String scope, final Name name) {
        return scope.hashCode() * name.power() + name.suffixHash();
    }

    /** The {@link #hashCode()} of the id {@code scope:name}, without making it. */
    public static int hashOf(final String scope, final String name) {
        return hashOfParts(scope, requireNonNull(name), NO_INDEX);
    }

    /**
     * The {@link #hashCode()} of the id {@code scope:name:index}, without making it, from the hash of
     * {@code scope:name} ({@link #hashOf(String, String)}): a source of many flows of one name hashes the name once.
     */
    public static int hashOf(final int scopeAndNameHash, final int index) {
        if (index < 0) {
            throw new IllegalArgumentException("flow index " + index + " is negative");
        }
        return withIndex(scopeAndNameHash, index);
    }

    /** {@link String#hashCode()} of the text, computed on the parts. */
    private static int hashOfParts(final String scope, final @Nullable String name, final int index) {
        int textHash = scope.hashCode();
        if (name != null) {
            textHash = 31 * textHash + SEPARATOR;
            for (int i = 0; i < name.length(); i++) {
                textHash = 31 * textHash + name.charAt(i);
            }
        }
        return index == NO_INDEX ? textHash : withIndex(textHash, index);
    }

    private static int withIndex(final int hash, final int index) {
        int textHash = 31 * hash + SEPARATOR;
        final int digits = digits(index);
        int divisor = 1;
        for (int i = 1; i < digits; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            textHash = 31 * textHash + (char) ('0' + index / divisor % 10);
        }
        return textHash;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(final int position) {
        if (position < 0 || position >= length) {
            throw new IndexOutOfBoundsException(position);
        }
        int offset = position;
        if (offset < scope.length()) {
            return scope.charAt(offset);
        }
        offset -= scope.length();
        if (name != null) {
            if (offset == 0) {
                return SEPARATOR;
            }
            offset--;
            if (offset < name.length()) {
                return name.charAt(offset);
            }
            offset -= name.length();
        }
        return offset == 0 ? SEPARATOR : digitAt(offset - 1, digits(index));
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
        return toString().subSequence(start, end);
    }

    /** Whether this id's text is {@code text}. */
    public boolean is(final String text) {
        return text.length() == length && text.hashCode() == hash && compareText(text) == 0;
    }

    @Override
    public int compareTo(final FlowId other) {
        return compareText(other);
    }

    /** {@link String#compareTo} of the texts, char by char. */
    private int compareText(final CharSequence other) {
        final int common = Math.min(length, other.length());
        for (int i = 0; i < common; i++) {
            final char mine = charAt(i);
            final char theirs = other.charAt(i);
            if (mine != theirs) {
                return mine - theirs;
            }
        }
        return length - other.length();
    }

    @Override
    public boolean equals(final @Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof FlowId other && other.length == length && other.hash == hash
            && (other.scope.equals(scope) && Objects.equals(other.name, name) && other.index == index
                || compareText(other) == 0);
    }

    /** The hash of the text, as {@link String#hashCode()} gives it. */
    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (name == null && index == NO_INDEX) {
            return scope;
        }
        final var text = new StringBuilder(length).append(scope);
        if (name != null) {
            text.append(SEPARATOR).append(name);
        }
        if (index != NO_INDEX) {
            text.append(SEPARATOR).append(index);
        }
        return text.toString();
    }

    private static int digits(final int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** The i-th decimal digit (from the left) of this id's index, which has {@code digits} digits. */
    private char digitAt(final int position, final int digits) {
        int rest = index;
        for (int i = digits - 1; i > position; i--) {
            rest /= 10;
        }
        return (char) ('0' + rest % 10);
    }
}
