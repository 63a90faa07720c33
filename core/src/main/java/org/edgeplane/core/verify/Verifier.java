/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.pipeline.Metadata;
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
    /**
     * The table lookups one run may make before it stops unfinished (the next run goes on where it stopped): about
     * a million a second here. 1,000 ports on 10 switches take 0.9 million; 10,000 on 100 switches, about 15
     * million; a single 1,000-port network whose security group admits its own members, billions (every source's
     * walk splits on each member's address, then on each member's MAC).
     */
    public static final long DEFAULT_LOOKUPS = 2_000_000;

    /** How long a guard's run may take before it stops unfinished: what a round may add to a change's latency. */
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(2);

    private final long maxLookups;
    private final long maxNanos;
    private long lookupsMade;
    private long runStarted;
    /** Ports whose traffic a run left unfollowed when it reached its budget: the next run starts with them. */
    private final SortedSet<String> pending = new TreeSet<>();
    /** The ports this run has followed so far. */
    private final List<String> followed = new ArrayList<>();
    private final Map<String, SwitchTables> tables = new HashMap<>();
    private Map<String, ? extends Map<String, FlowRecord>> flows = Map.of();
    private Map<String, ? extends Map<Long, GroupRecord>> groups = Map.of();
    private @Nullable EdgeFacts facts;
    private Intent intent = Intent.EMPTY;
    private Map<String, List<Steering>> steeringByPair = Map.of();
    private Set<String> appliancePorts = Set.of();
    private List<Steering> steering = List.of();
    private final SortedMap<String, Source> sources = new TreeMap<>();

    /**
     * A verifier that stops a run after {@link #DEFAULT_LOOKUPS} lookups or {@link #DEFAULT_TIME}, whichever comes
     * first (a lookup's cost varies a thousandfold with how many flows can match it).
     */
    public Verifier() {
        this(DEFAULT_LOOKUPS, DEFAULT_TIME);
    }

    /**
     * A verifier that stops a run after this many table lookups, whatever the time (unfinished: the report says how
     * many ports): a deterministic budget, for tests and benchmarks.
     */
    public Verifier(final long maxLookups) {
        this(maxLookups, Duration.ofDays(365));
    }

    private Verifier(final long maxLookups, final Duration maxTime) {
        this.maxLookups = maxLookups;
        maxNanos = maxTime.toNanos();
    }

    /** A run that reached its budget of lookups. */
    private static final class OverBudgetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudgetException() {
            super(null, null, false, false);
        }
    }

    /** What walks depended on, by "switch, table" (or group, or port left by): source, then in_port/metadata. */
    private final Map<String, Map<Long, Map<String, Set<Lookup>>>> dependents = new HashMap<>();
    /** The dependency key of each switch's tables, made once. */
    private final Map<String, String[]> tableKeys = new HashMap<>();

    /** A lookup's in_port and metadata: what a changed flow must admit to change the lookup's answer. */
    private record Lookup(long inPort, long metadata) {
    }
    /** Which sources reached each port. */
    private final Map<String, Set<String>> reachedFrom = new HashMap<>();

    /** One endpoint's walk and what it broke. */
    private static final class Source {
        private final PortPlace place;
        private final Map<String, Finding> reachFindings = new LinkedHashMap<>();
        private long delivered;
        private final List<SymbolicPacket> passes = new ArrayList<>();
        private final List<SymbolicPacket> tooLong = new ArrayList<>();
        private final Map<String, Set<Lookup>> keys = new HashMap<>();
        private final Set<String> targets = new HashSet<>();
        private List<Finding> ownFindings = List.of();

        Source(final PortPlace place) {
            this.place = place;
        }
    }

    /** Verifies the input, re-following only what changed since the previous run. */
    public VerificationReport verify(final VerificationInput input) {
        final long started = System.nanoTime();
        if (facts == null || !facts.fabric().equals(input.facts().fabric())) {
            forgetAll();
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
        // Walks keep no packet: a port whose walk reached a port that changed is followed again.
        recheck.removeIf(portId -> !sources.containsKey(portId));
        explore.addAll(recheck);
        final var explorer = new Explorer(tables, Topology.of(facts));
        long paths = 0;
        lookupsMade = 0;
        runStarted = System.nanoTime();
        explore.addAll(pending);
        pending.clear();
        followed.clear();
        for (String portId : explore) {
            try {
                paths += follow(explorer, portId);
                followed.add(portId);
            } catch (OverBudgetException e) {
                // The rest waits for the next run; what they found before is stale, so it is dropped now.
                pending.addAll(explore.tailSet(portId, true));
                pending.forEach(this::forget);
                break;
            }
        }
        explore.retainAll(followed);
        final var findings = new ArrayList<Finding>();
        sources.values().forEach(source -> {
            findings.addAll(source.ownFindings);
            findings.addAll(source.reachFindings.values());
        });
        return new VerificationReport(findings, sources.size(), explore.size(), paths, pending.size(),
            System.nanoTime() - started);
    }

    private void forgetAll() {
        pending.clear();
        sources.clear();
        dependents.clear();
        reachedFrom.clear();
        tables.clear();
        flows = Map.of();
        groups = Map.of();
        facts = null;
        intent = Intent.EMPTY;
        steering = List.of();
        steeringByPair = Map.of();
        appliancePorts = Set.of();
    }

    /** Updates the tables of switches whose flows or groups changed; the walks that depended on them re-run. */
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
            final SwitchTables known = tables.get(switchId);
            if (known == null) {
                final SwitchTables made = SwitchTables.of(after.values(), groupsAfter);
                if (!made.isEmpty()) {
                    tables.put(switchId, made);
                    // Walks that reached it when it had no flows stopped at its door.
                    explore.addAll(dependingOn(tableKey(switchId, Table.CLASSIFY)));
                }
                continue;
            }
            if (before != after) {
                // Only the parts of the switch's flows that are new objects are read (stages keep unchanged ones).
                final var gone = new ArrayList<Map<String, FlowRecord>>();
                final var fresh = new ArrayList<Map<String, FlowRecord>>();
                SwitchFlows.changedParts(before, after, gone, fresh, new ArrayList<>());
                final var goneById = new HashMap<String, FlowRecord>();
                gone.forEach(goneById::putAll);
                fresh.forEach(part -> part.forEach((id, flow) -> {
                    final FlowRecord old = goneById.remove(id);
                    if (old != flow && !flow.equals(old)) {
                        known.put(flow);
                        explore.addAll(dependentsOf(switchId, flow));
                        if (old != null) {
                            explore.addAll(dependentsOf(switchId, old));
                        }
                    }
                }));
                goneById.forEach((id, flow) -> {
                    known.remove(id);
                    explore.addAll(dependentsOf(switchId, flow));
                });
            }
            if (groupsBefore != groupsAfter) {
                final var changedGroups = new HashSet<Long>(groupsBefore.keySet());
                changedGroups.addAll(groupsAfter.keySet());
                changedGroups.removeIf(id -> Objects.equals(groupsBefore.get(id), groupsAfter.get(id)));
                known.groups(groupsAfter);
                changedGroups.forEach(id -> explore.addAll(dependingOn(switchId + "\ngroup:" + id)));
            }
            if (known.isEmpty()) {
                tables.remove(switchId);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orEmpty(final @Nullable Map<K, ? extends V> map) {
        return map == null ? Map.of() : (Map<K, V>) map;
    }

    /** The sources whose walks looked up the flow's table where it can match: same in_port and metadata. */
    private Set<String> dependentsOf(final String switchId, final FlowRecord flow) {
        final Map<Long, Map<String, Set<Lookup>>> byNetwork = dependents.get(tableKey(switchId, flow.table()));
        if (byNetwork == null) {
            return Set.of();
        }
        final FlowMatch match = flow.match();
        final var affected = new HashSet<String>();
        final BiConsumer<String, Set<Lookup>> check = (sourceId, lookups) -> {
            for (Lookup lookup : lookups) {
                if ((match.inPort() == null || match.inPort() == lookup.inPort()) && (match.metadata() == null
                        || ((lookup.metadata() ^ match.metadata()) & match.metadataMask()) == 0)) {
                    affected.add(sourceId);
                    return;
                }
            }
        };
        if (match.metadata() != null && (match.metadataMask() & Metadata.NETWORK_MASK) == Metadata.NETWORK_MASK) {
            byNetwork.getOrDefault(match.metadata() & Metadata.NETWORK_MASK, Map.of()).forEach(check);
        } else {
            byNetwork.values().forEach(bySource -> bySource.forEach(check));
        }
        return affected;
    }

    /** Every source with a dependency under the key. */
    private Set<String> dependingOn(final String key) {
        final var sourceIds = new HashSet<String>();
        dependents.getOrDefault(key, Map.of()).values().forEach(bySource -> sourceIds.addAll(bySource.keySet()));
        return sourceIds;
    }

    /** Ports added, moved, removed or changed in the intent. */
    private void updatePorts(final VerificationInput input, final Set<String> explore, final Set<String> recheck) {
        final SortedMap<String, PortPlace> places = input.facts().places();
        final var removed = new ArrayList<String>();
        sideBySide(sources, places, (portId, known, place) -> {
            if (place == null) {
                removed.add(portId);
            } else if (known == null || !known.place.equals(place)) {
                explore.add(portId);
                explore.addAll(dependingOn(place.switchId() + "\nport:" + place.ofPort()));
            }
        });
        removed.forEach(portId -> {
            forget(portId);
            recheck.addAll(reachedFrom.getOrDefault(portId, Set.of()));
        });
        sideBySide(intent.ports(), input.intent().ports(), (portId, before, after) -> {
            if (!Objects.equals(before, after)) {
                if (places.containsKey(portId)) {
                    explore.add(portId);
                }
                recheck.addAll(reachedFrom.getOrDefault(portId, Set.of()));
            }
        });
    }

    /** What a side-by-side walk of two maps by key is told of each key: its value in either (null if absent). */
    @FunctionalInterface
    private interface BothSides<A, B> {
        void visit(String key, @Nullable A left, @Nullable B right);
    }

    /** Walks two maps sorted by key together: one comparison per key, no lookup. */
    private static <A, B> void sideBySide(final SortedMap<String, A> left, final SortedMap<String, B> right,
            final BothSides<A, B> visitor) {
        final Iterator<Map.Entry<String, A>> lefts = left.entrySet().iterator();
        final Iterator<Map.Entry<String, B>> rights = right.entrySet().iterator();
        Map.Entry<String, A> leftEntry = lefts.hasNext() ? lefts.next() : null;
        Map.Entry<String, B> rightEntry = rights.hasNext() ? rights.next() : null;
        while (leftEntry != null || rightEntry != null) {
            final int order = leftEntry == null ? 1 : rightEntry == null ? -1
                : leftEntry.getKey().compareTo(rightEntry.getKey());
            if (order == 0) {
                visitor.visit(leftEntry.getKey(), leftEntry.getValue(), rightEntry.getValue());
            } else if (order < 0) {
                visitor.visit(leftEntry.getKey(), leftEntry.getValue(), null);
            } else {
                visitor.visit(rightEntry.getKey(), null, rightEntry.getValue());
            }
            if (order <= 0) {
                leftEntry = lefts.hasNext() ? lefts.next() : null;
            }
            if (order >= 0) {
                rightEntry = rights.hasNext() ? rights.next() : null;
            }
        }
    }

    private void forget(final String portId) {
        final Source old = sources.remove(portId);
        if (old == null) {
            return;
        }
        old.keys.forEach((key, lookups) -> {
            final Map<Long, Map<String, Set<Lookup>>> byNetwork = dependents.get(key);
            if (byNetwork != null) {
                lookups.forEach(lookup -> {
                    final Map<String, Set<Lookup>> bySource = byNetwork.get(lookup.metadata()
                        & Metadata.NETWORK_MASK);
                    if (bySource != null) {
                        bySource.remove(portId);
                    }
                });
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
        final Port sender = intent.ports().get(portId);
        explorer.explore(place.switchId(), place.ofPort(), new Explorer.Sink() {
            @Override
            public void delivered(final String target, final SymbolicPacket packet) {
                source.delivered++;
                source.targets.add(target);
                if (sender != null) {
                    Properties.ofDelivery(sender, target, packet, intent, steeringByPair, appliancePorts,
                        source.reachFindings);
                }
            }

            @Override
            public void passedPortSecurity(final SymbolicPacket packet) {
                source.passes.add(packet);
            }

            @Override
            public void tooLong(final SymbolicPacket packet) {
                if (source.tooLong.isEmpty()) {
                    source.tooLong.add(packet);
                }
            }

            @Override
            public void lookedUp(final String switchId, final Table table, final long inPort, final long metadata) {
                // The first port of a run is always followed to its end, so that every run makes progress.
                if ((++lookupsMade > maxLookups || (lookupsMade & 0x3FF) == 0
                        && System.nanoTime() - runStarted > maxNanos) && !followed.isEmpty()) {
                    throw new OverBudgetException();
                }
                depend(tableKey(switchId, table), inPort, metadata);
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
                source.keys.computeIfAbsent(key, ignored -> new HashSet<>()).add(new Lookup(inPort, metadata));
            }
        });
        sources.put(portId, source);
        source.keys.forEach((key, lookups) -> {
            final Map<Long, Map<String, Set<Lookup>>> byNetwork = dependents.computeIfAbsent(key,
                ignored -> new HashMap<>());
            for (Lookup lookup : lookups) {
                byNetwork.computeIfAbsent(lookup.metadata() & Metadata.NETWORK_MASK, ignored -> new HashMap<>())
                    .computeIfAbsent(portId, ignored -> new HashSet<>()).add(lookup);
            }
        });
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
        return source.delivered;
    }

    private String tableKey(final String switchId, final Table table) {
        final String[] keys = tableKeys.computeIfAbsent(switchId, id -> {
            final var made = new String[Table.values().length];
            for (Table each : Table.values()) {
                made[each.ordinal()] = id + "\n" + each;
            }
            return made;
        });
        return keys[table.ordinal()];
    }

    /** How many endpoint ports the last run covered. */
    public int sources() {
        return sources.size();
    }
}
