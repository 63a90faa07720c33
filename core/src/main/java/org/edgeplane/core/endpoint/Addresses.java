/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the address strings orchestration writes, strictly: a literal or nothing, never a DNS lookup.
 */
public final class Addresses {
    private static final Pattern IP_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private Addresses() {
    }

    /** A unicast, non-zero MAC in lower case, or empty when the text is not one. */
    public static Optional<String> unicastMac(final String text) {
        if (text == null || !MAC.matcher(text).matches()) {
            return Optional.empty();
        }
        final int firstOctet = Integer.parseInt(text.substring(0, 2), 16);
        if ((firstOctet & 1) != 0 || "00:00:00:00:00:00".equals(text)) {
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /** An IPv4 or IPv6 literal without prefix length, or empty when the text is not one. */
    public static Optional<InetAddress> ipLiteral(final String text) {
        // ASCII only: the parser also takes other scripts' digits, and the stored text must mean what it shows.
        if (text == null || text.isEmpty() || !IP_CHARACTERS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddresses.forString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A parsed IP prefix: canonical text with its length, and its family. */
    public record Prefix(String text, boolean ipv4) {
    }

    /**
     * Whether the prefix {@code outer} contains every address of the prefix {@code inner} ("10.0.0.0/8" covers
     * "10.1.0.0/16" and itself; an address without a length is a single-address prefix). False across address
     * families and for text that is not a prefix.
     */
    public static boolean covers(final String outer, final String inner) {
        final Optional<Prefix> outerPrefix = ipPrefix(outer);
        final Optional<Prefix> innerPrefix = ipPrefix(inner);
        if (outerPrefix.isEmpty() || innerPrefix.isEmpty()
                || outerPrefix.orElseThrow().ipv4() != innerPrefix.orElseThrow().ipv4()) {
            return false;
        }
        final String outerText = outerPrefix.orElseThrow().text();
        final String innerText = innerPrefix.orElseThrow().text();
        final int outerLength = Integer.parseInt(outerText.substring(outerText.indexOf('/') + 1));
        final int innerLength = Integer.parseInt(innerText.substring(innerText.indexOf('/') + 1));
        if (outerLength > innerLength) {
            return false;
        }
        return inPrefix(ipLiteral(outerText.substring(0, outerText.indexOf('/'))).orElseThrow().getAddress(),
            outerLength, ipLiteral(innerText.substring(0, innerText.indexOf('/'))).orElseThrow().getAddress());
    }

    /** Whether an address (raw bytes) lies in a prefix (raw bytes and length); false across address families. */
    public static boolean inPrefix(final byte[] prefix, final int length, final byte[] address) {
        if (prefix.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < length; bit++) {
            final int mask = 0x80 >> (bit % 8);
            if ((prefix[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An IPv4/IPv6 address (taken as a host prefix) or a prefix {@code address/length} whose host bits are zero,
     * or empty when the text is neither.
     */
    public static Optional<Prefix> ipPrefix(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        final int slash = text.indexOf('/');
        final Optional<InetAddress> address = ipLiteral(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        final byte[] bytes = address.orElseThrow().getAddress();
        final int width = bytes.length * 8;
        final int length;
        if (slash < 0) {
            length = width;
        } else {
            final String lengthText = text.substring(slash + 1);
            if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            length = Integer.parseInt(lengthText);
        }
        if (length > width) {
            return Optional.empty();
        }
        for (int bit = length; bit < width; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Prefix(canonical(address.orElseThrow()) + "/" + length, bytes.length == 4));
    }

    /** The canonical text of an address literal (RFC 5952 for IPv6). */
    public static String canonical(final InetAddress address) {
        return InetAddresses.toAddrString(address);
    }

    /**
     * Why an address cannot be an endpoint's own (a host never sends from it), or empty when it can: unspecified,
     * "this network" (0.0.0.0/8), loopback, multicast, IPv4 limited broadcast or the reserved 240.0.0.0/4.
     */
    public static Optional<String> endpointProblem(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        final String text = canonical(address);
        if (address.isAnyLocalAddress() || bytes.length == 4 && bytes[0] == 0) {
            return Optional.of(text + " is an unspecified (\"this network\") address, not a host's");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of(text + " is a loopback address, not a host's on the network");
        }
        if (address.isMulticastAddress()) {
            return Optional.of(text + " is a multicast address, not a host's");
        }
        if (bytes.length == 4 && (bytes[0] & 0xF0) == 0xF0) {
            return Optional.of(text + " is the broadcast address or in the reserved 240.0.0.0/4, not a host's");
        }
        return Optional.empty();
    }

    public static boolean isIpv4(final InetAddress address) {
        return address instanceof Inet4Address;
    }

    /** The IPv6 link-local address a host derives from its MAC (modified EUI-64), which it sends ND from. */
    public static String ipv6LinkLocal(final String mac) {
        final String[] octets = mac.split(":");
        final int first = Integer.parseInt(octets[0], 16) ^ 0x02;
        final String text = String.format(Locale.ROOT, "fe80::%02x%s:%sff:fe%s:%s%s", first, octets[1], octets[2],
            octets[3], octets[4], octets[5]);
        return canonical(InetAddresses.forString(text));
    }
}
