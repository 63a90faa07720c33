/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.validation;

import static org.edgeplane.core.validation.Violation.key;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;

/**
 * The conflicts between entries, all compared by identity rather than by the text a client typed: two bindings of
 * one switch port (by number or by name), an endpoint on an uplink or tunnel port, and one port's identity (its MAC,
 * its addresses, the IPv6 link-local its MAC implies) claimed by another port of the network, as its own address or
 * through an allowed address pair. Pure.
 */
final class IdentityConflicts {
    private static final String OWN_ADDRESS = "its address";

    private IdentityConflicts() {
    }

    static void check(final Intent after, final PortNames names, final List<Violation> out) {
        checkSwitchPorts(after, names, out);
        checkAddresses(after, out);
    }

    private static boolean bindable(final Port port) {
        return port.switchId() != null && port.switchPort() != null
            && SwitchPorts.nodeIdProblem(port.switchId()).isEmpty()
            && SwitchPorts.referenceProblem(port.switchPort()).isEmpty();
    }

    private static void checkSwitchPorts(final Intent after, final PortNames names, final List<Violation> out) {
        final var holders = new TreeMap<String, List<Port>>();
        for (Port port : after.ports().values()) {
            if (bindable(port)) {
                holders.computeIfAbsent(SwitchPorts.identity(port.switchId(), port.switchPort(),
                    names.numbersByName(port.switchId())), key -> new ArrayList<>()).add(port);
            }
        }
        holders.forEach((identity, ports) -> {
            if (ports.size() < 2) {
                return;
            }
            for (Port port : ports) {
                final String others = ports.stream().filter(other -> other != port)
                    .map(other -> "port '" + other.id() + "' (as '" + other.switchPort() + "')")
                    .collect(Collectors.joining(", "));
                out.add(Violation.conflict("port[" + port.id() + "]/switch-port", identity + " is already used by "
                    + others, Set.of(key("port", port.id()))));
            }
        });
        for (SwitchConfig config : after.switches().values()) {
            checkSwitchRoles(config, names, holders, out);
        }
    }

    /** Uplinks, the tunnel port and endpoints are distinct switch ports. */
    private static void checkSwitchRoles(final SwitchConfig config, final PortNames names,
            final Map<String, List<Port>> endpoints, final List<Violation> out) {
        final String nodeId = config.nodeId();
        if (SwitchPorts.nodeIdProblem(nodeId).isPresent()
                || config.uplinkPorts().size() > Limits.MAX_UPLINKS_PER_SWITCH) {
            return;
        }
        final Map<String, Long> numbers = names.numbersByName(nodeId);
        final String path = "switch[" + nodeId + "]";
        final Set<String> involved = Set.of(key("switch", nodeId));
        final var roles = new LinkedHashMap<String, String>();
        for (String ref : config.uplinkPorts()) {
            if (SwitchPorts.referenceProblem(ref).isEmpty()) {
                final String previous = roles.putIfAbsent(SwitchPorts.identity(nodeId, ref, numbers),
                    "an uplink port ('" + ref + "')");
                if (previous != null) {
                    out.add(Violation.conflict(path + "/uplink-port", "'" + ref + "' is the same switch port as "
                        + previous, involved));
                }
            }
        }
        final String tunnel = config.tunnelPort();
        if (tunnel != null && SwitchPorts.referenceProblem(tunnel).isEmpty()) {
            final String previous = roles.putIfAbsent(SwitchPorts.identity(nodeId, tunnel, numbers),
                "the tunnel port ('" + tunnel + "')");
            if (previous != null) {
                out.add(Violation.conflict(path + "/tunnel-port", "'" + tunnel + "' is also " + previous,
                    involved));
            }
        }
        roles.forEach((identity, role) -> endpoints.getOrDefault(identity, List.of()).forEach(port -> out.add(
            Violation.conflict("port[" + port.id() + "]/switch-port", identity + " is " + role
                + " of the switch, not an endpoint's",
                Set.of(key("port", port.id()), key("switch", nodeId))))));
    }

    /** One port's claim to an address in its network: its own, or the one its MAC implies. */
    private record Claim(String portId, String how) {
    }

