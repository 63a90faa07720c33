/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.firewall.compiler.SwitchParts.NETWORK;
import static org.edgeplane.firewall.compiler.SwitchParts.PORT;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowsById;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.firewall.compiler.FirewallCompiler.GovernedPort;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.compiler.ResolvedRules.RuleProblem;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
import org.edgeplane.firewall.compiler.SwitchParts.NetworkParts;
import org.edgeplane.firewall.compiler.SwitchParts.Part;
import org.edgeplane.firewall.compiler.SwitchParts.SlotInfo;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * One switch's firewall as parts kept from round to round ({@link SwitchParts}): which parts a change reaches,
 * their rules resolved and their remote groups' tag bits, and each part compiled again only when what it is made
 * of (its key) changed. The flows of a part are {@link SwitchTables}'s.
 */
final class SwitchCompiler {
    /**
     * Everything a network's part (remote tags, policy) is made of: the network, its tenant's policy, the remote
     * groups' tag bits per stage, the groups' members in the network and its conntrack zone.
     */
    private record NetworkKey(Network network, List<LabelledRule> policy, Map<Stage, Map<GroupKey, Long>> bits,
            Map<GroupKey, List<String>> members, int zone, boolean stateful) {
    }

    /**
     * Everything a port's part (entry, groups, deny) is made of: the port with its place and rules, its network's
     * tag bits per stage and zone, and the groups' members in the network when a rule of the port lists them
     * (more remote groups than tag bits).
     */
    private record PortKey(GovernedPort port, Map<Stage, Map<GroupKey, Long>> bits, int zone, boolean stateful,
            Map<GroupKey, List<String>> listedMembers) {
    }

    private final String switchId;
    private final boolean stateful;
    private final Map<String, List<LabelledRule>> policyByTenant;
    private final ResolvedRules resolvedRules;
    private final Membership members;
    private final SwitchParts state;
    private final SwitchTables tables;
    private int compiledParts;

    /**
     * A compile of one switch into {@code state}.
     *
     * @param policyByTenant the labelled policy of every tenant with a governed port on the switch
     */
    SwitchCompiler(final String switchId, final SwitchProfile profile,
            final Map<String, List<LabelledRule>> policyByTenant, final ResolvedRules resolvedRules,
            final Membership members, final Map<String, Integer> zones, final SwitchParts state) {
        this.switchId = switchId;
        stateful = profile == SwitchProfile.OVS;
        this.policyByTenant = policyByTenant;
        this.resolvedRules = resolvedRules;
        this.members = members;
        this.state = state;
        tables = new SwitchTables(switchId, stateful, resolvedRules, members, zones);
    }

    /**
     * Brings the switch's parts up to date for the networks that changed, each given with its governed ports on
     * the switch now, in port id order (none: the network has no governed port here any more). Parts are the
     * switch's own flows (neighbour discovery, state, misses), one per network (remote tags, policy) and one per
     * governed port (entry, groups, deny); a network's or port's part whose key equals the last compile's is kept.
     * Parts of a switch of the other profile are dropped first, and then {@code changed} must name every network of
     * the switch.
     */
    void update(final Map<String, List<GovernedPort>> changed) {
        if (!state.isFor(stateful)) {
            state.own(stateful, tables.ownFlows());
        }
        // Ports that left a network are released before any is placed: a port may move between two networks here.
        changed.forEach((networkId, networkPorts) -> {
            final NetworkParts known = state.network(networkId);
            if (known == null) {
                return;
            }
            if (networkPorts.isEmpty()) {
                state.removeNetwork(networkId);
                return;
            }
            final Set<String> staying = new HashSet<>();
            networkPorts.forEach(port -> staying.add(port.id()));
            known.portSlots.forEach((portId, slot) -> {
                if (!staying.contains(portId)) {
                    state.release(slot, PORT + portId);
                }
            });
        });
        changed.forEach((networkId, networkPorts) -> {
            if (!networkPorts.isEmpty()) {
                compileNetwork(networkId, networkPorts);
            }
        });
    }

    /** Network and port parts this compile compiled. */
    int compiledParts() {
        return compiledParts;
    }

