/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.LazySortedMap;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Priority;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.Fabric;
import org.edgeplane.core.stage.Fabric.SwitchPath;
import org.edgeplane.core.stage.StageFlows.StageWork;

/**
 * Compiles intent snapshots into the tenant-isolation flows and meters of every switch, incrementally.
 *
 * <p>The output is split into partitions, one per (switch, network), each a pure function of the network, its
 * bound ports and the contexts of their switches (see {@link PartitionCompiler}). An update recomputes the
 * bindings of the switches a change touches and then only the networks whose members or switches changed; the
 * result is always equal to {@link #compile} of the same snapshot (a property test holds it to that). Not
 * thread-safe: one worker owns an instance.
 */
public final class IsolationCompiler {
    /** How the status of an object whose compile threw begins; the worker logs each such failure once. */
    public static final String COMPILE_FAILED = "compile failed: ";
    private static final String NO_SWITCH = "";

    private final FaultInjection faults;
    /** Holders a full compile is told about; an incremental compiler knows its own (its bound ports). */
    private Map<String, String> priorHolders = Map.of();

    private Intent intent = Intent.EMPTY;
    private Map<String, SwitchFacts> facts = Map.of();
    private final Map<String, SortedSet<String>> portIdsBySwitch = new HashMap<>();
    private final Map<String, SortedSet<String>> portIdsByNetwork = new HashMap<>();
    private final Map<String, SwitchContext> contexts = new HashMap<>();
    private final Map<String, BoundPort> bound = new HashMap<>();
    private final Map<String, Set<String>> boundIdsBySwitch = new HashMap<>();
    private final Map<String, SortedMap<String, BoundPort>> boundByNetwork = new HashMap<>();
    private final Map<String, SortedMap<String, Partition>> partitionsBySwitch = new HashMap<>();
    private StageWork lastWork = StageWork.NONE;
    private final SortedMap<String, Map<String, FlowRecord>> flowsBySwitch = new TreeMap<>();
    private final SortedMap<String, SortedMap<Long, MeterRecord>> metersBySwitch = new TreeMap<>();
    private final SortedMap<String, PortOutcome> outcomes = new TreeMap<>();
    /**
     * The outcomes again, by the switch they name, each switch's an unmodifiable copy replaced when one of them
     * changes: a result's outcomes are these copies, merged only when read (see {@link LazySortedMap}).
     */
    private final Map<String, Map<String, PortOutcome>> outcomesBySwitch = new HashMap<>();
    private final Map<String, Set<String>> portIdsByOutcomeSwitch = new HashMap<>();
    private final Map<String, String> outcomeSwitchOfPort = new HashMap<>();
    /** The ports down per switch, from its outcomes and its inventory facts. */
    private final Map<String, Set<String>> portsDownBySwitch = new HashMap<>();
    private final Set<String> changedOutcomeSwitches = new HashSet<>();

    public IsolationCompiler() {
        this(FaultInjection.NONE);
    }

    IsolationCompiler(final FaultInjection faults) {
        this.faults = faults;
    }

    /**
     * Compiles everything from scratch.
     *
     * @param intent validated intent
     * @param inventory what each connected switch reported, by node id
     * @return desired flows and meters per switch, and an outcome per port
     */
    public static CompiledIntent compile(final Intent intent, final Map<String, SwitchFacts> inventory) {
        return compile(intent, inventory, Map.of());
    }

    /**
     * Compiles everything from scratch, with the switch ports that ports already hold: when two ports claim one
     * switch port, the holder keeps it (otherwise the smaller port id gets it). An incremental update always equals
     * this full compile given the incremental compiler's {@link #holders()}.
     *
     * @param holders port id by switch port ({@code "openflow:1 port 3"})
     */
    public static CompiledIntent compile(final Intent intent, final Map<String, SwitchFacts> inventory,
            final Map<String, String> holders) {
        final var compiler = new IsolationCompiler(FaultInjection.NONE);
        compiler.priorHolders = Map.copyOf(holders);
        return compiler.update(intent, inventory, IntentChanges.between(Intent.EMPTY, intent));
    }

