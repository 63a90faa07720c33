/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/** The user and password of an HTTP {@code Authorization: Basic} header. */
record BasicCredentials(String username, String password) {
    private static final String BASIC = "basic ";

    /** The credentials a header carries, if it is a well-formed Basic header. */
    static Optional<BasicCredentials> parse(final @Nullable String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
            return Optional.empty();
        }
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        final int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
            : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "BasicCredentials[" + username + "]";
    }
}