    private static void checkAddresses(final Intent after, final List<Violation> out) {
        final var macs = new TreeMap<String, List<String>>();
        final var ips = new TreeMap<String, List<Claim>>();
        final var ipsByNetwork = new HashMap<String, Map<String, Claim>>();
        final var macOwner = new HashMap<String, String>();
        for (Port port : after.ports().values()) {
            final Optional<String> mac = Addresses.unicastMac(port.macAddress());
            if (port.networkId() == null || mac.isEmpty() || port.ipAddresses().size() > Limits.MAX_IPS_PER_PORT) {
                continue;
            }
            final String network = port.networkId();
            macs.computeIfAbsent(mac.orElseThrow() + " in network '" + network + "'", key -> new ArrayList<>())
                .add(port.id());
            macOwner.putIfAbsent(network + " " + mac.orElseThrow(), port.id());
            final var own = new TreeMap<String, Claim>();
            own.put(Addresses.ipv6LinkLocal(mac.orElseThrow()), new Claim(port.id(), "the IPv6 link-local of its MAC"));
            for (String text : port.ipAddresses()) {
                Addresses.ipLiteral(text).map(Addresses::canonical)
                    .ifPresent(ip -> own.put(ip, new Claim(port.id(), OWN_ADDRESS)));
            }
            own.forEach((ip, claim) -> {
                ips.computeIfAbsent(ip + " in network '" + network + "'", key -> new ArrayList<>()).add(claim);
                ipsByNetwork.computeIfAbsent(network, key -> new TreeMap<>()).putIfAbsent(ip, claim);
            });
        }
        IntentValidator.reportShared(macs, "port", "mac-address", out);
        ips.forEach((value, claims) -> {
            // Two link-locals collide only when two MACs do, which is reported above.
            if (claims.size() < 2 || claims.stream().allMatch(claim -> !OWN_ADDRESS.equals(claim.how()))) {
                return;
            }
            for (Claim claim : claims) {
                final String others = claims.stream().filter(other -> other != claim)
                    .map(other -> "port '" + other.portId() + "'" + (OWN_ADDRESS.equals(other.how()) ? ""
                        : " (" + other.how() + ")")).collect(Collectors.joining(", "));
                out.add(Violation.conflict("port[" + claim.portId() + "]/ip-address", value + " is already used by "
                    + others, Set.of(key("port", claim.portId()))));
            }
        });
        for (Port port : after.ports().values()) {
            if (port.networkId() != null && port.allowedAddressPairs().size() <= Limits.MAX_PAIRS_PER_PORT) {
                checkPairs(port, macOwner, ipsByNetwork.getOrDefault(port.networkId(), Map.of()), out);
            }
        }
    }

    /** A pair may not carry another port's MAC or an address of another port's identity. */
    private static void checkPairs(final Port port, final Map<String, String> macOwner,
            final Map<String, Claim> networkIps, final List<Violation> out) {
        for (AddressPair pair : port.allowedAddressPairs()) {
            final String path = "port[" + port.id() + "]/allowed-address-pair[" + pair.ipPrefix() + "]/";
            final Optional<String> mac = Addresses.unicastMac(pair.macAddress());
            final String macHolder = mac.map(value -> macOwner.get(port.networkId() + " " + value)).orElse(null);
            if (macHolder != null && !macHolder.equals(port.id())) {
                out.add(Violation.conflict(path + "mac-address", mac.orElseThrow() + " is port '" + macHolder
                    + "''s own MAC in network '" + port.networkId() + "': a pair cannot carry another port's "
                    + "identity", Set.of(key("port", port.id()), key("port", macHolder))));
            }
            final var prefix = Addresses.ipPrefix(pair.ipPrefix());
            if (prefix.isEmpty()) {
                continue;
            }
            final var victims = new TreeSet<String>();
            final String text = prefix.orElseThrow().text();
            final boolean host = text.endsWith(prefix.orElseThrow().ipv4() ? "/32" : "/128");
            if (host) {
                final Claim claim = networkIps.get(text.substring(0, text.indexOf('/')));
                if (claim != null && !claim.portId().equals(port.id())) {
                    victims.add(claim.portId());
                }
            } else {
                final byte[] base = Addresses.ipLiteral(text.substring(0, text.indexOf('/'))).orElseThrow()
                    .getAddress();
                final int length = Integer.parseInt(text.substring(text.indexOf('/') + 1));
                networkIps.forEach((ip, claim) -> {
                    if (!claim.portId().equals(port.id()) && Addresses.inPrefix(base, length,
                            Addresses.ipLiteral(ip).orElseThrow().getAddress())) {
                        victims.add(claim.portId());
                    }
                });
            }
            if (!victims.isEmpty()) {
                final var involved = new TreeSet<String>();
                involved.add(key("port", port.id()));
                victims.forEach(victim -> involved.add(key("port", victim)));
                out.add(Violation.conflict(path + "ip-prefix", text + " holds the address of port "
                    + victims.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + " in network '"
                    + port.networkId() + "': a pair cannot carry another port's identity", involved));
            }
        }
    }
}
