/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.insertion.intent.TenantName;

/**
 * The flows the chains share, kept from round to round: each bridged function's flood stop on its ports and each
 * switch's misses (see {@link #bridgedFloodStop} and {@link #misses}). A round changes
 * only the functions that changed or whose ports did, and the switches that gained or lost chains; every other
 * switch keeps its very map.
 */
final class SharedFlows {
    static final int PRIORITY_BRIDGED_FLOOD = 400;
    static final int PRIORITY_FOREIGN_LABEL = 10;
    static final int PRIORITY_MISS = 0;

    private record Placed(String switchId, FlowRecord flow) {
    }

    /** A function's ports and the flows it adds. */
    private record FunctionFlows(List<String> portIds, List<Placed> flows) {
    }

    private final Map<TenantName, FunctionFlows> byFunction = new HashMap<>();
    private final Map<String, Set<TenantName>> functionsByPort = new HashMap<>();
    /** Per switch, the flood stops by id, and how many functions add each (two may name one port). */
    private final Map<String, Map<String, FlowRecord>> bridged = new HashMap<>();
    private final Map<String, Map<String, Integer>> uses = new HashMap<>();
    private Set<String> chainSwitches = Set.of();
    private final Map<String, Map<String, FlowRecord>> bySwitch = new HashMap<>();
    private boolean valid;

    /** Forgets everything: the next update compiles every function. */
    void reset() {
        valid = false;
    }

    /**
     * The shared flows by switch after a round in which these functions and ports (places included) changed;
     * with {@code all}, or after a {@link #reset}, every function is compiled again.
     */
    Map<String, Map<String, FlowRecord>> update(final ChainIntent chains, final EdgeFacts facts,
            final Set<String> switchesWithChains, final boolean all, final Set<TenantName> changedFunctions,
            final Set<String> changedPorts) {
        final var touched = new HashSet<String>();
        final var todo = new HashSet<TenantName>();
        if (all || !valid) {
            todo.addAll(byFunction.keySet());
            todo.addAll(chains.functions().keySet());
            touched.addAll(bySwitch.keySet());
            valid = true;
        } else {
            todo.addAll(changedFunctions);
            changedPorts.forEach(portId -> todo.addAll(functionsByPort.getOrDefault(portId, Set.of())));
        }
        for (TenantName key : todo) {
            final FunctionFlows old = byFunction.remove(key);
            if (old != null) {
                old.flows().forEach(placed -> remove(placed, touched));
                old.portIds().forEach(portId -> {
                    final Set<TenantName> functions = functionsByPort.get(portId);
                    functions.remove(key);
                    if (functions.isEmpty()) {
                        functionsByPort.remove(portId);
                    }
                });
            }
            final ServiceFunction function = chains.functions().get(key);
            if (function != null) {
                final var flows = new ArrayList<Placed>();
                bridgedFloodStop(function, facts, (switchId, flow) -> flows.add(new Placed(switchId,
                    flow)));
                flows.forEach(placed -> add(placed, touched));
                final var portIds = new ArrayList<String>();
                for (String portId : new String[] {function.ingressPort(), function.egressPort()}) {
                    if (portId != null) {
                        portIds.add(portId);
                        functionsByPort.computeIfAbsent(portId, unused -> new HashSet<>()).add(key);
                    }
                }
                byFunction.put(key, new FunctionFlows(portIds, flows));
            }
        }
        if (!switchesWithChains.equals(chainSwitches)) {
            touched.addAll(chainSwitches);
            touched.addAll(switchesWithChains);
            chainSwitches = Set.copyOf(switchesWithChains);
        }
        for (String switchId : touched) {
            final Map<String, FlowRecord> stops = bridged.getOrDefault(switchId, Map.of());
            if (stops.isEmpty() && !chainSwitches.contains(switchId)) {
                bySwitch.remove(switchId);
                continue;
            }
            final var flows = new HashMap<String, FlowRecord>(stops);
            misses(switchId).forEach(flow -> flows.put(flow.id(), flow));
            final Map<String, FlowRecord> now = Map.copyOf(flows);
            final Map<String, FlowRecord> last = bySwitch.get(switchId);
            bySwitch.put(switchId, now.equals(last) ? last : now);
        }
        return bySwitch;
    }

    private void add(final Placed placed, final Set<String> touched) {
        bridged.computeIfAbsent(placed.switchId(), key -> new HashMap<>()).put(placed.flow().id(), placed.flow());
        uses.computeIfAbsent(placed.switchId(), key -> new HashMap<>()).merge(placed.flow().id(), 1, Integer::sum);
        touched.add(placed.switchId());
    }

    private void remove(final Placed placed, final Set<String> touched) {
        final Map<String, Integer> counts = uses.get(placed.switchId());
        if (counts.merge(placed.flow().id(), -1, Integer::sum) == 0) {
            counts.remove(placed.flow().id());
            bridged.get(placed.switchId()).remove(placed.flow().id());
            if (counts.isEmpty()) {
                uses.remove(placed.switchId());
                bridged.remove(placed.switchId());
            }
        }
        touched.add(placed.switchId());
    }

    /**
     * A bridged function's ports drop what the appliance floods back (it reads only its ports' places), given to
     * {@code sink} by switch. Ports of two functions may be one: the same flow then comes twice.
     */
    static void bridgedFloodStop(final ServiceFunction function, final EdgeFacts facts,
            final BiConsumer<String, FlowRecord> sink) {
        if (function.routed() || function.ingressPort() == null) {
            return;
        }
        for (String portId : new TreeSet<>(List.of(function.ingressPort(), function.egressPort()))) {
            facts.placeIfUp(portId).ifPresent(at -> sink.accept(at.switchId(), PipelineContract.verify(
                new FlowRecord("insertion:bridged-flood:port=" + portId, Table.SERVICE_CHAIN, PRIORITY_BRIDGED_FLOOD,
                    Cookies.of(Owner.SERVICE_INSERTION, ObjectKind.PORT, portId), FlowMatch.builder()
                        .inPort(at.ofPort()).ethDst(FlowMatch.GROUP_BIT, FlowMatch.GROUP_BIT).build(), List.of()))));
        }
    }

    /** What a switch with chains or function ports does with a foreign label, and the deliver table's miss. */
    static List<FlowRecord> misses(final String switchId) {
        final long cookie = Cookies.of(Owner.SERVICE_INSERTION, ObjectKind.SWITCH, switchId);
        return List.of(PipelineContract.verify(new FlowRecord("insertion:foreign-label", Table.SERVICE_CHAIN,
            PRIORITY_FOREIGN_LABEL, cookie, FlowMatch.builder().ethType(FlowMatch.ETH_MPLS).build(), List.of())),
            PipelineContract.verify(new FlowRecord("insertion:miss:deliver", Table.SERVICE_CHAIN_DELIVER,
                PRIORITY_MISS, cookie, FlowMatch.builder().build(), List.of())));
    }
}
