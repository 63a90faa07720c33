/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import com.google.common.net.InetAddresses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.Fabric.SwitchPath;

/**
 * What joins the switches and where the endpoints are: the uplinks' fabric (uncontrolled: the verifier assumes it
 * carries every frame to every uplink of every other switch, the worst case for isolation), the VXLAN tunnels
 * between endpoints, and each usable port's switch port.
 */
final class Topology {
    private final Map<String, Map<Long, String>> endpoints = new HashMap<>();
    private final Map<String, SwitchPath> paths;
    private final Map<Long, String> switchByTunnelAddress = new HashMap<>();

    private Topology(final EdgeFacts facts) {
        facts.places().forEach((portId, place) -> endpoints.computeIfAbsent(place.switchId(), key -> new HashMap<>())
            .put(place.ofPort(), portId));
        paths = facts.fabric().paths();
        paths.forEach((switchId, path) -> {
            if (path.tunnelIp() != null && path.tunnelPort().isPresent()) {
                switchByTunnelAddress.put(ipv4Bits(path.tunnelIp()), switchId);
            }
        });
    }

    static Topology of(final EdgeFacts facts) {
        return new Topology(facts);
    }

    static long ipv4Bits(final String address) {
        return InetAddresses.coerceToInteger(InetAddresses.forString(address)) & 0xFFFF_FFFFL;
    }

    /** The endpoint port at a switch port, if the intent has one there. */
    @Nullable String endpoint(final String switchId, final long port) {
        final Map<Long, String> ports = endpoints.get(switchId);
        return ports == null ? null : ports.get(port);
    }

    boolean isUplink(final String switchId, final long port) {
        final SwitchPath path = paths.get(switchId);
        return path != null && path.uplinks().contains(port);
    }

    boolean isTunnel(final String switchId, final long port) {
        final SwitchPath path = paths.get(switchId);
        return path != null && path.tunnelPort().isPresent() && path.tunnelPort().getAsLong() == port;
    }

    /** The switch whose tunnel endpoint has this IPv4 address, with its tunnel port; null when none has. */
    @Nullable String switchWithTunnel(final long address) {
        return switchByTunnelAddress.get(address);
    }

    long tunnelPort(final String switchId) {
        return paths.get(switchId).tunnelPort().orElseThrow();
    }

    /** Every switch with uplinks, and its uplinks. */
    Map<String, SwitchPath> paths() {
        return paths;
    }

    List<Long> uplinks(final String switchId) {
        final SwitchPath path = paths.get(switchId);
        return path == null ? List.of() : path.uplinks();
    }
}