    /** Which port holds each bound switch port, as {@code "openflow:1 port 3"}: the state a contest depends on. */
    public Map<String, String> holders() {
        final var holders = new TreeMap<String, String>();
        bound.values().forEach(port -> holders.put(holderKey(port.switchId(), port.ofPort()), port.id()));
        return holders;
    }

    private static String holderKey(final String switchId, final long ofPort) {
        return switchId + " port " + ofPort;
    }

    /** The networks that have flows on a switch. */
    public Set<String> networksOn(final String switchId) {
        return Set.copyOf(partitionsBySwitch.getOrDefault(switchId, Collections.emptySortedMap()).keySet());
    }

    /** The snapshot the last update compiled. */
    public Intent intent() {
        return intent;
    }

    /** How many networks the last {@link #update} compiled again, and how many it reused. */
    public StageWork lastWork() {
        return lastWork;
    }

    /**
     * Brings the result up to a new snapshot.
     *
     * @param newIntent validated intent
     * @param inventory what each connected switch reported, by node id
     * @param changes every intent entry that differs from the previous snapshot (inventory changes are found here)
     * @return the result for the new snapshot
     */
    public CompiledIntent update(final Intent newIntent, final Map<String, SwitchFacts> inventory,
            final IntentChanges changes) {
        final Intent oldIntent = intent;
        final Set<String> dirtySwitches = new HashSet<>(changes.switches());
        for (String portId : changes.ports()) {
            final Port before = oldIntent.ports().get(portId);
            final Port after = newIntent.ports().get(portId);
            reindex(portIdsBySwitch, portId, before == null ? null : switchKey(before),
                after == null ? null : switchKey(after), dirtySwitches);
            reindex(portIdsByNetwork, portId, before == null ? null : before.networkId(),
                after == null ? null : after.networkId(), new HashSet<>());
        }
        for (String networkId : changes.networks()) {
            for (String portId : portIdsByNetwork.getOrDefault(networkId, Collections.emptySortedSet())) {
                dirtySwitches.add(switchKey(newIntent.ports().get(portId)));
            }
        }
        final var allFacts = new HashSet<>(facts.keySet());
        allFacts.addAll(inventory.keySet());
        for (String switchId : allFacts) {
            if (!Objects.equals(facts.get(switchId), inventory.get(switchId))) {
                dirtySwitches.add(switchId);
            }
        }
        intent = newIntent;
        facts = Map.copyOf(inventory);

        final Set<String> dirtyNetworks = new HashSet<>(changes.networks());
        for (String switchId : dirtySwitches) {
            rebindSwitch(switchId, dirtyNetworks);
        }
        for (String portId : changes.ports()) {
            if (!newIntent.ports().containsKey(portId)) {
                removeOutcome(portId);
            }
        }
        final long recompiled = dirtyNetworks.stream().filter(newIntent.networks()::containsKey).count();
        lastWork = new StageWork("networks", recompiled, newIntent.networks().size() - recompiled);
        final Set<String> touchedSwitches = new TreeSet<>();
        for (String networkId : dirtyNetworks) {
            recompileNetwork(networkId, touchedSwitches);
        }
        touchedSwitches.forEach(this::assembleSwitch);
        final var profiles = new TreeMap<String, SwitchProfile>();
        contexts.forEach((switchId, context) -> profiles.put(switchId, context.profile()));
        // A switch's ports down follow from its outcomes and its facts.
        changedOutcomeSwitches.addAll(dirtySwitches);
        changedOutcomeSwitches.forEach(this::freezeOutcomes);
        changedOutcomeSwitches.clear();
        final var portsDown = new TreeSet<String>();
        portsDownBySwitch.values().forEach(portsDown::addAll);
        final List<Map<String, PortOutcome>> frozen = List.copyOf(outcomesBySwitch.values());
        return new CompiledIntent(flowsBySwitch, metersBySwitch, Collections.emptySortedMap(),
            new LazySortedMap<>(() -> {
                final var all = new HashMap<String, PortOutcome>();
                frozen.forEach(all::putAll);
                return all;
            }), portsDown, profiles, fabricOf(contexts));
    }

