/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.flow.ConntrackMatch;

/**
 * What an operator asks to trace, as the text they typed, field by field (the RPC's leaves and the command's options
 * share the names): where the frame enters and its headers. Anything left out is taken from the intent: a port's
 * own MAC and address for the source, the {@code to} port's for the destination. Every problem names its field.
 */
public final class TraceRequest {
    /** Every field, in the order the help lists them. */
    public static final List<String> FIELDS = List.of("from", "to", "eth-src", "eth-dst", "vlan", "ip-src", "ip-dst",
        "proto", "src-port", "dst-port", "icmp-type", "icmp-code", "tcp-flags", "ct-state", "ct-mark");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final int DEFAULT_SOURCE_PORT = 40_000;

    private final Map<String, String> fields;

    private TraceRequest(final Map<String, String> fields) {
        this.fields = fields;
    }

    /** A field's value the request cannot use, and why. */
    public static final class FieldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String field;

        public FieldException(final String field, final String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Where the frame enters, the frame, and the state every conntrack action answers.
     *
     * @param from what the request named as the entry, as an operator reads it
     */
    public record Resolved(String switchId, long inPort, String from, Frame frame, SwitchWalk.Conntrack.State ct) {
    }

    /**
     * A request of these fields; blank values count as absent.
     *
     * @throws FieldException for a field that does not exist
     */
    public static TraceRequest of(final Map<String, String> given) {
        final var fields = new TreeMap<String, String>();
        given.forEach((name, value) -> {
            if (!FIELDS.contains(name)) {
                throw new FieldException(name, "no such field; the fields are " + String.join(", ", FIELDS));
            }
            if (value != null && !value.isBlank()) {
                fields.put(name, value.trim());
            }
        });
        return new TraceRequest(fields);
    }

    /**
     * The frame as the intent and the switches place it.
     *
     * @param inventory the connected switches' facts, by node id
     * @throws FieldException for a field whose value is wrong or missing
     */
    public Resolved resolve(final Intent intent, final Map<String, SwitchFacts> inventory) {
        final String from = required("from");
        final Port source = intent.ports().get(from);
        final String switchId;
        final long inPort;
        final @Nullable Port attached;
        if (source != null) {
            switchId = source.switchId();
            final OptionalLong number = numberOf(source, inventory);
            if (switchId == null || number.isEmpty()) {
                throw new FieldException("from", "port " + from + " is not bound to a switch port that exists");
            }
            inPort = number.getAsLong();
            attached = source;
        } else {
            final int colon = from.lastIndexOf(':');
            switchId = colon < 0 ? from : from.substring(0, colon);
            inPort = colon < 0 ? -1 : parseLong("from", from.substring(colon + 1), 1, SwitchPorts.MAX_NUMBER, -1);
            if (inPort < 0 || !inventory.containsKey(switchId)) {
                final String connected = String.join(", ", new TreeMap<>(inventory).keySet());
                throw new FieldException("from", "'" + from + "' is neither a port of the intent nor"
                    + " <node-id>:<in-port> of a connected switch (" + connected + ")");
            }
            attached = intent.ports().values().stream().filter(port -> switchId.equals(port.switchId())
                && numberOf(port, inventory).equals(OptionalLong.of(inPort))).findFirst().orElse(null);
        }
        final String toId = fields.get("to");
        final Port target = toId == null ? null : intent.ports().get(toId);
        if (toId != null && target == null) {
            throw new FieldException("to", "no port " + toId + " in the intent");
        }
        final String proto = fields.getOrDefault("proto", "").toLowerCase(Locale.ROOT);
        final String ipDst = address("ip-dst", fields.get("ip-dst"), target, fields.get("ip-src"));
        if (ipDst == null) {
            throw new FieldException("ip-dst", "needed (or a 'to' port with an address)");
        }
        final String ipSrc = address("ip-src", fields.get("ip-src"), attached, ipDst);
        if (ipSrc == null) {
            throw new FieldException("ip-src", "needed: nothing with an address of that family is attached at "
                + from);
        }
        if (ipSrc.contains(":") != ipDst.contains(":")) {
            throw new FieldException("ip-dst", ipDst + " and ip-src " + ipSrc + " are of different families");
        }
        final String ethSrc = mac("eth-src", fields.get("eth-src"), attached == null ? null : attached.macAddress(),
            "nothing of the intent is attached at " + from);
        final String ethDst = mac("eth-dst", fields.get("eth-dst"), "arp".equals(proto) ? Frame.BROADCAST
            : destinationMac(intent, target, ipDst, attached), "no port of the intent has " + ipDst);
        Frame frame = frame(proto, ethSrc, ethDst, ipSrc, ipDst);
        if (fields.containsKey("vlan")) {
            frame = frame.withVlan((int) parseLong("vlan", fields.get("vlan"), 0, 4095, 0));
        }
        return new Resolved(switchId, inPort, source != null ? "port " + from : switchId + " in_port " + inPort,
            frame, conntrack());
    }

    private Frame frame(final String proto, final String ethSrc, final String ethDst, final String ipSrc,
            final String ipDst) {
        final boolean v6 = ipSrc.contains(":");
        if (!"tcp".equals(proto) && fields.containsKey("tcp-flags")) {
            throw new FieldException("tcp-flags", "only for proto tcp");
        }
        final Frame plain = v6 ? Frame.ipv6(ethSrc, ethDst, ipSrc, ipDst) : Frame.ipv4(ethSrc, ethDst, ipSrc, ipDst);
        switch (proto) {
            case "" -> {
                return plain;
            }
            case "arp" -> {
                if (v6) {
                    throw new FieldException("proto", "arp needs IPv4 addresses");
                }
                final Frame request = Frame.arpRequest(ethSrc, ipSrc, ipDst);
                return request.withEth(ethSrc, ethDst);
            }
            case "tcp", "udp" -> {
                final int sourcePort = (int) parseLong("src-port", fields.get("src-port"), 1, 65_535,
                    DEFAULT_SOURCE_PORT);
                final int destinationPort = (int) parseLong("dst-port", required("dst-port"), 1, 65_535, 0);
                final int flags = fields.containsKey("tcp-flags") ? TcpFlags.parse(fields.get("tcp-flags"))
                    .orElseThrow(() -> new FieldException("tcp-flags", "'" + fields.get("tcp-flags")
                        + "' is not a list of " + TcpFlags.names())) : 0;
                return plain.withL4(new Frame.L4("tcp".equals(proto) ? 6 : 17, sourcePort, destinationPort, 0, 0,
                    flags));
            }
            case "icmp", "icmp6" -> {
                final int type = (int) parseLong("icmp-type", fields.get("icmp-type"), 0, 255, v6 ? 128 : 8);
                final int code = (int) parseLong("icmp-code", fields.get("icmp-code"), 0, 255, 0);
                return plain.withL4(new Frame.L4(v6 ? 58 : 1, 0, 0, type, code));
            }
            default -> {
                final int number = (int) parseLong("proto", proto, 0, 255, -1);
                return plain.withL4(new Frame.L4(number, 0, 0, 0, 0));
            }
        }
    }

    private SwitchWalk.Conntrack.State conntrack() {
        int state = ConntrackMatch.TRACKED | ConntrackMatch.NEW;
        if (fields.containsKey("ct-state")) {
            state = ConntrackMatch.TRACKED;
            for (String flag : fields.get("ct-state").toLowerCase(Locale.ROOT).split("[,+ ]+", -1)) {
                final int bit = ConntrackMatch.FLAG_NAMES.indexOf(flag);
                if (bit < 0) {
                    throw new FieldException("ct-state", "'" + flag + "' is not one of "
                        + String.join(", ", ConntrackMatch.FLAG_NAMES));
                }
                state |= 1 << bit;
            }
        }
        return new SwitchWalk.Conntrack.State(state, parseLong("ct-mark", fields.get("ct-mark"), 0, 0xFFFF_FFFFL,
            0));
    }

    private String required(final String field) {
        final String value = fields.get(field);
        if (value == null) {
            throw new FieldException(field, "needed");
        }
        return value;
    }

    private static OptionalLong numberOf(final Port port, final Map<String, SwitchFacts> inventory) {
        final SwitchFacts facts = port.switchId() == null ? null : inventory.get(port.switchId());
        return port.switchPort() == null ? OptionalLong.empty()
            : SwitchPorts.resolve(port.switchPort(), facts == null ? Map.of() : facts.portNumbersByName());
    }

    /** The given address, or the port's first one of the other address's family. */
    private static @Nullable String address(final String field, final @Nullable String given,
            final @Nullable Port port, final @Nullable String other) {
        if (given != null) {
            final Optional<InetAddress> parsed = Addresses.ipLiteral(given);
            if (parsed.isEmpty()) {
                throw new FieldException(field, "'" + given + "' is not an IPv4 or IPv6 address");
            }
            return Addresses.canonical(parsed.orElseThrow());
        }
        if (port == null) {
            return null;
        }
        return port.ipAddresses().stream().filter(ip -> other == null || ip.contains(":") == other.contains(":"))
            .findFirst().orElse(null);
    }

    private static String mac(final String field, final @Nullable String given, final @Nullable String fallback,
            final String whyMissing) {
        if (given == null) {
            if (fallback == null) {
                throw new FieldException(field, "needed: " + whyMissing);
            }
            return fallback.toLowerCase(Locale.ROOT);
        }
        final String mac = given.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            throw new FieldException(field, "'" + given + "' is not a MAC address (six hex pairs with colons)");
        }
        return mac;
    }

    /** The target's MAC; else that of a port with the address, one of the source's network first. */
    private static @Nullable String destinationMac(final Intent intent, final @Nullable Port target,
            final String ipDst, final @Nullable Port source) {
        if (target != null) {
            return target.macAddress();
        }
        return intent.ports().values().stream().filter(port -> port.macAddress() != null
                && port.ipAddresses().stream().anyMatch(ip -> sameAddress(ip, ipDst)))
            .sorted((one, two) -> Boolean.compare(!sameNetwork(one, source), !sameNetwork(two, source)))
            .map(Port::macAddress).findFirst().orElse(null);
    }

    private static boolean sameNetwork(final Port port, final @Nullable Port source) {
        return source != null && Objects.equals(port.networkId(), source.networkId());
    }

    private static boolean sameAddress(final String one, final String two) {
        return Addresses.ipLiteral(one).equals(Addresses.ipLiteral(two));
    }

    private static long parseLong(final String field, final @Nullable String text, final long min, final long max,
            final long absent) {
        if (text == null) {
            return absent;
        }
        try {
            final long value = text.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(text.substring(2), 16)
                : Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new FieldException(field, "'" + text + "' is not a number from " + min + " to " + max);
    }
}
