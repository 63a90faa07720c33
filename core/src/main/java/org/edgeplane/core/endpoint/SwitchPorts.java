/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one identity of a switch port. Clients name a port by its OpenFlow number ({@code "3"}) or by the name the
 * switch reports ({@code "s1-eth3"}); both resolve to (node, OpenFlow port number), and every uniqueness and role
 * check compares that identity, never the text. Pure.
 *
 * <p>Endpoint, uplink and tunnel ports must be numbered 1..{@link #MAX_NUMBER}: OpenFlow reserves 0xff00 and above
 * (LOCAL, CONTROLLER, IN_PORT, ALL, FLOOD, ...; Open vSwitch never numbers a real port there), and the egress field of
 * the pipeline's metadata holds 16 bits.
 */
public final class SwitchPorts {
    /** The highest port number Edgeplane binds. */
    public static final long MAX_NUMBER = 0xFEFF;
    /** Datapath ids are unsigned 64-bit numbers. */
    private static final BigInteger MAX_DATAPATH_ID = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern NODE_ID = Pattern.compile("openflow:([1-9][0-9]{0,19})");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Printable ASCII without space and '/', starting with a letter: what switches report as port names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][\\x21-\\x2E\\x30-\\x7E]{0,63}");
    private static final Set<String> RESERVED_NAMES = Set.of("LOCAL", "CONTROLLER", "IN_PORT", "INPORT", "ALL",
        "FLOOD", "NORMAL", "TABLE", "ANY", "NONE");
    private static final Map<Long, String> RESERVED_NUMBERS = Map.of(0xFFFFFFF8L, "IN_PORT", 0xFFFFFFF9L, "TABLE",
        0xFFFFFFFAL, "NORMAL", 0xFFFFFFFBL, "FLOOD", 0xFFFFFFFCL, "ALL", 0xFFFFFFFDL, "CONTROLLER", 0xFFFFFFFEL,
        "LOCAL", 0xFFFFFFFFL, "ANY");

    private SwitchPorts() {
    }

    /** Why a node id is not an OpenFlow switch's, or empty when it is one (openflow:1 .. openflow:2^64-1). */
    public static Optional<String> nodeIdProblem(final String nodeId) {
        final var matcher = NODE_ID.matcher(nodeId);
        if (!matcher.matches() || new BigInteger(matcher.group(1)).compareTo(MAX_DATAPATH_ID) > 0) {
            return Optional.of("'" + nodeId + "' is not an OpenFlow node id: openflow:N with N a datapath id in "
                + "1.." + MAX_DATAPATH_ID);
        }
        return Optional.empty();
    }

    /**
     * Why a reference cannot name a bindable switch port, or empty when it can: a decimal number 1..
     * {@link #MAX_NUMBER} without leading zeros, or a port name (printable ASCII, no space or '/', starting with a
     * letter, at most 64 characters) that is not one of OpenFlow's reserved port names.
     */
    public static Optional<String> referenceProblem(final String ref) {
        if (ref.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (DIGITS.matcher(ref).matches()) {
            if (ref.charAt(0) == '0' || ref.length() > 5 || Long.parseLong(ref) > MAX_NUMBER) {
                return Optional.of("OpenFlow port number " + ref + " is out of range 1.." + MAX_NUMBER
                    + " (0xff00 and above are OpenFlow's reserved ports)");
            }
            return Optional.empty();
        }
        if (!NAME.matcher(ref).matches()) {
            return Optional.of("'" + printable(ref) + "' is neither a port number 1.." + MAX_NUMBER
                + " nor a port name (printable ASCII without space or '/', starting with a letter, at most 64)");
        }
        if (RESERVED_NAMES.contains(ref.toUpperCase(Locale.ROOT))) {
            return Optional.of("'" + ref + "' is an OpenFlow reserved port, not a switch port");
        }
        return Optional.empty();
    }

    /**
     * The OpenFlow number a reference stands for on a switch: the number itself, or the number the switch reports
     * for the name; empty for a name the switch does not report (or a switch not connected).
     */
    public static OptionalLong resolve(final String ref, final Map<String, Long> numbersByName) {
        if (ref == null || ref.isEmpty()) {
            return OptionalLong.empty();
        }
        if (DIGITS.matcher(ref).matches()) {
            return ref.length() > 10 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(ref));
        }
        final Long number = numbersByName.get(ref);
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    /** Why a resolved number cannot be bound (a reserved port such as the bridge's LOCAL port), or empty. */
    public static Optional<String> numberProblem(final long number) {
        if (number >= 1 && number <= MAX_NUMBER) {
            return Optional.empty();
        }
        final String reserved = RESERVED_NUMBERS.get(number);
        return Optional.of("is OpenFlow port " + (reserved != null ? reserved : Long.toString(number))
            + ", a reserved port that cannot be bound (only 1.." + MAX_NUMBER + ")");
    }

    /**
     * The identity of a reference on a switch, as text to compare: {@code "openflow:1 port 3"} once the number is
     * known, {@code "openflow:1 port named s1-eth3"} while a name is not reported by the switch.
     */
    public static String identity(final String nodeId, final String ref, final Map<String, Long> numbersByName) {
        final OptionalLong number = resolve(ref, numbersByName);
        return number.isPresent() ? nodeId + " port " + number.getAsLong() : nodeId + " port named " + ref;
    }

    /** The text with control and invisible characters shown as code points, so that a message shows what came. */
    public static String printable(final String text) {
        final var out = new StringBuilder();
        final String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        shown.codePoints().forEach(codePoint -> {
            if (codePoint >= 0x21 && codePoint <= 0x7E) {
                out.appendCodePoint(codePoint);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", codePoint));
            }
        });
        return out.toString();
    }
}