    private void putOutcome(final PortOutcome outcome) {
        final String before = outcomeSwitchOfPort.put(outcome.portId(), outcome.switchId());
        if (before != null && !before.equals(outcome.switchId())) {
            portIdsByOutcomeSwitch.get(before).remove(outcome.portId());
            changedOutcomeSwitches.add(before);
        }
        portIdsByOutcomeSwitch.computeIfAbsent(outcome.switchId(), key -> new HashSet<>()).add(outcome.portId());
        changedOutcomeSwitches.add(outcome.switchId());
        outcomes.put(outcome.portId(), outcome);
    }

    private void removeOutcome(final String portId) {
        final String before = outcomeSwitchOfPort.remove(portId);
        if (before != null) {
            portIdsByOutcomeSwitch.get(before).remove(portId);
            changedOutcomeSwitches.add(before);
        }
        outcomes.remove(portId);
    }

    /** Copies a switch's outcomes and finds its ports down. */
    private void freezeOutcomes(final String switchId) {
        final Set<String> portIds = portIdsByOutcomeSwitch.getOrDefault(switchId, Set.of());
        if (portIds.isEmpty()) {
            portIdsByOutcomeSwitch.remove(switchId);
            outcomesBySwitch.remove(switchId);
            portsDownBySwitch.remove(switchId);
            return;
        }
        final var copy = new HashMap<String, PortOutcome>();
        final var down = new HashSet<String>();
        final SwitchFacts switchFacts = facts.get(switchId);
        for (String portId : portIds) {
            final PortOutcome outcome = outcomes.get(portId);
            copy.put(portId, outcome);
            if (switchFacts != null && switchFacts.portsDown().contains(outcome.ofPort())) {
                down.add(portId);
            }
        }
        outcomesBySwitch.put(switchId, Map.copyOf(copy));
        if (down.isEmpty()) {
            portsDownBySwitch.remove(switchId);
        } else {
            portsDownBySwitch.put(switchId, Set.copyOf(down));
        }
    }

    private static Fabric fabricOf(final Map<String, SwitchContext> contexts) {
        final var paths = new HashMap<String, SwitchPath>();
        contexts.forEach((switchId, context) -> paths.put(switchId,
            new SwitchPath(context.uplinks(), context.tunnelIp(), context.tunnelPort())));
        return Fabric.of(paths);
    }

    private static String switchKey(final Port port) {
        return port.switchId() == null ? NO_SWITCH : port.switchId();
    }

    private static void reindex(final Map<String, SortedSet<String>> index, final String portId,
            final String before, final String after, final Set<String> touched) {
        if (before != null) {
            final var ids = index.get(before);
            if (ids != null) {
                ids.remove(portId);
                if (ids.isEmpty()) {
                    index.remove(before);
                }
            }
            touched.add(before);
        }
        if (after != null) {
            index.computeIfAbsent(after, key -> new TreeSet<>()).add(portId);
            touched.add(after);
        }
    }

