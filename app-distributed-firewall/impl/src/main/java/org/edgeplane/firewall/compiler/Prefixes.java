/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

/** IP prefix arithmetic on "address/length" text. */
final class Prefixes {
    private Prefixes() {
    }

    static int length(final String prefix) {
        return Integer.parseInt(prefix, prefix.indexOf('/') + 1, prefix.length(), 10);
    }

    /** A /32 (IPv4) or /128 (IPv6): it covers no other prefix. */
    static boolean isSingleAddress(final String prefix) {
        return length(prefix) == (prefix.contains(":") ? 128 : 32);
    }
}
