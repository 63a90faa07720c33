/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.InetAddress;

/** IP prefix arithmetic on "address/length" text. */
final class Prefixes {
    private Prefixes() {
    }

    static int length(final String prefix) {
        return Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
    }

    /** A /32 (IPv4) or /128 (IPv6): it covers no other prefix. */
    static boolean isSingleAddress(final String prefix) {
        return length(prefix) == (prefix.contains(":") ? 128 : 32);
    }

    /** Whether {@code outer} contains every address of {@code inner} (same family). */
    static boolean covers(final String outer, final String inner) {
        final int outerLength = length(outer);
        if (outerLength > length(inner)) {
            return false;
        }
        final InetAddress outerAddress = InetAddresses.forString(outer.substring(0, outer.indexOf('/')));
        final InetAddress innerAddress = InetAddresses.forString(inner.substring(0, inner.indexOf('/')));
        final int bits = outerAddress.getAddress().length * 8;
        if (innerAddress.getAddress().length * 8 != bits) {
            return false;
        }
        final BigInteger shift = BigInteger.ONE.shiftLeft(bits - outerLength);
        return new BigInteger(1, outerAddress.getAddress()).divide(shift)
            .equals(new BigInteger(1, innerAddress.getAddress()).divide(shift));
    }
}
