/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.ChangedKeys;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortsByNetwork;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.stage.Fabric;
import org.edgeplane.insertion.compiler.ChainJoin.SharedChanges;
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
    private Inputs lastInputs = Inputs.NONE;
    /** Which chains read each port, network, hop and function (by their last inputs): a change is traced to them. */
    private final Map<String, Set<TenantName>> chainsByPort = new HashMap<>();
    private final Map<String, Set<TenantName>> chainsByNetwork = new HashMap<>();
    private final Map<TenantName, Set<TenantName>> chainsByHop = new HashMap<>();
    private final Map<TenantName, Set<TenantName>> chainsByFunction = new HashMap<>();
    /** Every port of the intent by its network id, in port id order, kept from round to round. */
    private final PortsByNetwork portsByNetwork = new PortsByNetwork();
    /** Whether the last {@link #changedChains} found any change, to a chain or not (shared flows read them all). */
    private boolean anyChange;
    /** What the last {@link #changedChains} found changed that the chains' shared flows read. */
    private SharedChanges sharedChanges = SharedChanges.ALL;
    /** Each chain's path number, and the chains of each network in name order (numbers are unique per network). */
    private final Map<TenantName, Integer> paths = new HashMap<>();
    private final Map<TenantName, String> pathNetworkOf = new HashMap<>();
    private final Map<String, TreeMap<TenantName, ServiceChain>> chainsByPathNetwork = new HashMap<>();
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
        if (!facts.profiles().equals(lastProfiles) || !facts.fabric().equals(lastFabric)
                || !faults.equals(lastInputs.faults())) {
            // What every chain reads changed: every chain compiles again.
            forgetChains();
            lastProfiles = facts.profiles();
            lastFabric = facts.fabric();
        }
        anyChange = false;
        final Set<TenantName> affected = changedChains(lastInputs, inputs);
        lastInputs = inputs;
        if (!anyChange && lastResult != ChainFlows.EMPTY) {
            // Nothing it reads changed: a round another app's change started.
            lastReused = memo.size();
            lastCompiled = 0;
            return lastResult;
        }
        lastResult = compileChanged(chains, intent, facts, faults, affected);
        return lastResult;
    }

    /**
     * Everything service insertion reads: each map is walked against the last round's once (see
     * {@link ChangedKeys}), and what changed is traced to the chains that read it.
     */
    private record Inputs(ChainIntent chains, SortedMap<String, Port> ports, SortedMap<String, Network> networks,
            EdgeFacts facts, ChainFault faults) {
        static final Inputs NONE = new Inputs(ChainIntent.EMPTY, Collections.emptySortedMap(),
            Collections.emptySortedMap(), EdgeFacts.NONE, ChainFault.NONE);
    }

    private void forgetChains() {
        memo = new HashMap<>();
        chainsByPort.clear();
        chainsByNetwork.clear();
        chainsByHop.clear();
        chainsByFunction.clear();
        paths.clear();
        pathNetworkOf.clear();
        chainsByPathNetwork.clear();
        lastResult = ChainFlows.EMPTY;
    }

    /** The chains whose inputs may differ between two rounds; keeps the ports-by-network index current. */
    private Set<TenantName> changedChains(final Inputs before, final Inputs now) {
        final var affected = new HashSet<TenantName>(ChangedKeys.between(sorted(before.chains().chains()),
            sorted(now.chains().chains())));
        final Set<TenantName> hops = ChangedKeys.between(sorted(before.chains().hops()), sorted(now.chains().hops()));
        hops.forEach(hop -> affected.addAll(chainsByHop.getOrDefault(hop, Set.of())));
        final Set<TenantName> functions = ChangedKeys.between(sorted(before.chains().functions()),
            sorted(now.chains().functions()));
        functions.forEach(function -> affected.addAll(chainsByFunction.getOrDefault(function, Set.of())));
        final boolean hopsOrFunctions = !hops.isEmpty() || !functions.isEmpty();
        final Set<String> changedPorts = new HashSet<>(ChangedKeys.between(before.ports(), now.ports()));
        final var networks = new HashSet<String>(ChangedKeys.between(before.networks(), now.networks()));
        networks.addAll(portsByNetwork.update(changedPorts, now.ports()));
        changedPorts.addAll(ChangedKeys.between(before.facts().places(), now.facts().places()));
        if (before.facts().portsDown() != now.facts().portsDown()) {
            final var down = new HashSet<>(before.facts().portsDown());
            now.facts().portsDown().forEach(portId -> {
                if (!down.remove(portId)) {
                    down.add(portId);
                }
            });
            changedPorts.addAll(down);
        }
        anyChange = !affected.isEmpty() || !changedPorts.isEmpty() || !networks.isEmpty() || hopsOrFunctions;
        sharedChanges = new SharedChanges(false, functions, changedPorts);
        changedPorts.forEach(portId -> affected.addAll(chainsByPort.getOrDefault(portId, Set.of())));
        networks.forEach(networkId -> affected.addAll(chainsByNetwork.getOrDefault(networkId, Set.of())));
        return affected;
    }

    /** The intent's maps are sorted by key (see {@link ChainIntent}). */
    private static <V> SortedMap<TenantName, V> sorted(final Map<TenantName, V> map) {
        return map instanceof SortedMap<TenantName, V> sortedMap && sortedMap.comparator() == null ? sortedMap
            : new TreeMap<>(map);
    }

    private ChainFlows compileChanged(final ChainIntent chains, final Intent intent, final EdgeFacts facts,
            final ChainFault faults, final Set<TenantName> affected) {
        final boolean afresh = memo.isEmpty();
        final var parts = new TreeMap<TenantName, ChainFlows>();
        long compiled = 0;
        final var renumber = new HashSet<TenantName>(affected);
        for (TenantName gone : List.copyOf(memo.keySet())) {
            if (!chains.chains().containsKey(gone)) {
                unregister(gone, memo.remove(gone).input());
                renumber.add(gone);
            }
        }
        chains.chains().keySet().stream().filter(key -> !pathNetworkOf.containsKey(key)).forEach(renumber::add);
        renumber(renumber, chains, intent);
        for (ServiceChain chain : chains.chains().values()) {
            final int path = paths.get(chain.key());
            final Memo known = memo.get(chain.key());
            if (known != null && !affected.contains(chain.key()) && known.input().path() == path) {
                // Nothing it reads changed.
                parts.put(chain.key(), known.part());
                continue;
            }
            final ChainInput input = ChainInput.of(chain, path, chains, intent, facts, portsByNetwork);
            final ChainFlows part;
            if (known != null && known.input().equals(input)) {
                part = known.part();
            } else {
                part = ChainCompiler.compileOne(chains, chain, path, intent, facts, faults);
                compiled++;
            }
            if (known != null) {
                unregister(chain.key(), known.input());
            }
            register(chain.key(), input);
            memo.put(chain.key(), new Memo(input, part));
            parts.put(chain.key(), part);
        }
        lastCompiled = compiled;
        lastReused = chains.chains().size() - compiled;
        return join.join(chains, facts, parts, afresh ? SharedChanges.ALL : sharedChanges)
            .orElseGet(() -> ChainCompiler.compile(chains, intent, facts, faults));
    }

    /** Numbers the paths again in every network one of these chains left or joins. */
    private void renumber(final Set<TenantName> moved, final ChainIntent chains, final Intent intent) {
        final var networks = new HashSet<String>();
        for (TenantName key : moved) {
            final String was = pathNetworkOf.remove(key);
            if (was != null) {
                chainsByPathNetwork.get(was).remove(key);
                networks.add(was);
            }
            paths.remove(key);
            final ServiceChain chain = chains.chains().get(key);
            if (chain != null) {
                final String networkId = ChainPaths.pathNetworkOf(chain, intent);
                pathNetworkOf.put(key, networkId);
                chainsByPathNetwork.computeIfAbsent(networkId, unused -> new TreeMap<>()).put(key, chain);
                networks.add(networkId);
            }
        }
        for (String networkId : networks) {
            final TreeMap<TenantName, ServiceChain> inNetwork = chainsByPathNetwork.get(networkId);
            if (inNetwork.isEmpty()) {
                chainsByPathNetwork.remove(networkId);
            } else {
                paths.putAll(ChainPaths.pathsIn(inNetwork.values()));
            }
        }
    }

    private void register(final TenantName chain, final ChainInput input) {
        link(chain, input, true);
    }

    private void unregister(final TenantName chain, final ChainInput input) {
        link(chain, input, false);
    }

    private void link(final TenantName chain, final ChainInput input, final boolean reads) {
        link(chainsByPort, input.portIds(), chain, reads);
        link(chainsByNetwork, input.network() == null ? List.of() : List.of(input.network().id()), chain, reads);
        link(chainsByHop, input.hopKeys(), chain, reads);
        link(chainsByFunction, input.functionKeys(), chain, reads);
    }

    private static <K> void link(final Map<K, Set<TenantName>> index, final Collection<K> keys,
            final TenantName chain, final boolean reads) {
        for (K key : keys) {
            if (reads) {
                index.computeIfAbsent(key, unused -> new HashSet<>()).add(chain);
            } else {
                final Set<TenantName> readers = index.get(key);
                if (readers != null) {
                    readers.remove(chain);
                    if (readers.isEmpty()) {
                        index.remove(key);
                    }
                }
            }
        }
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
                final EdgeFacts facts, final PortsByNetwork portsByNetwork) {
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
            final Network network = ChainPaths.networkOf(chain, intent);
            if (network != null) {
                ports.putAll(portsByNetwork.in(network.id()));
            }
            final var places = new TreeMap<String, Optional<PortPlace>>();
            ports.keySet().forEach(portId -> places.put(portId, facts.placeIfUp(portId)));
            return new ChainInput(chain, path, Collections.unmodifiableList(hops),
                Collections.unmodifiableList(functions), network, List.copyOf(ports.values()), places);
        }

        /** The hops the chain names, found or not. */
        List<TenantName> hopKeys() {
            return chain.hops().stream().map(name -> new TenantName(chain.tenantId(), name)).toList();
        }

        /** The functions its hops name, found or not. */
        List<TenantName> functionKeys() {
            final var keys = new ArrayList<TenantName>();
            hops.stream().filter(Objects::nonNull).forEach(hop -> hop.serviceFunctions().forEach(name -> keys.add(
                new TenantName(hop.tenantId(), name))));
            return keys;
        }

        /** The ports it reads: those its functions and classifiers name, found or not, and its network's. */
        Set<String> portIds() {
            final var ids = new HashSet<String>();
            functions.stream().filter(Objects::nonNull).forEach(function -> {
                ids.add(function.ingressPort());
                ids.add(function.egressPort());
            });
            for (Classifier classifier : chain.classifiers()) {
                ids.add(classifier.logicalSourcePort());
                ids.add(classifier.logicalDestinationPort());
            }
            ids.remove(null);
            ports.forEach(port -> ids.add(port.id()));
            return ids;
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
