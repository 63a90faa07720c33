/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** TCP's flags by the names Open vSwitch gives them ({@code syn,ack}), bit 0 (fin) to bit 8 (ns). */
public final class TcpFlags {
    private static final String[] NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"};

    private TcpFlags() {
    }

    /** The flags of a comma-separated list of names, or empty when a name is unknown. */
    public static Optional<Integer> parse(final String names) {
        int flags = 0;
        for (String name : names.split(",", -1)) {
            final int bit = java.util.Arrays.asList(NAMES).indexOf(name.trim().toLowerCase(Locale.ROOT));
            if (bit < 0) {
                return Optional.empty();
            }
            flags |= 1 << bit;
        }
        return Optional.of(flags);
    }

    /** The flags as " [syn,ack]", or nothing when none is set. */
    public static String text(final int flags) {
        final var text = new StringJoiner(",", " [", "]");
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                text.add(NAMES[bit]);
            }
        }
        return flags == 0 ? "" : text.toString();
    }

    /** Every name, for messages. */
    public static String names() {
        return String.join(",", NAMES);
    }
}
