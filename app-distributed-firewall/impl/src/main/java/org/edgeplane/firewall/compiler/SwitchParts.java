/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.FlowsById;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.firewall.compiler.FirewallCompiler.GovernedPort;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * One switch's firewall as parts, kept from round to round: the switch's own flows, one part per network on it and
 * one per governed port, each in a slot. A compile is told which networks changed and replaces only their parts and
 * their ports'; every other part stays in its slot untouched, so a change costs what it reaches, not what the switch
 * holds. A result is a copy of the slots, so later compiles never change it.
 *
 * <p>Owned by one switch and used by one compile at a time. A compile that throws leaves it half-written: the
 * caller then compiles the switch afresh.
 */
final class SwitchParts {
    /** How the ids of a network's and a port's problems start: a network and a port may share an id. */
    static final String NETWORK = "network:";
    static final String PORT = "port:";

    /** A compiled part and what it was compiled from: equal keys compile to equal flows. */
    record Part(Object key, FlowsById flows, Set<String> problems) {
    }

    /** Who a slot's flows belong to and how their rules resolved (the counters' labels). */
    record SlotInfo(@Nullable GovernedPort port, List<StageRules> rules) {
        static final SlotInfo EMPTY = new SlotInfo(null, List.of());
    }

    /** A network's parts on this switch and what they were compiled with. */
    static final class NetworkParts {
        final Part part;
        final int slot;
        final Map<Stage, Map<GroupKey, Long>> bits;
        final Map<String, Part> portParts;
        final Map<String, Integer> portSlots;

        NetworkParts(final Part part, final int slot, final Map<Stage, Map<GroupKey, Long>> bits,
                final Map<String, Part> portParts,
                final Map<String, Integer> portSlots) {
            this.part = part;
            this.slot = slot;
            this.bits = bits;
            this.portParts = portParts;
            this.portSlots = portSlots;
        }
    }

    private @Nullable Boolean stateful;
    private final List<Map<String, FlowRecord>> slots = new ArrayList<>();
    private final List<SlotInfo> infos = new ArrayList<>();
    private final Deque<Integer> free = new ArrayDeque<>();
    private final Map<String, NetworkParts> networks = new HashMap<>();
    /** The rule problems of each network and port part that has any, by network or port id. */
    private final Map<String, Set<String>> problems = new HashMap<>();
    private int size;
    private int parts;

    /** Whether the switch's own flows were compiled for this kind of switch: otherwise every part is compiled. */
    boolean isFor(final boolean forStateful) {
        return stateful != null && stateful == forStateful;
    }

    /** The switch's own flows, in slot 0; the parts of a switch of the other kind are all dropped. */
    void own(final boolean forStateful, final FlowsById flows) {
        slots.clear();
        infos.clear();
        free.clear();
        networks.clear();
        problems.clear();
        size = 0;
        parts = 0;
        stateful = forStateful;
        slots.add(flows);
        infos.add(SlotInfo.EMPTY);
        size += flows.size();
    }

    @Nullable NetworkParts network(final String networkId) {
        return networks.get(networkId);
    }

    void putNetwork(final String networkId, final NetworkParts network) {
        final NetworkParts known = networks.put(networkId, network);
        parts += 1 + network.portParts.size() - (known == null ? 0 : 1 + known.portParts.size());
    }

    /** Drops a network that has no governed port here any more, with its ports' parts. */
    void removeNetwork(final String networkId) {
        final NetworkParts known = networks.remove(networkId);
        if (known == null) {
            return;
        }
        release(known.slot, NETWORK + networkId);
        known.portSlots.forEach((portId, slot) -> release(slot, PORT + portId));
        parts -= 1 + known.portParts.size();
    }

    /** A slot for a new part. */
    int take() {
        final Integer slot = free.poll();
        if (slot != null) {
            return slot;
        }
        slots.add(Map.of());
        infos.add(SlotInfo.EMPTY);
        return slots.size() - 1;
    }

    /** Puts a part's flows in its slot, with who they belong to and their problems (under the part's id). */
    void put(final int slot, final String id, final Part part, final SlotInfo info) {
        size += part.flows().size() - slots.get(slot).size();
        slots.set(slot, part.flows());
        infos.set(slot, info);
        if (part.problems().isEmpty()) {
            problems.remove(id);
        } else {
            problems.put(id, part.problems());
        }
    }

    /** Frees the slot of a part that is gone. */
    void release(final int slot, final String id) {
        size -= slots.get(slot).size();
        slots.set(slot, Map.of());
        infos.set(slot, SlotInfo.EMPTY);
        problems.remove(id);
        free.push(slot);
    }

    /** Network and port parts. */
    int parts() {
        return parts;
    }

    /** A copy of every slot's flows: later compiles do not change it. */
    SwitchFlows flows() {
        return new SwitchFlows(slots, size);
    }

    /** A copy of who each slot belongs to. */
    List<SlotInfo> infos() {
        return List.copyOf(infos);
    }

    Set<String> problems() {
        final var all = new TreeSet<String>();
        problems.values().forEach(all::addAll);
        return all;
    }
}