    /**
     * A network's part and those of its ports on this switch: its rules are resolved, and each part whose key
     * equals the last one's is kept.
     */
    private void compileNetwork(final String networkId, final List<GovernedPort> networkPorts) {
        final Network network = networkPorts.get(0).network();
        final List<LabelledRule> policy = policyByTenant.getOrDefault(network.tenantId(), List.of());
        final NetworkParts known = state.network(networkId);
        final var portRules = new EnumMap<Stage, List<StageRules>>(Stage.class);
        final var policyRules = new EnumMap<Stage, StageRules>(Stage.class);
        final var portProblems = new HashMap<String, Set<String>>();
        final var policyProblems = new HashMap<String, Set<String>>();
        for (Stage stage : Stage.values()) {
            final var rules = new ArrayList<StageRules>(networkPorts.size());
            for (GovernedPort port : networkPorts) {
                rules.add(resolve(stage, port.groupRules(), port.id(), portProblems));
            }
            portRules.put(stage, rules);
            policyRules.put(stage, resolve(stage, policy, networkId, policyProblems));
        }
        Map<Stage, Map<GroupKey, Long>> bits = remoteGroupBits(networkPorts, portRules, policyRules, network);
        if (known != null && known.bits.equals(bits)) {
            // The very map, so that the parts' keys compare by identity.
            bits = known.bits;
        }
        final var key = new NetworkKey(network, policy, bits, members.inNetwork(networkId), tables.zone(network),
            stateful);
        final Set<String> networkProblems = policyProblems.getOrDefault(networkId, Set.of());
        final Map<Stage, Map<GroupKey, Long>> networkBits = bits;
        final Part networkPart = part(known == null ? null : known.part, key, networkProblems,
            () -> tables.networkFlows(network, policyRules, networkBits));
        final int networkSlot = known != null ? known.slot : state.take();
        state.put(networkSlot, NETWORK + networkId, networkPart, new SlotInfo(null,
            List.copyOf(policyRules.values())));
        final var portParts = new HashMap<String, Part>();
        final var portSlots = new HashMap<String, Integer>();
        for (int i = 0; i < networkPorts.size(); i++) {
            final GovernedPort port = networkPorts.get(i);
            boolean listsMembers = false;
            final var rules = new ArrayList<StageRules>(Stage.values().length);
            for (Stage stage : Stage.values()) {
                final StageRules stageRules = portRules.get(stage).get(i);
                rules.add(stageRules);
                for (String remote : stageRules.remoteGroups()) {
                    listsMembers |= !bits.get(stage).containsKey(new GroupKey(network.tenantId(), remote));
                }
            }
            final var portKey = new PortKey(port, bits, tables.zone(network), stateful,
                listsMembers ? members.inNetwork(networkId) : Map.of());
            final Part portPart = part(known == null ? null : known.portParts.get(port.id()), portKey,
                portProblems.getOrDefault(port.id(), Set.of()), () -> tables.portFlows(port, rules, networkBits));
            final Integer knownSlot = known == null ? null : known.portSlots.get(port.id());
            final int slot = knownSlot != null ? knownSlot : state.take();
            state.put(slot, PORT + port.id(), portPart, new SlotInfo(port, List.copyOf(rules)));
            portParts.put(port.id(), portPart);
            portSlots.put(port.id(), slot);
        }
        state.putNetwork(networkId, new NetworkParts(networkPart, networkSlot, bits, portParts, portSlots));
    }

    /** The known part when its key is equal, else the part {@code body} compiles now. */
    private Part part(final @Nullable Part known, final Object key, final Set<String> partProblems,
            final Supplier<FlowsById> body) {
        if (known != null && known.key().equals(key)) {
            return known;
        }
        compiledParts++;
        return new Part(key, body.get(), Set.copyOf(partProblems));
    }

    /** The rules of a stage: those of its direction, and on stateless switches the mirrors of allow rules. */
    private StageRules resolve(final Stage stage, final List<LabelledRule> rules, final String where,
            final Map<String, Set<String>> found) {
        final StageRules stageRules = resolvedRules.of(rules, stage, stateful);
        for (RuleProblem problem : stageRules.problems()) {
            found.computeIfAbsent(where, key -> new TreeSet<>()).add(problem.rule().label() + " on " + switchId
                + " (" + where + "): " + problem.problem() + "; not installed there");
        }
        return stageRules;
    }

    /**
     * Per stage, one tag bit per remote group that rules of the network's ports or of its tenant's policy
     * reference, up to the bits metadata has. Every flow that sets or reads the bits also matches the network (a
     * port implies its network), so networks reuse the same bits: a switch that hosts many tenants still tags every
     * referenced group.
     */
    private static Map<Stage, Map<GroupKey, Long>> remoteGroupBits(final List<GovernedPort> networkPorts,
            final Map<Stage, List<StageRules>> portRules, final Map<Stage, StageRules> policyRules,
            final Network network) {
        final var bitsByStage = new EnumMap<Stage, Map<GroupKey, Long>>(Stage.class);
        for (Stage stage : Stage.values()) {
            final var referenced = new TreeSet<GroupKey>();
            for (int i = 0; i < networkPorts.size(); i++) {
                final String tenantId = networkPorts.get(i).tenantId();
                portRules.get(stage).get(i).remoteGroups().forEach(name -> referenced.add(new GroupKey(tenantId,
                    name)));
            }
            policyRules.get(stage).remoteGroups().forEach(name -> referenced.add(new GroupKey(network.tenantId(),
                name)));
            final var bits = new HashMap<GroupKey, Long>();
            int index = 0;
            for (GroupKey group : referenced) {
                if (index == Metadata.REMOTE_GROUP_BITS) {
                    break;
                }
                bits.put(group, Metadata.remoteGroup(index++));
            }
            bitsByStage.put(stage, bits);
        }
        return bitsByStage;
    }
}
