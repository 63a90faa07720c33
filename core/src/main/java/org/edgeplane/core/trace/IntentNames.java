/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;

/**
 * Names for a trace from the intent and the inventory: every cookie the apps derive from a switch, network or port
 * id (other objects, such as firewall rules and chain hops, come from their apps through {@code more}), every
 * endpoint port, every endpoint's MAC address.
 */
public final class IntentNames implements PacketTrace.Names {
    private final Map<Long, String> owners = new HashMap<>();
    private final Map<String, String> endpoints = new HashMap<>();
    private final Map<String, String> switchesByMac = new HashMap<>();

    /**
     * Names for an intent as the inventory places it.
     *
     * @param more the apps' own objects by cookie
     */
    public IntentNames(final Intent intent, final Map<String, SwitchFacts> inventory, final Map<Long, String> more) {
        for (Network network : intent.networks().values()) {
            final String name = "network " + network.id() + tenantOf(network.tenantId());
            for (Owner owner : Owner.values()) {
                owners.put(Cookies.of(owner, Cookies.ObjectKind.NETWORK, network.id()), name);
            }
        }
        for (Port port : intent.ports().values()) {
            final String name = "port " + port.id() + (port.networkId() == null ? "" : " of network "
                + port.networkId()) + tenantOf(port.tenantId());
            for (Owner owner : Owner.values()) {
                owners.put(Cookies.of(owner, Cookies.ObjectKind.PORT, port.id()), name);
                owners.put(Cookies.of(owner, Cookies.ObjectKind.PORT, port.id() + "#drop"), name + ", its drops");
            }
            if (port.switchId() != null && port.switchPort() != null) {
                final SwitchFacts facts = inventory.get(port.switchId());
                final OptionalLong number = SwitchPorts.resolve(port.switchPort(),
                    facts == null ? Map.of() : facts.portNumbersByName());
                if (number.isPresent()) {
                    endpoints.put(port.switchId() + " " + number.getAsLong(), name);
                }
                if (port.macAddress() != null) {
                    switchesByMac.put(port.macAddress().toLowerCase(Locale.ROOT), port.switchId());
                }
            }
        }
        final var switchIds = new TreeSet<>(inventory.keySet());
        intent.ports().values().stream().map(Port::switchId).filter(java.util.Objects::nonNull).forEach(switchIds::add);
        for (String switchId : switchIds) {
            for (Owner owner : Owner.values()) {
                owners.put(Cookies.of(owner, Cookies.ObjectKind.SWITCH, switchId), owner.name().toLowerCase(
                    Locale.ROOT).replace('_', ' ') + " flows shared by the switch " + switchId);
            }
        }
        owners.putAll(more);
    }

    private static String tenantOf(final @Nullable String tenantId) {
        return tenantId == null ? "" : " (tenant " + tenantId + ")";
    }

    @Override
    public Optional<String> owner(final long cookie) {
        return Optional.ofNullable(owners.get(cookie));
    }

    @Override
    public Optional<String> endpoint(final String switchId, final long port) {
        return Optional.ofNullable(endpoints.get(switchId + " " + port));
    }

    @Override
    public Optional<String> switchOf(final String mac) {
        return Optional.ofNullable(switchesByMac.get(mac.toLowerCase(Locale.ROOT)));
    }
}
