/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;

/**
 * Proves the {@link IsolationProperty isolation properties} of a set of flows: follows every packet each endpoint
 * port can send to every port it reaches and checks each against the intent. Incremental: a run re-follows only
 * the ports whose walks looked up a table a changed flow can match in (same switch, table, in_port and metadata),
 * used a changed group, left by a switch port that became an endpoint, or whose own intent or place changed; it
 * re-checks the properties of walks that reached a port whose intent changed. A change of the fabric or tunnels
 * starts afresh. Not thread-safe: one owner (the round worker) calls it.
 */
public final class Verifier {
    private final Map<String, SwitchTables> tables = new HashMap<>();
    private Map<String, ? extends Map<String, FlowRecord>> flows = Map.of();
    private Map<String, ? extends Map<Long, GroupRecord>> groups = Map.of();
    private @Nullable EdgeFacts facts;
    private Intent intent = Intent.EMPTY;
    private Map<String, List<Steering>> steeringByPair = Map.of();
    private Set<String> appliancePorts = Set.of();
    private List<Steering> steering = List.of();
    private final Map<String, Source> sources = new HashMap<>();
    /** What walks depended on, by "switch, table" (or group, or port left by): source, then in_port/metadata. */
    private final Map<String, Map<String, List<long[]>>> dependents = new HashMap<>();
    /** Which sources reached each port. */
    private final Map<String, Set<String>> reachedFrom = new HashMap<>();

    /** One endpoint's walk and what it broke. */
    private static final class Source {
        private final PortPlace place;
        private final List<Properties.Delivery> deliveries = new ArrayList<>();
        private final List<SymbolicPacket> passes = new ArrayList<>();
        private final List<SymbolicPacket> tooLong = new ArrayList<>();
        private final Map<String, List<long[]>> keys = new HashMap<>();
        private final Set<String> targets = new HashSet<>();
        private List<Finding> reachFindings = List.of();
        private List<Finding> ownFindings = List.of();

        Source(final PortPlace place) {
            this.place = place;
        }
    }

    /** Verifies the input, re-following only what changed since the previous run. */
    public VerificationReport verify(final VerificationInput input) {
        final long started = System.nanoTime();
        if (facts == null || !facts.fabric().equals(input.facts().fabric())) {
            sources.clear();
            dependents.clear();
            reachedFrom.clear();
            tables.clear();
            flows = Map.of();
            groups = Map.of();
        }
        final var explore = new TreeSet<String>();
        updateTables(input, explore);
        final var recheck = new HashSet<String>();
        updatePorts(input, explore, recheck);
        facts = input.facts();
        intent = input.intent();
        flows = input.flowsBySwitch();
        groups = input.groupsBySwitch();
        if (!steering.equals(input.steering())) {
            steering = input.steering();
            final var byPair = new HashMap<String, List<Steering>>();
            final var appliances = new HashSet<String>();
            steering.forEach(step -> {
                byPair.computeIfAbsent(step.fromPort() + "\n" + step.toPort(), key -> new ArrayList<>()).add(step);
                appliances.add(step.toPort());
            });
            steeringByPair = byPair;
            appliancePorts = appliances;
            recheck.addAll(sources.keySet());
        }
        final var explorer = new Explorer(tables, Topology.of(facts));
        long paths = 0;
        for (String portId : explore) {
            paths += follow(explorer, portId);
        }
        recheck.addAll(explore);
        for (String portId : recheck) {
            final Source source = sources.get(portId);
            if (source != null) {
                source.reachFindings = Properties.ofDeliveries(portId, source.deliveries, intent, steeringByPair,
                    appliancePorts);
            }
        }
        final var findings = new ArrayList<Finding>();
        new TreeMap<>(sources).values().forEach(source -> {
            findings.addAll(source.ownFindings);
            findings.addAll(source.reachFindings);
        });
        return new VerificationReport(findings, sources.size(), explore.size(), paths, System.nanoTime() - started);
    }

