/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.stage.Fabric;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.insertion.intent.TenantName;

/**
 * Service insertion, compiled chain by chain: each chain's part (its steering flows, groups, arrivals, status) is a
 * pure function of its {@link ChainInput}, and a chain whose input is unchanged since the last call keeps its part.
 * {@link ChainJoin} then joins the parts with what chains share (flood stops, misses), changing only what the
 * changed parts touch. Should two parts clash (a group id or a flow id taken twice, which a full compile resolves in
 * chain order), the round compiles everything afresh, so the result always equals {@link ChainCompiler#compile};
 * {@code ChainIncrementalPropertyTest} holds it to that.
 */
public final class ChainMemo {
    private Map<TenantName, Memo> memo = Map.of();
    /** What every chain reads alike: when the profiles or the fabric change, every chain compiles again. */
    private Map<String, SwitchProfile> lastProfiles = Map.of();
    private Fabric lastFabric = Fabric.NONE;
    private final ChainJoin join = new ChainJoin();
    private @Nullable Inputs lastInputs;
    private ChainFlows lastResult = ChainFlows.EMPTY;
    private long lastCompiled;
    private long lastReused;

    /** A compiler that remembers nothing yet. */
    public ChainMemo() {
        // The first update compiles every chain.
    }

    /** The chains for this intent, compiling again only the chains whose inputs changed. */
    public ChainFlows update(final ChainIntent chains, final Intent intent, final EdgeFacts facts) {
        return update(chains, intent, facts, ChainFault.NONE);
    }

    ChainFlows update(final ChainIntent chains, final Intent intent, final EdgeFacts facts, final ChainFault faults) {
        final var inputs = new Inputs(chains, intent.ports(), intent.networks(), facts, faults);
        if (inputs.equals(lastInputs)) {
            // The newest objects: the next round's snapshot shares more of them.
            lastInputs = inputs;
            lastReused = memo.size();
            lastCompiled = 0;
            return lastResult;
        }
        lastResult = compileChanged(chains, intent, facts, faults);
        lastInputs = inputs;
        return lastResult;
    }

    /**
     * Everything service insertion reads, compared as a whole before anything is built: a round that another app's
     * change started costs it one comparison (mostly of the very same objects).
     */
    private record Inputs(ChainIntent chains, Map<String, Port> ports, Map<String, Network> networks,
            EdgeFacts facts, ChainFault faults) {
    }

    private ChainFlows compileChanged(final ChainIntent chains, final Intent intent, final EdgeFacts facts,
            final ChainFault faults) {
        if (!facts.profiles().equals(lastProfiles) || !facts.fabric().equals(lastFabric)) {
            memo = Map.of();
            lastProfiles = facts.profiles();
            lastFabric = facts.fabric();
        }
        final Map<TenantName, Integer> paths = ChainCompiler.paths(chains, intent);
        final var portsByNetwork = new HashMap<String, List<Port>>();
        intent.ports().values().forEach(port -> {
            if (port.networkId() != null) {
                portsByNetwork.computeIfAbsent(port.networkId(), key -> new ArrayList<>()).add(port);
            }
        });
        final var next = new HashMap<TenantName, Memo>();
        final var parts = new TreeMap<TenantName, ChainFlows>();
        long compiled = 0;
        for (ServiceChain chain : chains.chains().values()) {
            final int path = paths.get(chain.key());
            final ChainInput input = ChainInput.of(chain, path, chains, intent, facts, portsByNetwork);
            final Memo known = memo.get(chain.key());
            final ChainFlows part;
            if (known != null && known.input().equals(input)) {
                part = known.part();
            } else {
                part = ChainCompiler.compileOne(chains, chain, path, intent, facts, faults);
                compiled++;
            }
            next.put(chain.key(), new Memo(input, part));
            parts.put(chain.key(), part);
        }
        memo = next;
        lastCompiled = compiled;
        lastReused = chains.chains().size() - compiled;
        return join.join(chains, intent, facts, faults, parts)
            .orElseGet(() -> ChainCompiler.compile(chains, intent, facts, faults));
    }

    /** Chains the last {@link #update} compiled. */
    public long lastCompiled() {
        return lastCompiled;
    }

    /** Chains whose part the last {@link #update} reused. */
    public long lastReused() {
        return lastReused;
    }

    private record Memo(ChainInput input, ChainFlows part) {
    }

    /**
     * Everything one chain's part is computed from: the chain and its path label, its hops and their functions, the
     * ports it names and every port of its network (whose addresses arrivals restore), and where those ports are.
     * The switches' profiles and fabric, which every chain reads, are compared once per round in {@link #update}.
     * Lists may hold nulls for names that resolve to nothing.
     */
    record ChainInput(ServiceChain chain, int path, List<Hop> hops, List<ServiceFunction> functions,
            Network network, List<Port> ports, Map<String, Optional<PortPlace>> places) {

        static ChainInput of(final ServiceChain chain, final int path, final ChainIntent chains, final Intent intent,
                final EdgeFacts facts, final Map<String, List<Port>> portsByNetwork) {
            final var hops = new ArrayList<Hop>();
            final var functions = new ArrayList<ServiceFunction>();
            final var ports = new TreeMap<String, Port>();
            for (String hopName : chain.hops()) {
                final Hop hop = chains.hop(chain.tenantId(), hopName);
                hops.add(hop);
                if (hop == null) {
                    continue;
                }
                for (String functionName : hop.serviceFunctions()) {
                    final ServiceFunction function = chains.function(hop.tenantId(), functionName);
                    functions.add(function);
                    if (function != null) {
                        named(intent, function.ingressPort(), ports);
                        named(intent, function.egressPort(), ports);
                    }
                }
            }
            for (Classifier classifier : chain.classifiers()) {
                named(intent, classifier.logicalSourcePort(), ports);
                named(intent, classifier.logicalDestinationPort(), ports);
            }
            final Network network = ChainCompiler.networkOf(chain, intent);
            if (network != null) {
                portsByNetwork.getOrDefault(network.id(), List.of()).forEach(port -> ports.put(port.id(), port));
            }
            final var places = new TreeMap<String, Optional<PortPlace>>();
            ports.keySet().forEach(portId -> places.put(portId, facts.placeIfUp(portId)));
            return new ChainInput(chain, path, Collections.unmodifiableList(hops),
                Collections.unmodifiableList(functions), network, List.copyOf(ports.values()), places);
        }

        /** A port the chain names, when it exists: a name that resolves to nothing adds nothing. */
        private static void named(final Intent intent, final String portId, final Map<String, Port> ports) {
            if (portId != null) {
                final Port port = intent.ports().get(portId);
                if (port != null) {
                    ports.put(portId, port);
                }
            }
        }
    }
}
