/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.validation;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The bounds every app's validator enforces (and the YANG models state), so that no request can make the compiler
 * or the switches do unbounded work. README lists them.
 */
public final class Limits {
    /** Ids, names and references to them. */
    public static final int MAX_ID_LENGTH = 64;
    /** Free text such as a tenant's display name. */
    public static final int MAX_TEXT_LENGTH = 255;
    /** Addresses of one port (Neutron's fixed IPs). */
    public static final int MAX_IPS_PER_PORT = 16;
    /** Allowed address pairs of one port (Neutron's default max_allowed_address_pair). */
    public static final int MAX_PAIRS_PER_PORT = 10;
    /** Uplink ports of one switch. */
    public static final int MAX_UPLINKS_PER_SWITCH = 8;
    /** Rules of one security group. */
    public static final int MAX_RULES_PER_GROUP = 1000;
    /** Security groups of one port. */
    public static final int MAX_GROUPS_PER_PORT = 32;
    /** Classifiers of one service chain. */
    public static final int MAX_CLASSIFIERS_PER_CHAIN = 16;

    private Limits() {
    }

    /** A violation when a text is longer than {@code max} characters. */
    public static void checkLength(final String field, final String text, final int max, final Set<String> involved,
            final List<Violation> out) {
        if (text != null && text.length() > max) {
            out.add(Violation.invalid(field, "is " + text.length() + " characters long; at most " + max,
                involved));
        }
    }

    /** A violation when a list holds more than {@code max} entries. */
    public static void checkSize(final String field, final Collection<?> values, final int max,
            final Set<String> involved, final List<Violation> out) {
        if (values.size() > max) {
            out.add(Violation.invalid(field, "has " + values.size() + " entries; at most " + max, involved));
        }
    }
}