    /** Rebuilds the tables of switches whose flows or groups changed; the walks that depended on them re-run. */
    private void updateTables(final VerificationInput input, final Set<String> explore) {
        final var switchIds = new HashSet<String>(flows.keySet());
        switchIds.addAll(groups.keySet());
        switchIds.addAll(input.flowsBySwitch().keySet());
        switchIds.addAll(input.groupsBySwitch().keySet());
        for (String switchId : switchIds) {
            final Map<String, FlowRecord> before = orEmpty(flows.get(switchId));
            final Map<String, FlowRecord> after = orEmpty(input.flowsBySwitch().get(switchId));
            final Map<Long, GroupRecord> groupsBefore = orEmpty(groups.get(switchId));
            final Map<Long, GroupRecord> groupsAfter = orEmpty(input.groupsBySwitch().get(switchId));
            if (before == after && groupsBefore == groupsAfter && tables.containsKey(switchId)) {
                continue;
            }
            final List<FlowRecord> changed = changedFlows(before, after);
            final var changedGroups = new HashSet<Long>();
            groupsBefore.keySet().forEach(id -> {
                if (!Objects.equals(groupsBefore.get(id), groupsAfter.get(id))) {
                    changedGroups.add(id);
                }
            });
            groupsAfter.keySet().forEach(id -> {
                if (!groupsBefore.containsKey(id)) {
                    changedGroups.add(id);
                }
            });
            if (!changed.isEmpty() || !changedGroups.isEmpty() || !tables.containsKey(switchId)) {
                if (after.isEmpty() && groupsAfter.isEmpty()) {
                    tables.remove(switchId);
                } else {
                    tables.put(switchId, SwitchTables.of(after.values(), groupsAfter, tables.get(switchId)));
                }
            }
            changed.forEach(flow -> explore.addAll(dependentsOf(switchId, flow)));
            changedGroups.forEach(id -> explore.addAll(dependents.getOrDefault(switchId + "\ngroup:" + id, Map.of())
                .keySet()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orEmpty(final @Nullable Map<K, ? extends V> map) {
        return map == null ? Map.of() : (Map<K, V>) map;
    }

    private static List<FlowRecord> changedFlows(final Map<String, FlowRecord> before,
            final Map<String, FlowRecord> after) {
        final var changed = new ArrayList<FlowRecord>();
        after.forEach((id, flow) -> {
            final FlowRecord old = before.get(id);
            if (old != flow && !flow.equals(old)) {
                changed.add(flow);
                if (old != null) {
                    changed.add(old);
                }
            }
        });
        before.forEach((id, flow) -> {
            if (!after.containsKey(id)) {
                changed.add(flow);
            }
        });
        return changed;
    }

    /** The sources whose walks looked up the flow's table where it can match: same in_port and metadata. */
    private Set<String> dependentsOf(final String switchId, final FlowRecord flow) {
        final Map<String, List<long[]>> bySource = dependents.get(switchId + "\n" + flow.table());
        if (bySource == null) {
            return Set.of();
        }
        final FlowMatch match = flow.match();
        final var affected = new HashSet<String>();
        bySource.forEach((sourceId, keys) -> {
            for (long[] key : keys) {
                if ((match.inPort() == null || match.inPort() == key[0]) && (match.metadata() == null
                        || ((key[1] ^ match.metadata()) & match.metadataMask()) == 0)) {
                    affected.add(sourceId);
                    return;
                }
            }
        });
        return affected;
    }

    /** Ports added, moved, removed or changed in the intent. */
    private void updatePorts(final VerificationInput input, final Set<String> explore, final Set<String> recheck) {
        final Map<String, PortPlace> places = input.facts().places();
        for (String portId : new ArrayList<>(sources.keySet())) {
            if (!places.containsKey(portId)) {
                forget(portId);
                recheck.addAll(reachedFrom.getOrDefault(portId, Set.of()));
            }
        }
        places.forEach((portId, place) -> {
            final Source known = sources.get(portId);
            if (known == null || !known.place.equals(place)) {
                explore.add(portId);
                explore.addAll(dependents.getOrDefault(place.switchId() + "\nport:" + place.ofPort(), Map.of())
                    .keySet());
            }
        });
        final var changedPorts = new HashSet<String>(intent.ports().keySet());
        changedPorts.addAll(input.intent().ports().keySet());
        for (String portId : changedPorts) {
            final Port before = intent.ports().get(portId);
            final Port after = input.intent().ports().get(portId);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (places.containsKey(portId)) {
                explore.add(portId);
            }
            recheck.addAll(reachedFrom.getOrDefault(portId, Set.of()));
        }
    }

    private void forget(final String portId) {
        final Source old = sources.remove(portId);
        if (old == null) {
            return;
        }
        old.keys.keySet().forEach(key -> {
            final Map<String, List<long[]>> bySource = dependents.get(key);
            if (bySource != null) {
                bySource.remove(portId);
            }
        });
        old.targets.forEach(target -> {
            final Set<String> from = reachedFrom.get(target);
            if (from != null) {
                from.remove(portId);
            }
        });
    }

    /** Follows one endpoint's traffic afresh; returns how many packet sets it delivered. */
    private long follow(final Explorer explorer, final String portId) {
        forget(portId);
        final PortPlace place = facts.places().get(portId);
        if (place == null) {
            return 0;
        }
        final var source = new Source(place);
        explorer.explore(place.switchId(), place.ofPort(), new Explorer.Sink() {
            @Override
            public void delivered(final String target, final SymbolicPacket packet) {
                source.deliveries.add(new Properties.Delivery(target, packet));
                source.targets.add(target);
            }

            @Override
            public void passedPortSecurity(final SymbolicPacket packet) {
                source.passes.add(packet);
            }

            @Override
            public void tooLong(final SymbolicPacket packet) {
                source.tooLong.add(packet);
            }

            @Override
            public void lookedUp(final String switchId, final Table table, final long inPort, final long metadata) {
                depend(switchId + "\n" + table, inPort, metadata);
            }

            @Override
            public void usedGroup(final String switchId, final long groupId) {
                depend(switchId + "\ngroup:" + groupId, 0, 0);
            }

            @Override
            public void sentNowhere(final String switchId, final long port) {
                depend(switchId + "\nport:" + port, 0, 0);
            }

            private void depend(final String key, final long inPort, final long metadata) {
                final List<long[]> keys = source.keys.computeIfAbsent(key, ignored -> new ArrayList<>());
                for (long[] known : keys) {
                    if (known[0] == inPort && known[1] == metadata) {
                        return;
                    }
                }
                keys.add(new long[] {inPort, metadata});
            }
        });
        sources.put(portId, source);
        source.keys.forEach((key, keys) -> dependents.computeIfAbsent(key, ignored -> new HashMap<>())
            .put(portId, keys));
        source.targets.forEach(target -> reachedFrom.computeIfAbsent(target, ignored -> new HashSet<>())
            .add(portId));
        final var own = new ArrayList<>(Properties.ofFirstStage(portId, source.passes, intent));
        if (!source.tooLong.isEmpty()) {
            final Witness witness = Witnesses.of(source.tooLong.get(0), Cube.ALL, List.of(), "still moving after "
                + Explorer.MAX_SWITCHES + " switches or " + Cube.MAX_CONNTRACK + " connection-tracking lookups");
            if (witness != null) {
                own.add(new Finding(IsolationProperty.BOUNDED_PATHS, portId, null, "traffic of port " + portId
                    + " does not end: it loops between switches or through connection tracking", witness));
            }
        }
        source.ownFindings = own;
        return source.deliveries.size();
    }

    /** How many endpoint ports the last run covered. */
    public int sources() {
        return sources.size();
    }
}
