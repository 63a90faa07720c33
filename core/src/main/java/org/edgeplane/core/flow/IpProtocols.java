/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The IP protocols intent may name, for every app: a name (tcp, udp, icmp, icmpv6 or ipv6-icmp, in any case) or a
 * number 0..255. {@code icmp} means ICMPv6 in an IPv6 match, as a rule or classifier written for both families
 * expects.
 */
public final class IpProtocols {
    /** What a valid protocol is, for error messages. */
    public static final String EXPECTED = "tcp, udp, icmp, icmpv6 or a protocol number 0..255";
    private static final int MAX_NUMBER = 255;
    private static final Map<String, Integer> NAMED = Map.of("tcp", IpMatch.TCP, "udp", IpMatch.UDP,
        "icmp", IpMatch.ICMP, "icmpv6", IpMatch.ICMPV6, "ipv6-icmp", IpMatch.ICMPV6);

    private IpProtocols() {
    }

    /** The protocol's number in a match of this family; empty when the text is neither a name nor 0..255. */
    public static Optional<Integer> number(final @Nullable String protocol, final boolean ipv6) {
        if (protocol == null) {
            return Optional.empty();
        }
        final Integer named = NAMED.get(protocol.toLowerCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(ipv6 && named == IpMatch.ICMP ? Integer.valueOf(IpMatch.ICMPV6) : named);
        }
        // ASCII digits only: Integer.parseInt also reads other scripts' digits.
        if (protocol.isEmpty() || protocol.length() > 3 || !protocol.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        final int number = Integer.parseInt(protocol);
        return number <= MAX_NUMBER ? Optional.of(number) : Optional.empty();
    }

    /** Whether packets of the protocol carry TCP/UDP ports a match can name. */
    public static boolean hasPorts(final @Nullable Integer number) {
        return number != null && (number == IpMatch.TCP || number == IpMatch.UDP);
    }
}
