/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One reason a transaction is rejected.
 *
 * @param field the offending field, such as {@code port[vm1]/mac-address}
 * @param reason why, in words an operator understands
 * @param kind whether the value is bad by itself, or conflicts with other data
 * @param involved keys ({@code kind:id}) of the entries involved; the violation is reported only when one of them
 *        changed in the transaction, so that data written before a rule existed cannot block unrelated writes
 */
public record Violation(String field, String reason, Kind kind, Set<String> involved) {

    /** How a violation maps to a protocol error. */
    public enum Kind {
        /** The value is malformed, out of range or references nothing (HTTP 400). */
        INVALID,
        /** The value clashes with other data, or data in use would be deleted (HTTP 409). */
        CONFLICT
    }

    public Violation {
        involved = Set.copyOf(involved);
    }

    /** A malformed, out-of-range or dangling value (HTTP 400). */
    public static Violation invalid(final String field, final String reason, final Set<String> involved) {
        return new Violation(field, reason, Kind.INVALID, involved);
    }

    /** A value that clashes with other data (HTTP 409). */
    public static Violation conflict(final String field, final String reason, final Set<String> involved) {
        return new Violation(field, reason, Kind.CONFLICT, involved);
    }

    /** The key of an intent entry in {@link #involved}, such as {@code port:vm1}. */
    public static String key(final String kind, final String id) {
        return kind + ":" + id;
    }

    /** All violations as one message, for a protocol error. */
    public static String describeAll(final List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
