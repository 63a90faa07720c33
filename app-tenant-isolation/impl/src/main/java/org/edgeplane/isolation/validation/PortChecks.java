/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.validation;

import static org.edgeplane.core.validation.Violation.key;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;

/** The checks of one port by itself: required fields, formats, ranges, bounds and references. Pure. */
final class PortChecks {
    private PortChecks() {
    }

    static void check(final Port port, final Intent after, final PortNames names, final List<Violation> out) {
        final String path = "port[" + port.id() + "]/";
        final Set<String> involved = Set.of(key("port", port.id()));
        IntentValidator.checkTenantReference(path, port.tenantId(), after, involved, out);
        checkNetworkReference(port, after, path, out);
        final boolean nodeIdValid;
        if (port.switchId() == null) {
            out.add(Violation.invalid(path + "switch-id", "is required", involved));
            nodeIdValid = false;
        } else {
            final Optional<String> problem = SwitchPorts.nodeIdProblem(port.switchId());
            problem.ifPresent(reason -> out.add(Violation.invalid(path + "switch-id", reason, involved)));
            nodeIdValid = problem.isEmpty();
        }
        IntentValidator.checkSwitchPort(path + "switch-port", nodeIdValid ? port.switchId() : null,
            port.switchPort(), names, involved, out);
        if (port.macAddress() == null) {
            out.add(Violation.invalid(path + "mac-address", "is required", involved));
        } else if (Addresses.unicastMac(port.macAddress()).isEmpty()) {
            out.add(Violation.invalid(path + "mac-address", "'" + SwitchPorts.printable(port.macAddress())
                + "' is not a unicast MAC address such as 02:00:00:00:00:01", involved));
        }
        checkAddresses(port, path, involved, out);
        checkPairs(port, path, involved, out);
        if (port.rateLimit() != null && port.rateLimit().kbps() < 1) {
            out.add(Violation.invalid(path + "rate-limit/kbps", "is required with rate-limit: a rate of at least "
                + "1 kilobit per second", involved));
        }
    }

    private static void checkNetworkReference(final Port port, final Intent after, final String path,
            final List<Violation> out) {
        final Set<String> involved = Set.of(key("port", port.id()));
        if (port.networkId() == null) {
            out.add(Violation.invalid(path + "network-id", "is required", involved));
            return;
        }
        if (port.networkId().length() > Limits.MAX_ID_LENGTH) {
            Limits.checkLength(path + "network-id", port.networkId(), Limits.MAX_ID_LENGTH, involved, out);
            return;
        }
        final Network network = after.networks().get(port.networkId());
        final Set<String> withNetwork = Set.of(key("port", port.id()), key("network", port.networkId()));
        if (network == null) {
            out.add(Violation.invalid(path + "network-id", "network '" + port.networkId() + "' does not exist",
                withNetwork));
        } else if (port.tenantId() != null && after.tenants().containsKey(port.tenantId())
                && !port.tenantId().equals(network.tenantId())) {
            out.add(Violation.invalid(path + "network-id", "network '" + network.id() + "' belongs to tenant '"
                + network.tenantId() + "', not '" + port.tenantId() + "'", withNetwork));
        }
    }

    private static void checkAddresses(final Port port, final String path, final Set<String> involved,
            final List<Violation> out) {
        Limits.checkSize(path + "ip-address", port.ipAddresses(), Limits.MAX_IPS_PER_PORT, involved, out);
        if (port.ipAddresses().size() > Limits.MAX_IPS_PER_PORT) {
            return;
        }
        final var seen = new HashSet<String>();
        for (String text : port.ipAddresses()) {
            final Optional<InetAddress> ip = Addresses.ipLiteral(text);
            if (ip.isEmpty()) {
                out.add(Violation.invalid(path + "ip-address", "'" + SwitchPorts.printable(text)
                    + "' is not an IPv4 or IPv6 address (without prefix length)", involved));
                continue;
            }
            Addresses.endpointProblem(ip.orElseThrow())
                .ifPresent(reason -> out.add(Violation.invalid(path + "ip-address", reason, involved)));
            final String canonical = Addresses.canonical(ip.orElseThrow());
            if (!seen.add(canonical)) {
                out.add(Violation.invalid(path + "ip-address", canonical + " is listed twice (as '" + text
                    + "' and another spelling)", involved));
            }
        }
    }

    private static void checkPairs(final Port port, final String path, final Set<String> involved,
            final List<Violation> out) {
        Limits.checkSize(path + "allowed-address-pair", port.allowedAddressPairs(), Limits.MAX_PAIRS_PER_PORT,
            involved, out);
        if (port.allowedAddressPairs().size() > Limits.MAX_PAIRS_PER_PORT) {
            return;
        }
        final var seen = new HashSet<String>();
        for (AddressPair pair : port.allowedAddressPairs()) {
            final String pairPath = path + "allowed-address-pair[" + SwitchPorts.printable(pair.ipPrefix()) + "]/";
            final var prefix = Addresses.ipPrefix(pair.ipPrefix());
            if (prefix.isEmpty()) {
                out.add(Violation.invalid(pairPath + "ip-prefix", "'" + SwitchPorts.printable(pair.ipPrefix())
                    + "' is not an IP address or prefix with zero host bits, such as 10.0.0.0/24", involved));
            } else {
                final String text = prefix.orElseThrow().text();
                final InetAddress base = Addresses.ipLiteral(text.substring(0, text.indexOf('/'))).orElseThrow();
                final boolean host = text.endsWith(prefix.orElseThrow().ipv4() ? "/32" : "/128");
                // A wider prefix may start at 0.0.0.0 (a router's 0.0.0.0/0); a single address must be a host's.
                if (host || base.isMulticastAddress() || base.isLoopbackAddress()) {
                    Addresses.endpointProblem(base).ifPresent(reason -> out.add(Violation.invalid(pairPath
                        + "ip-prefix", reason, involved)));
                }
                if (!seen.add(text)) {
                    out.add(Violation.invalid(pairPath + "ip-prefix", text + " is listed twice", involved));
                }
            }
            if (pair.macAddress() != null && Addresses.unicastMac(pair.macAddress()).isEmpty()) {
                out.add(Violation.invalid(pairPath + "mac-address", "'" + SwitchPorts.printable(pair.macAddress())
                    + "' is not a unicast MAC address", involved));
            }
        }
    }
}
