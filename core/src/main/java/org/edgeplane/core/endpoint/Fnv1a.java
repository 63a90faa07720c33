/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit FNV-1a hash of a text's UTF-8 bytes: the same value on every member, run and JVM, which is what
 * cookies and recorded digests need ({@link String#hashCode} is 32 bits; a seeded hash would differ per run).
 */
public final class Fnv1a {
    private Fnv1a() {
    }

    public static long hash64(final String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