    /** Re-resolves one switch and re-binds all its ports; networks whose bound members changed become dirty. */
    private void rebindSwitch(final String switchId, final Set<String> dirtyNetworks) {
        final SwitchContext before = contexts.get(switchId);
        final boolean known = intent.switches().containsKey(switchId) || facts.containsKey(switchId)
            || portIdsBySwitch.containsKey(switchId);
        final SwitchContext after = NO_SWITCH.equals(switchId) || !known ? null
            : SwitchContext.of(switchId, intent.switches().get(switchId), facts.get(switchId));
        if (after == null) {
            contexts.remove(switchId);
        } else {
            contexts.put(switchId, after);
        }
        if (!Objects.equals(before, after)) {
            // Every network with a member here: its partitions here, and elsewhere (tunnel endpoints), change.
            partitionsBySwitch.getOrDefault(switchId, Collections.emptySortedMap()).keySet()
                .forEach(dirtyNetworks::add);
        }
        // Ports that left this switch are unbound here; their old network must see it.
        for (String portId : List.copyOf(boundIdsBySwitch.getOrDefault(switchId, Set.of()))) {
            final Port now = intent.ports().get(portId);
            if (now == null || !switchId.equals(switchKey(now))) {
                unbind(portId, dirtyNetworks);
            }
        }
        final Map<String, Long> names = namesOf(switchId);
        // A port that keeps the switch port it holds binds first: a later claim on the same switch port, by number
        // or by name, never moves it to a new holder.
        final var keepers = new ArrayList<String>();
        final var others = new ArrayList<String>();
        for (String portId : portIdsBySwitch.getOrDefault(switchId, Collections.emptySortedSet())) {
            final BoundPort previous = bound.get(portId);
            final OptionalLong claim = SwitchPorts.resolve(intent.ports().get(portId).switchPort(), names);
            final boolean keeps = claim.isPresent() && (previous != null && previous.switchId().equals(switchId)
                && claim.getAsLong() == previous.ofPort()
                || portId.equals(priorHolders.get(holderKey(switchId, claim.getAsLong()))));
            (keeps ? keepers : others).add(portId);
        }
        keepers.addAll(others);
        final var owners = new HashMap<Long, String>();
        for (String portId : keepers) {
            final Port port = intent.ports().get(portId);
            final Network network = port.networkId() == null ? null : intent.networks().get(port.networkId());
            final PortBinding result = PortBinding.bindAlone(port, network, after, owners, names);
            final BoundPort previous = bound.get(portId);
            if (result.bound().isPresent()) {
                final BoundPort now = result.bound().orElseThrow();
                if (!now.equals(previous)) {
                    unbind(portId, dirtyNetworks);
                    bound.put(portId, now);
                    boundIdsBySwitch.computeIfAbsent(switchId, key -> new HashSet<>()).add(portId);
                    boundByNetwork.computeIfAbsent(now.network().id(), key -> new TreeMap<>()).put(portId, now);
                    dirtyNetworks.add(now.network().id());
                }
            } else {
                unbind(portId, dirtyNetworks);
                putOutcome(new PortOutcome(portId, String.valueOf(port.switchId()), 0, 0,
                    Optional.of(result.problem()), Optional.ofNullable(result.heldBy())));
            }
        }
    }

    private void unbind(final String portId, final Set<String> dirtyNetworks) {
        final BoundPort previous = bound.remove(portId);
        if (previous != null) {
            final var ids = boundIdsBySwitch.get(previous.switchId());
            ids.remove(portId);
            if (ids.isEmpty()) {
                boundIdsBySwitch.remove(previous.switchId());
            }
            final var members = boundByNetwork.get(previous.network().id());
            members.remove(portId);
            if (members.isEmpty()) {
                boundByNetwork.remove(previous.network().id());
            }
            dirtyNetworks.add(previous.network().id());
        }
    }

    private Map<String, Long> namesOf(final String switchId) {
        final SwitchFacts reported = facts.get(switchId);
        return reported == null ? Map.of() : reported.portNumbersByName();
    }

