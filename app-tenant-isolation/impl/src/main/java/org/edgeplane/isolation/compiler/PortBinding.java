/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.endpoint.SwitchProfile;

/**
 * Where a port's flows go, or why it gets none: the switch port its claim resolves to among the names the switch
 * reports ({@code names}), checked against the switch's uplinks and tunnel, the network's needs and the ports
 * bound before it on the same switch ({@code owners}, which a bound port joins). Pure: the same inputs bind the
 * same way.
 *
 * @param bound the bound port, when it binds
 * @param problem why it does not, for its status
 * @param heldBy the port that holds the switch port it claims, when that is why
 */
record PortBinding(Optional<BoundPort> bound, @Nullable String problem, @Nullable String heldBy) {
    PortBinding(final Optional<BoundPort> bound, final @Nullable String problem) {
        this(bound, problem, null);
    }

    /** Binds one port; whatever goes wrong stays with that port. */
    // The boundary of one object: a port that cannot be bound fails alone, with the reason in its status.
    @SuppressWarnings("checkstyle:IllegalCatch")
    static PortBinding bindAlone(final Port port, final @Nullable Network network,
            final @Nullable SwitchContext context, final Map<Long, String> owners, final Map<String, Long> names) {
        try {
            return bind(port, network, context, owners, names);
        } catch (RuntimeException e) {
            return new PortBinding(Optional.empty(), IsolationCompiler.COMPILE_FAILED + e.getMessage());
        }
    }

    private static PortBinding bind(final Port port, final @Nullable Network network,
            final @Nullable SwitchContext context, final Map<Long, String> owners, final Map<String, Long> names) {
        final Optional<String> mac = Addresses.unicastMac(port.macAddress());
        if (context == null || network == null || network.segmentationType() == null
                || network.segmentationId() == null || mac.isEmpty()) {
            return new PortBinding(Optional.empty(), "not valid intent");
        }
        final OptionalLong ofPort = SwitchPorts.resolve(port.switchPort(), names);
        final String location = port.switchId() + " port " + port.switchPort();
        if (ofPort.isEmpty()) {
            return new PortBinding(Optional.empty(), location + " is not reported by the switch (yet)");
        }
        final Optional<String> reserved = SwitchPorts.numberProblem(ofPort.getAsLong());
        if (reserved.isPresent()) {
            return new PortBinding(Optional.empty(), location + " " + reserved.orElseThrow());
        }
        if (context.uplinks().contains(ofPort.getAsLong())
                || context.tunnelPort().equals(ofPort)) {
            return new PortBinding(Optional.empty(), location + " is an uplink or tunnel port of the switch");
        }
        if (network.segmentationType() == SegmentationType.VXLAN) {
            if (context.profile() != SwitchProfile.OVS) {
                return new PortBinding(Optional.empty(), "network " + network.id() + " is VXLAN, which needs switch "
                    + port.switchId() + " to have the ovs profile (the tunnel destination is a Nicira action)");
            }
            if (context.tunnelIp() == null || context.tunnelPort().isEmpty()) {
                return new PortBinding(Optional.empty(), "network " + network.id() + " is VXLAN and switch "
                    + port.switchId() + " has no usable tunnel-ip and tunnel-port");
            }
        }
        final String owner = owners.putIfAbsent(ofPort.getAsLong(), port.id());
        if (owner != null) {
            return new PortBinding(Optional.empty(), port.switchId() + " port " + ofPort.getAsLong() + " (claimed as '"
                + port.switchPort() + "') is held by port " + owner + ", which keeps it; this port gets no flows "
                + "until one of them is bound elsewhere", owner);
        }
        final var ips = port.ipAddresses().stream().map(Addresses::ipLiteral).flatMap(Optional::stream).toList();
        final var pairs = new ArrayList<BoundPort.ResolvedPair>();
        for (AddressPair pair : port.allowedAddressPairs()) {
            final var prefix = Addresses.ipPrefix(pair.ipPrefix());
            final Optional<String> pairMac = pair.macAddress() == null ? mac
                : Addresses.unicastMac(pair.macAddress());
            if (prefix.isEmpty() || pairMac.isEmpty()) {
                return new PortBinding(Optional.empty(), "not valid intent");
            }
            pairs.add(new BoundPort.ResolvedPair(prefix.orElseThrow().text(), prefix.orElseThrow().ipv4(),
                pairMac.orElseThrow()));
        }
        return new PortBinding(Optional.of(new BoundPort(port, network, ofPort.getAsLong(), mac.orElseThrow(), ips,
            pairs)), null);
    }
}
