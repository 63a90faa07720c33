/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortsByNetwork;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * Who is in which security group, per network: the remote addresses of remote-group rules. Kept from round to round
 * and updated for the ports that changed; a network whose members did not change keeps its very map, so the parts
 * compiled from it compare by identity. Written between compiles, only read while switches compile.
 */
final class Membership {
    private final PortsByNetwork portsByNetwork = new PortsByNetwork();
    private final Map<String, Map<GroupKey, List<String>>> byNetwork = new HashMap<>();

    /**
     * Takes in the ports whose intent or group list changed (present in {@code ports} or not any more) and returns
     * the networks whose members changed.
     */
    Set<String> update(final Collection<String> changedPorts, final Map<String, Port> ports,
            final FirewallIntent firewall) {
        final Set<String> touched = portsByNetwork.update(changedPorts, ports);
        final var changed = new HashSet<String>();
        for (String networkId : touched) {
            final Map<GroupKey, List<String>> members = membersOf(portsByNetwork.in(networkId).values(), firewall);
            final Map<GroupKey, List<String>> known = byNetwork.getOrDefault(networkId, Map.of());
            if (!members.equals(known)) {
                changed.add(networkId);
                if (members.isEmpty()) {
                    byNetwork.remove(networkId);
                } else {
                    byNetwork.put(networkId, members);
                }
            }
        }
        return changed;
    }

    /** The ids of every port of the intent that names this network. */
    Set<String> portsIn(final String networkId) {
        return portsByNetwork.in(networkId).keySet();
    }

    /** Every group's member prefixes within one network. */
    Map<GroupKey, List<String>> inNetwork(final String networkId) {
        return byNetwork.getOrDefault(networkId, Map.of());
    }

    /** The member prefixes of a group within one network. */
    List<String> prefixes(final GroupKey group, final String networkId) {
        return inNetwork(networkId).getOrDefault(group, List.of());
    }

    /** A port's addresses (and address pairs) as prefixes, under each of its groups, in port order. */
    private static Map<GroupKey, List<String>> membersOf(final Collection<Port> ports,
            final FirewallIntent firewall) {
        final var members = new HashMap<GroupKey, List<String>>();
        for (Port port : ports) {
            if (port.tenantId() == null) {
                continue;
            }
            final var addresses = new ArrayList<String>();
            port.ipAddresses().forEach(ip -> addresses.add(ip + (ip.contains(":") ? "/128" : "/32")));
            port.allowedAddressPairs().forEach(pair -> addresses.add(pair.ipPrefix().contains("/")
                ? pair.ipPrefix() : pair.ipPrefix() + (pair.ipPrefix().contains(":") ? "/128" : "/32")));
            for (String name : firewall.groupsOf(port.id())) {
                members.computeIfAbsent(new GroupKey(port.tenantId(), name), key -> new ArrayList<>())
                    .addAll(addresses);
            }
        }
        final var frozen = new HashMap<GroupKey, List<String>>();
        members.forEach((group, prefixes) -> frozen.put(group, List.copyOf(prefixes)));
        return Map.copyOf(frozen);
    }
}