    /** Recomputes every partition of one network, on every switch where it has (or had) members. */
    private void recompileNetwork(final String networkId, final Set<String> touchedSwitches) {
        final var members = boundByNetwork.getOrDefault(networkId, Collections.emptySortedMap());
        final var switchesNow = new TreeSet<String>();
        members.values().forEach(port -> switchesNow.add(port.switchId()));
        for (var entry : partitionsBySwitch.entrySet()) {
            if (!switchesNow.contains(entry.getKey())) {
                if (entry.getValue().remove(networkId) != null) {
                    touchedSwitches.add(entry.getKey());
                }
            }
        }
        if (members.isEmpty()) {
            return;
        }
        final Network network = members.values().iterator().next().network();
        final var memberList = List.copyOf(members.values());
        for (String switchId : switchesNow) {
            final Partition partition = compilePartition(switchId, network, memberList);
            touchedSwitches.add(switchId);
            if (partition == null) {
                final var partitions = partitionsBySwitch.get(switchId);
                if (partitions != null) {
                    partitions.remove(networkId);
                }
                continue;
            }
            partitionsBySwitch.computeIfAbsent(switchId, key -> new TreeMap<>()).put(networkId, partition);
            for (BoundPort port : memberList) {
                if (port.switchId().equals(switchId)) {
                    final String failure = partition.failures().get(port.id());
                    putOutcome(new PortOutcome(port.id(), switchId, port.ofPort(),
                        partition.flowCountByPort().getOrDefault(port.id(), 0),
                        Optional.ofNullable(failure).map(reason -> COMPILE_FAILED + reason)));
                }
            }
        }
    }

    /**
     * One network's partition on one switch, or null when it cannot be compiled: then the network has no flows
     * on that switch and its ports there carry the reason, while every other network and switch still converges.
     */
    // The boundary of one (network, switch): whatever its compile throws fails it alone.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Partition compilePartition(final String switchId, final Network network,
            final List<BoundPort> memberList) {
        try {
            return PartitionCompiler.compile(contexts.get(switchId), network, memberList, contexts, faults);
        } catch (RuntimeException e) {
            final String reason = COMPILE_FAILED + "network " + network.id() + " on " + switchId + ": "
                + e.getMessage();
            memberList.stream().filter(port -> port.switchId().equals(switchId)).forEach(port -> putOutcome(
                new PortOutcome(port.id(), switchId, port.ofPort(), 0, Optional.of(reason))));
            return null;
        }
    }

    /**
     * Brings one switch's flow and meter tables up to date: the flows are a union view over its base flows and its
     * partitions (no copying of the switch's other flows), the meters a merge of the partitions' few meters.
     */
    private void assembleSwitch(final String switchId) {
        final var partitions = partitionsBySwitch.get(switchId);
        if (partitions == null || partitions.isEmpty()) {
            partitionsBySwitch.remove(switchId);
            flowsBySwitch.remove(switchId);
            metersBySwitch.remove(switchId);
            return;
        }
        final var parts = new ArrayList<Map<String, FlowRecord>>(partitions.size() + 1);
        parts.add(baseFlows(switchId));
        final var meters = new TreeMap<Long, MeterRecord>();
        for (Partition partition : partitions.values()) {
            parts.add(partition.flows());
            meters.putAll(partition.meters());
        }
        flowsBySwitch.put(switchId, new SwitchFlows(parts));
        if (meters.isEmpty()) {
            metersBySwitch.remove(switchId);
        } else {
            metersBySwitch.put(switchId, Collections.unmodifiableSortedMap(meters));
        }
    }

    /** The table-miss flows every switch with a bound port gets. */
    private static Map<String, FlowRecord> baseFlows(final String switchId) {
        final long cookie = Cookies.of(Owner.ISOLATION, ObjectKind.SWITCH, switchId);
        final var flows = new TreeMap<String, FlowRecord>();
        for (Table table : Table.values()) {
            if (!table.isStageEntry()) {
                continue;
            }
            // Isolation's own tables drop what they do not know; the other stages pass what their app does not own.
            final boolean passes = table == Table.ARP_RESPONDER || table.owner() != Owner.ISOLATION;
            final var flow = new FlowRecord("isolation:miss:" + table.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'), table, Priority.TABLE_MISS, cookie, FlowMatch.builder().build(),
                passes ? List.of(new org.edgeplane.core.flow.Instruction.GotoTable(table.next())) : List.of());
            flows.put(flow.id(), PipelineContract.verify(flow));
        }
        return Collections.unmodifiableMap(flows);
    }
}
