/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.firewall.compiler.FirewallCompiler.GovernedPort;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * The ports the firewall governs, kept from round to round, by what a change reaches them through: their switch,
 * their network and their security groups. A change to a group, a network or a port is traced here to the ports,
 * and so the switches, that must compile again; the rest are not looked at.
 */
final class GovernedIndex {
    /** The groups a port is in, within its tenant: ports in the same groups share one rule list. */
    record GroupSet(String tenantId, List<String> names) {
    }

    /** Where a governed port was: what a change to it reaches. */
    record Placed(String switchId, String networkId) {
    }

    private record Entry(GovernedPort port, String switchId, GroupSet groups) {
    }

    private final Map<String, Entry> byId = new HashMap<>();
    /** Per switch, per network, the governed ports in port id order. */
    private final Map<String, Map<String, TreeMap<String, GovernedPort>>> bySwitch = new HashMap<>();
    private final Map<String, Set<String>> byNetwork = new HashMap<>();
    private final Map<GroupKey, Set<String>> byGroup = new HashMap<>();
    private final Map<GroupSet, Integer> setUses = new HashMap<>();

    /**
     * Forgets a port; returns where it was, or null when it was not governed. When it was the last port of its group
     * set, {@code unusedSets} gets the set.
     */
    @Nullable Placed remove(final String portId, final Set<GroupSet> unusedSets) {
        final Entry entry = byId.remove(portId);
        if (entry == null) {
            return null;
        }
        final String networkId = entry.port().network().id();
        final Map<String, TreeMap<String, GovernedPort>> onSwitch = bySwitch.get(entry.switchId());
        final TreeMap<String, GovernedPort> inNetwork = onSwitch.get(networkId);
        inNetwork.remove(portId);
        if (inNetwork.isEmpty()) {
            onSwitch.remove(networkId);
            if (onSwitch.isEmpty()) {
                bySwitch.remove(entry.switchId());
            }
        }
        removeFrom(byNetwork, entry.port().network().id(), portId);
        for (String name : entry.groups().names()) {
            removeFrom(byGroup, new GroupKey(entry.groups().tenantId(), name), portId);
        }
        if (setUses.merge(entry.groups(), -1, Integer::sum) == 0) {
            setUses.remove(entry.groups());
            unusedSets.add(entry.groups());
        }
        return new Placed(entry.switchId(), networkId);
    }

    void add(final GovernedPort port, final String switchId, final GroupSet groups) {
        byId.put(port.id(), new Entry(port, switchId, groups));
        bySwitch.computeIfAbsent(switchId, key -> new HashMap<>()).computeIfAbsent(port.network().id(),
            key -> new TreeMap<>()).put(port.id(), port);
        byNetwork.computeIfAbsent(port.network().id(), key -> new HashSet<>()).add(port.id());
        for (String name : groups.names()) {
            byGroup.computeIfAbsent(new GroupKey(groups.tenantId(), name), key -> new HashSet<>()).add(port.id());
        }
        setUses.merge(groups, 1, Integer::sum);
    }

    /**
     * Gives a governed port the rule list {@code rulesOf} makes for its group set, where only its groups' rules
     * changed: it stays where it is in every index. Returns where it is, or null when it is not governed.
     */
    @Nullable Placed withRules(final String portId, final Function<GroupSet, List<LabelledRule>> rulesOf) {
        final Entry entry = byId.get(portId);
        if (entry == null) {
            return null;
        }
        final GovernedPort was = entry.port();
        final String networkId = was.network().id();
        final GovernedPort now = new GovernedPort(was.port(), was.network(), was.ofPort(),
            rulesOf.apply(entry.groups()), was.dropCookie());
        byId.put(portId, new Entry(now, entry.switchId(), entry.groups()));
        bySwitch.get(entry.switchId()).get(networkId).put(portId, now);
        return new Placed(entry.switchId(), networkId);
    }

    boolean inUse(final GroupSet groups) {
        return setUses.containsKey(groups);
    }

    /** The switch a governed port is on, or null. */
    @Nullable String switchOf(final String portId) {
        final Entry entry = byId.get(portId);
        return entry == null ? null : entry.switchId();
    }

    /** A switch's governed ports in port id order; empty when it has none. */
    List<GovernedPort> onSwitch(final String switchId) {
        final var ports = new TreeMap<String, GovernedPort>();
        bySwitch.getOrDefault(switchId, Map.of()).values().forEach(ports::putAll);
        return List.copyOf(ports.values());
    }

    /** Whether a switch has any governed port. */
    boolean hasPorts(final String switchId) {
        return bySwitch.containsKey(switchId);
    }

    /** The networks a switch has governed ports in. */
    Set<String> networksOn(final String switchId) {
        return Set.copyOf(bySwitch.getOrDefault(switchId, Map.of()).keySet());
    }

    /** A network's governed ports on a switch in port id order; empty when it has none there. */
    List<GovernedPort> portsOn(final String switchId, final String networkId) {
        final TreeMap<String, GovernedPort> ports = bySwitch.getOrDefault(switchId, Map.of()).get(networkId);
        return ports == null ? List.of() : List.copyOf(ports.values());
    }

    /** The governed ports of a network. */
    Set<String> inNetwork(final String networkId) {
        return byNetwork.getOrDefault(networkId, Set.of());
    }

    /** The governed ports in a security group. */
    Set<String> using(final GroupKey group) {
        return byGroup.getOrDefault(group, Set.of());
    }

    private static <K> void removeFrom(final Map<K, Set<String>> index, final K key, final String portId) {
        final Set<String> ports = index.get(key);
        ports.remove(portId);
        if (ports.isEmpty()) {
            index.remove(key);
        }
    }
}
