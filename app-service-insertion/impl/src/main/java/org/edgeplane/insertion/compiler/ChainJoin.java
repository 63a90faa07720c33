/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.insertion.compiler.ChainFlows.HopRef;
import org.edgeplane.insertion.compiler.ChainFlows.HopStatus;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.TenantName;

/**
 * Joins the chains' parts, in chain order, with what chains share (flood stops, misses): the full compile's result
 * unless two parts clash (a group id or a flow id taken twice with different content), which only a full compile
 * resolves. The join is kept from call to call and changed by the parts that changed (by identity): their old
 * contributions leave, their new ones enter, and only the switches they touch are merged again. A switch's flows
 * are two parts, the chains' flows merged and the shared flows, so the reconciler also diffs only those switches.
 * Maps handed out are never changed afterwards: a switch that changes gets new ones.
 */
final class ChainJoin {
    private Map<TenantName, ChainFlows> lastParts = Map.of();
    /** Per switch, the chains' flows on it by chain, in chain order. */
    private final Map<String, SortedMap<TenantName, Map<String, FlowRecord>>> partsOn = new HashMap<>();
    private final Map<String, Map<String, FlowRecord>> merged = new HashMap<>();
    private final Map<String, SortedMap<Long, GroupRecord>> groups = new HashMap<>();
    private final Map<Long, HopRef> hopByCookie = new HashMap<>();
    private final SortedMap<TenantName, List<HopStatus>> status = new TreeMap<>();
    private final SortedMap<TenantName, String> errors = new TreeMap<>();
    private final SharedFlows shared = new SharedFlows();

    /**
     * What changed since the last join for the chains' shared flows: everything, or these functions and ports
     * (their places included).
     */
    record SharedChanges(boolean all, Set<TenantName> functions, Set<String> ports) {
        static final SharedChanges ALL = new SharedChanges(true, Set.of(), Set.of());
    }

    /** The joined result of the parts, by chain in chain order; empty when two parts clash. */
    Optional<ChainFlows> join(final ChainIntent chains, final EdgeFacts facts,
            final SortedMap<TenantName, ChainFlows> parts, final SharedChanges changes) {
        final Set<String> touched = new HashSet<>();
        // All changed chains leave before any enters, so a group id handed from one chain to another is no clash.
        lastParts.forEach((key, old) -> {
            if (parts.get(key) != old) {
                leave(key, old, touched);
            }
        });
        for (var entry : parts.entrySet()) {
            if (lastParts.get(entry.getKey()) != entry.getValue() && !enter(entry.getKey(), entry.getValue(),
                    touched)) {
                reset();
                return Optional.empty();
            }
        }
        for (String switchId : touched) {
            final var onSwitch = partsOn.get(switchId);
            if (onSwitch == null || onSwitch.isEmpty()) {
                partsOn.remove(switchId);
                merged.remove(switchId);
                continue;
            }
            final Map<String, FlowRecord> flows = merge(onSwitch.values());
            if (flows == null) {
                reset();
                return Optional.empty();
            }
            merged.put(switchId, flows);
        }
        lastParts = Map.copyOf(parts);
        final Map<String, Map<String, FlowRecord>> sharedKept = shared.update(chains, facts, partsOn.keySet(),
            changes.all(), changes.functions(), changes.ports());
        final var flowsBySwitch = new TreeMap<String, Map<String, FlowRecord>>();
        sharedKept.forEach((switchId, kept) -> {
            final Map<String, FlowRecord> chainFlows = merged.get(switchId);
            flowsBySwitch.put(switchId, chainFlows == null ? kept : new SwitchFlows(List.of(chainFlows, kept)));
        });
        final var problems = new TreeSet<String>();
        parts.values().forEach(part -> problems.addAll(part.problems()));
        final var groupsBySwitch = new TreeMap<String, Map<Long, GroupRecord>>();
        groups.forEach((switchId, byId) -> {
            if (!byId.isEmpty()) {
                groupsBySwitch.put(switchId, byId);
            }
        });
        return Optional.of(new ChainFlows(flowsBySwitch, groupsBySwitch, hopByCookie,
            Collections.unmodifiableSortedMap(new TreeMap<>(status)), List.copyOf(problems), errors));
    }

    /** Takes a chain's last part out of the join. */
    private void leave(final TenantName key, final ChainFlows part, final Set<String> touched) {
        part.flowsBySwitch().keySet().forEach(switchId -> {
            final var onSwitch = partsOn.get(switchId);
            if (onSwitch != null) {
                onSwitch.remove(key);
                touched.add(switchId);
            }
        });
        part.groupsBySwitch().forEach((switchId, byId) -> {
            final var copy = new TreeMap<>(groups.getOrDefault(switchId, Collections.emptySortedMap()));
            byId.forEach((id, group) -> copy.remove(id, group));
            groups.put(switchId, Collections.unmodifiableSortedMap(copy));
        });
        part.hopByCookie().forEach(hopByCookie::remove);
        status.remove(key);
        errors.remove(key);
    }

    /** Puts a chain's new part into the join; false when one of its group ids or hop cookies is taken. */
    private boolean enter(final TenantName key, final ChainFlows part, final Set<String> touched) {
        part.flowsBySwitch().forEach((switchId, flows) -> {
            if (!flows.isEmpty()) {
                partsOn.computeIfAbsent(switchId, unused -> new TreeMap<>()).put(key, flows);
                touched.add(switchId);
            }
        });
        for (var switchGroups : part.groupsBySwitch().entrySet()) {
            final var copy = new TreeMap<>(groups.getOrDefault(switchGroups.getKey(),
                Collections.emptySortedMap()));
            for (GroupRecord group : switchGroups.getValue().values()) {
                if (copy.putIfAbsent(group.groupId(), group) != null) {
                    return false;
                }
            }
            groups.put(switchGroups.getKey(), Collections.unmodifiableSortedMap(copy));
        }
        for (var hop : part.hopByCookie().entrySet()) {
            final HopRef previous = hopByCookie.putIfAbsent(hop.getKey(), hop.getValue());
            if (previous != null && !previous.equals(hop.getValue())) {
                return false;
            }
        }
        status.putAll(part.status());
        errors.putAll(part.errors());
        return true;
    }

    /** Forgets everything, so that the next join starts from nothing. */
    private void reset() {
        lastParts = Map.of();
        partsOn.clear();
        merged.clear();
        groups.clear();
        hopByCookie.clear();
        status.clear();
        errors.clear();
        shared.reset();
    }

    /** The chains' flows on one switch, one map; null when two of them clash. */
    private static Map<String, FlowRecord> merge(final Iterable<Map<String, FlowRecord>> parts) {
        final var flows = new LinkedHashMap<String, FlowRecord>();
        for (Map<String, FlowRecord> part : parts) {
            for (FlowRecord flow : part.values()) {
                final FlowRecord previous = flows.putIfAbsent(flow.id(), flow);
                if (previous != null && !previous.equals(flow)) {
                    return null;
                }
            }
        }
        return Collections.unmodifiableMap(flows);
    }
}
