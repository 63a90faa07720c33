/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.ChangedKeys;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.LazySortedMap;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.firewall.compiler.GovernedIndex.GroupSet;
import org.edgeplane.firewall.compiler.GovernedIndex.Placed;
import org.edgeplane.firewall.compiler.SwitchParts.SlotInfo;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;
import org.edgeplane.firewall.intent.SecurityRule;

/**
 * Compiles security groups and tenant policies into the firewall tables of every switch. Pure: no ODL, no clock,
 * no state; the same intent gives the same flows.
 *
 * <p>Each switch gets flows only for its own ports with port security on (the "governed" ports): the firewall
 * binds to the port, not to addresses, so a host cannot step around it by changing its address (anti-spoofing
 * has already pinned those) and capacity grows with the switches.
 *
 * <p>Failures stay with their object and fail closed: a governed port whose flows cannot be compiled is quarantined
 * (everything it sends or is sent is dropped, counted as its drops) and its error is reported, while the switch's
 * other ports get their flows; when a switch's shared flows cannot be compiled, all its governed ports are
 * quarantined, and other switches are unaffected.
 */
public final class FirewallCompiler {
    /** How a port's error starts when its firewall flows could not be compiled. */
    public static final String COMPILE_FAILED = "firewall compile failed: ";
    private static final String QUARANTINED = "; all its traffic is dropped until it compiles";

    /** Last round's inputs and results per switch. */
    private Map<String, Memo> memo = new HashMap<>();
    /** Labelled rules per group, per tenant's policy and per group set, kept until their source changes. */
    private final Map<GroupKey, List<LabelledRule>> groupRules = new HashMap<>();
    private final Map<String, List<LabelledRule>> policyRules = new HashMap<>();
    private final Map<GroupSet, GroupSetRules> groupSetRules = new HashMap<>();
    private GovernedIndex governed = new GovernedIndex();
    private Membership members = new Membership();
    private Map<String, Integer> zones = Map.of();
    private ListUses listUses = new ListUses();
    /** Switches whose profile changed: all their parts are compiled again. */
    private final Set<String> restart = new HashSet<>();
    private ResolvedRules resolvedRules = new ResolvedRules();
    private int lastReused;
    private int lastCompiled;
    /** The last update's whole input and result: what the next update compares with. */
    private Inputs lastInputs = Inputs.NONE;
    private FirewallFlows lastResult = FirewallFlows.EMPTY;

    /** A compiler that remembers its last result, for {@link #update}. */
    public FirewallCompiler() {
        // Starts with nothing compiled.
    }

    /** Compiles everything afresh. */
    public static FirewallFlows compile(final FirewallIntent firewall, final Intent intent,
            final EdgeFacts facts) {
        return new FirewallCompiler().update(firewall, intent, facts, FirewallFault.NONE);
    }

    static FirewallFlows compile(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts,
            final FirewallFault faults) {
        return new FirewallCompiler().update(firewall, intent, facts, faults);
    }

    /**
     * The firewall for this intent, compiling only what depends on what changed since the last call: the same
     * result as {@link #compile}, which {@code FirewallIncrementalPropertyTest} holds it to.
     */
    public FirewallFlows update(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts) {
        return update(firewall, intent, facts, FirewallFault.NONE);
    }

    FirewallFlows update(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts,
            final FirewallFault faults) {
        final var inputs = new Inputs(firewall, intent.ports(), intent.networks(), facts.places(), facts.profiles(),
            faults);
        if (!faults.equals(lastInputs.faults()) || resolvedRules.overLimit()) {
            // Injected faults are not traced to what they touch, and full caches start afresh: compile it all.
            forgetEverything();
        }
        final Map<String, Set<String>> dirty = changedNetworks(lastInputs, inputs);
        lastInputs = inputs;
        if (dirty.isEmpty()) {
            // What changed (if anything) reaches no switch: another app's change started this round.
            lastReused = memo.values().stream().mapToInt(known -> known.outcome().parts()).sum();
            lastCompiled = 0;
            return lastResult;
        }
        lastResult = compileSwitches(dirty, inputs);
        return lastResult;
    }

    /**
     * Everything the firewall reads. Each map is walked against the last round's in key order, once (see
     * {@link ChangedKeys}): a round that another app's change started costs the firewall that walk over mostly the
     * very same objects.
     */
    private record Inputs(FirewallIntent firewall, SortedMap<String, Port> ports, SortedMap<String, Network> networks,
            SortedMap<String, PortPlace> places, SortedMap<String, SwitchProfile> profiles, FirewallFault faults) {
        static final Inputs NONE = new Inputs(FirewallIntent.EMPTY, Collections.emptySortedMap(),
            Collections.emptySortedMap(), Collections.emptySortedMap(), Collections.emptySortedMap(),
            FirewallFault.NONE);
    }

    private void forgetEverything() {
        memo = new HashMap<>();
        groupRules.clear();
        policyRules.clear();
        groupSetRules.clear();
        listUses = new ListUses();
        resolvedRules = new ResolvedRules();
        governed = new GovernedIndex();
        members = new Membership();
        zones = Map.of();
        restart.clear();
        lastInputs = Inputs.NONE;
        lastResult = FirewallFlows.EMPTY;
    }

    /**
     * Brings the indexes, memberships, zones and rule lists from {@code before} to {@code now} and returns, per
     * switch, the networks whose firewall there may differ: those a changed port was or is in, and those with a
     * changed policy or membership. A switch whose profile changed goes to {@link #restart}.
     */
    private Map<String, Set<String>> changedNetworks(final Inputs before, final Inputs now) {
        final var dirty = new HashMap<String, Set<String>>();
        for (String switchId : ChangedKeys.between(before.profiles(), now.profiles())) {
            restart.add(switchId);
            dirty.computeIfAbsent(switchId, key -> new HashSet<>());
        }
        final Set<String> changedPorts = ChangedKeys.between(before.ports(), now.ports());
        final Set<String> regrouped = ChangedKeys.between(before.firewall().portGroups(),
            now.firewall().portGroups());
        final var toDerive = new HashSet<String>(changedPorts);
        toDerive.addAll(regrouped);
        toDerive.addAll(ChangedKeys.between(before.places(), now.places()));
        final var membershipChanges = new HashSet<String>(changedPorts);
        membershipChanges.addAll(regrouped);
        members.update(membershipChanges, now.ports(), now.firewall()).forEach(networkId -> markNetwork(dirty,
            networkId));
        final Set<String> changedNetworks = ChangedKeys.between(before.networks(), now.networks());
        if (!changedNetworks.isEmpty()) {
            final Map<String, Integer> nowZones = ConntrackZones.assign(now.networks().values());
            final var affected = new HashSet<String>(changedNetworks);
            nowZones.forEach((networkId, zone) -> {
                if (!zone.equals(zones.get(networkId))) {
                    affected.add(networkId);
                }
            });
            zones = nowZones;
            // Ports of a network that did not exist become governed when it comes, so all its ports are looked at.
            affected.forEach(networkId -> toDerive.addAll(members.portsIn(networkId)));
        }
        // A port reached only through its groups' rules keeps its place in every index; it gets their new list.
        final var reRuled = new HashSet<String>();
        for (GroupKey group : ChangedKeys.between(before.firewall().groups(), now.firewall().groups())) {
            groupRules.remove(group);
            reRuled.addAll(governed.using(group));
        }
        final Set<String> changedPolicies = ChangedKeys.between(before.firewall().policies(),
            now.firewall().policies());
        if (!changedPolicies.isEmpty()) {
            changedPolicies.forEach(policyRules::remove);
            now.networks().values().stream().filter(network -> changedPolicies.contains(network.tenantId()))
                .forEach(network -> markNetwork(dirty, network.id()));
        }
        final var unusedSets = new HashSet<GroupSet>();
        for (String portId : toDerive) {
            final Placed was = governed.remove(portId, unusedSets);
            if (was != null) {
                dirty.computeIfAbsent(was.switchId(), key -> new HashSet<>()).add(was.networkId());
            }
            final PortPlace place = now.places().get(portId);
            final Port port = now.ports().get(portId);
            if (place == null || port == null || !port.portSecurityEnabled() || port.networkId() == null) {
                continue;
            }
            final Network network = now.networks().get(port.networkId());
            if (network == null) {
                continue;
            }
            final var groupSet = new GroupSet(port.tenantId(), now.firewall().groupsOf(portId));
            governed.add(new GovernedPort(port, network, place.ofPort(), rulesOf(now.firewall(), groupSet)),
                place.switchId(), groupSet);
            dirty.computeIfAbsent(place.switchId(), key -> new HashSet<>()).add(network.id());
        }
        unusedSets.stream().filter(groupSet -> !governed.inUse(groupSet)).forEach(groupSetRules::remove);
        reRuled.removeAll(toDerive);
        final var rulesBySet = new HashMap<GroupSet, List<LabelledRule>>();
        for (String portId : reRuled) {
            final Placed placed = governed.withRules(portId, groupSet -> rulesBySet.computeIfAbsent(groupSet,
                key -> rulesOf(now.firewall(), key)));
            if (placed != null) {
                dirty.computeIfAbsent(placed.switchId(), key -> new HashSet<>()).add(placed.networkId());
            }
        }
        return dirty;
    }

    /** Marks a network on every switch it has governed ports on. */
    private void markNetwork(final Map<String, Set<String>> dirty, final String networkId) {
        governed.inNetwork(networkId).forEach(portId -> dirty.computeIfAbsent(governed.switchOf(portId),
            key -> new HashSet<>()).add(networkId));
    }

    /** What one switch compiles this round: the networks that changed there, with their ports now. */
    private record Work(SwitchProfile profile, Map<String, List<GovernedPort>> changed,
            @Nullable SwitchParts state) {
    }

    /** Compiles the networks that may have changed, switches in parallel, and takes the rest from the last round. */
    private FirewallFlows compileSwitches(final Map<String, Set<String>> dirty, final Inputs now) {
        final var work = new HashMap<String, Work>();
        final Consumer<List<LabelledRule>> forget = list -> resolvedRules.forget(list);
        final boolean faulty = now.faults() != FirewallFault.NONE;
        for (Map.Entry<String, Set<String>> entry : dirty.entrySet()) {
            final String switchId = entry.getKey();
            final SwitchProfile profile = now.profiles().getOrDefault(switchId, SwitchProfile.OVS);
            final Memo known = memo.get(switchId);
            final boolean afresh = known == null || known.outcome().state() == null || restart.contains(switchId)
                || faulty;
            final Set<String> networkIds = afresh ? governed.networksOn(switchId) : entry.getValue();
            if (afresh) {
                listUses.dropSwitch(switchId, forget);
            }
            final var changed = new HashMap<String, List<GovernedPort>>();
            for (String networkId : networkIds) {
                final List<GovernedPort> ports = governed.portsOn(switchId, networkId);
                changed.put(networkId, ports);
                listUses.use(switchId, networkId, profile, listsOf(ports, now.firewall()), forget);
            }
            if (!governed.hasPorts(switchId)) {
                memo.remove(switchId);
                listUses.dropSwitch(switchId, forget);
                continue;
            }
            work.put(switchId, new Work(profile, changed, afresh ? new SwitchParts() : known.outcome().state()));
        }
        restart.clear();
        resolvedRules.resolveMissing(listUses.takeNew());
        final ResolvedRules resolved = resolvedRules;
        final FirewallFault faults = now.faults();
        // Switches compile independently from shared read-only inputs, so they compile in parallel.
        final Map<String, Memo> fresh = work.keySet().parallelStream().collect(Collectors.toMap(
            switchId -> switchId, switchId -> {
                final Work switchWork = work.get(switchId);
                final Function<List<GovernedPort>, SwitchOutcome> afresh = ports -> {
                    faults.beforeSwitch(switchId, ports.stream().map(GovernedPort::id).toList());
                    final var changed = new HashMap<String, List<GovernedPort>>();
                    ports.forEach(port -> changed.computeIfAbsent(port.network().id(), key -> new ArrayList<>())
                        .add(port));
                    return compileInto(switchId, switchWork.profile(), changed, new SwitchParts(), resolved);
                };
                return new Memo(compileAlone(switchId, () -> {
                    if (faulty) {
                        return afresh.apply(governed.onSwitch(switchId));
                    }
                    return compileInto(switchId, switchWork.profile(), switchWork.changed(), switchWork.state(),
                        resolved);
                }, afresh, () -> governed.onSwitch(switchId)));
            }));
        memo.putAll(fresh);
        lastCompiled = fresh.values().stream().mapToInt(known -> known.outcome().compiledParts()).sum();
        lastReused = memo.values().stream().mapToInt(known -> known.outcome().parts()).sum() - lastCompiled;
        return assemble(List.copyOf(new TreeMap<>(memo).values()));
    }

    /** The rule lists a network's ports and its tenant's policy use, each once (by identity: a network has few). */
    private List<List<LabelledRule>> listsOf(final List<GovernedPort> ports, final FirewallIntent firewall) {
        if (ports.isEmpty()) {
            return List.of();
        }
        final var lists = new ArrayList<List<LabelledRule>>(ports.size() + 1);
        ports.forEach(port -> addOnce(lists, port.groupRules()));
        addOnce(lists, policyRules.computeIfAbsent(ports.get(0).network().tenantId(),
            tenantId -> labelledPolicy(firewall.policyOf(tenantId))));
        return lists;
    }

    private static void addOnce(final List<List<LabelledRule>> lists, final List<LabelledRule> list) {
        for (List<LabelledRule> known : lists) {
            if (known == list) {
                return;
            }
        }
        lists.add(list);
    }

    private SwitchOutcome compileInto(final String switchId, final SwitchProfile profile,
            final Map<String, List<GovernedPort>> changed, final SwitchParts state, final ResolvedRules resolved) {
        final var compiler = new SwitchCompiler(switchId, profile, policyRules, resolved, members, zones, state);
        compiler.update(changed);
        return new SwitchOutcome(switchId, state.flows(), state.problems(), Map.of(), state, compiler.compiledParts(),
            state.parts(), state.infos());
    }

    /** Parts (a network's or a port's flows on a switch) the last {@link #update} took from the round before. */
    public int lastReused() {
        return lastReused;
    }

    /** Parts (a network's or a port's flows on a switch) the last {@link #update} compiled. */
    public int lastCompiled() {
        return lastCompiled;
    }

    /** The result of every switch; the counters' cookie maps are made when first read. */
    private static FirewallFlows assemble(final List<Memo> switches) {
        final var flowsBySwitch = new TreeMap<String, Map<String, FlowRecord>>();
        final var problems = new TreeSet<String>();
        final var portErrors = new TreeMap<String, String>();
        for (Memo known : switches) {
            final SwitchOutcome outcome = known.outcome();
            flowsBySwitch.put(outcome.switchId(), outcome.flows());
            problems.addAll(outcome.problems());
            portErrors.putAll(outcome.portErrors());
        }
        portErrors.forEach((portId, error) -> problems.add("port " + portId + ": " + error));
        final Map<Long, String> ruleByCookie = new LazySortedMap<>(() -> ResolvedRules.labelsByCookie(switches.stream()
            .flatMap(known -> known.outcome().infos().stream()).map(SlotInfo::rules).toList()));
        final Map<Long, String> portByCookie = new LazySortedMap<>(() -> {
            final var ports = new HashMap<Long, String>();
            switches.forEach(known -> known.outcome().infos().forEach(info -> {
                if (info.port() != null) {
                    ports.put(info.port().dropCookie(), info.port().id());
                }
            }));
            return ports;
        });
        return new FirewallFlows(flowsBySwitch, ruleByCookie, portByCookie, List.copyOf(problems), portErrors);
    }

    /** A switch's compiled firewall. */
    private record Memo(SwitchOutcome outcome) {
    }

    /**
     * One switch's firewall, or as much of it as compiles: its ports that fail are quarantined. A switch compiled
     * whole keeps its parts ({@code state}) for the next compile; one with failures keeps none.
     *
     * @param compiledParts network and port parts compiled
     * @param parts network and port parts it has
     * @param infos who each part belongs to and how its rules resolved
     */
    private record SwitchOutcome(String switchId, Map<String, FlowRecord> flows, Set<String> problems,
            Map<String, String> portErrors, @Nullable SwitchParts state, int compiledParts, int parts,
            List<SlotInfo> infos) {
    }

    /**
     * Compiles a switch; when that throws, finds the ports that throw alone, compiles the others afresh and
     * quarantines the culprits. When the others still do not compile, the switch's shared flows are at fault and
     * every governed port of it is quarantined.
     */
    // The boundary of one switch and of each port on it: whatever goes wrong is attributed and fails closed.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static SwitchOutcome compileAlone(final String switchId, final Supplier<SwitchOutcome> whole,
            final Function<List<GovernedPort>, SwitchOutcome> afresh, final Supplier<List<GovernedPort>> allPorts) {
        try {
            return whole.get();
        } catch (RuntimeException e) {
            final List<GovernedPort> ports = allPorts.get();
            final var errors = new TreeMap<String, String>();
            for (GovernedPort port : ports) {
                try {
                    afresh.apply(List.of(port));
                } catch (RuntimeException portFailure) {
                    errors.put(port.id(), COMPILE_FAILED + portFailure.getMessage() + QUARANTINED);
                }
            }
            final List<GovernedPort> survivors = ports.stream().filter(port -> !errors.containsKey(port.id()))
                .toList();
            SwitchOutcome rest = null;
            String sharedFailure = e.getMessage();
            if (!errors.isEmpty()) {
                try {
                    rest = afresh.apply(survivors);
                } catch (RuntimeException restFailure) {
                    sharedFailure = restFailure.getMessage();
                }
            }
            if (rest == null) {
                // Not any port's own failure: the switch's shared flows are at fault.
                for (GovernedPort port : ports) {
                    errors.put(port.id(), COMPILE_FAILED + "switch " + switchId + ": " + sharedFailure
                        + QUARANTINED);
                }
            }
            final var flows = new LinkedHashMap<String, FlowRecord>();
            final var problems = new TreeSet<String>();
            final var infos = new ArrayList<SlotInfo>();
            if (rest != null) {
                flows.putAll(rest.flows());
                problems.addAll(rest.problems());
                rest.infos().stream().filter(info -> info.port() == null || !errors.containsKey(info.port().id()))
                    .forEach(infos::add);
            }
            for (GovernedPort port : ports) {
                if (errors.containsKey(port.id())) {
                    SwitchTables.quarantine(port).forEach(flow -> flows.put(flow.id(), flow));
                    infos.add(new SlotInfo(port, List.of()));
                }
            }
            return new SwitchOutcome(switchId, flows, problems, errors, null, ports.size(), ports.size(),
                List.copyOf(infos));
        }
    }

    /**
     * The union of a group set's rules, each once, with the label its counters go by. A set whose groups all kept
     * their lists keeps its list too, so comparing inputs stops at identity.
     */
    private List<LabelledRule> rulesOf(final FirewallIntent firewall, final GroupSet groupSet) {
        final var names = new LinkedHashSet<>(groupSet.names());
        if (names.size() == 1) {
            return labelledRules(firewall, new GroupKey(groupSet.tenantId(), names.iterator().next()));
        }
        // Labels name the group, so the rules of distinct groups are distinct.
        final var parts = new ArrayList<List<LabelledRule>>();
        names.forEach(name -> parts.add(labelledRules(firewall, new GroupKey(groupSet.tenantId(), name))));
        final GroupSetRules known = groupSetRules.get(groupSet);
        if (known != null && known.sameParts(parts)) {
            return known.rules();
        }
        final var rules = new ArrayList<LabelledRule>();
        parts.forEach(rules::addAll);
        final var union = new GroupSetRules(List.copyOf(parts), List.copyOf(rules));
        groupSetRules.put(groupSet, union);
        return union.rules();
    }

    /** A group's rules, labelled once and kept until the group changes. */
    private List<LabelledRule> labelledRules(final FirewallIntent firewall, final GroupKey key) {
        return groupRules.computeIfAbsent(key, unused -> {
            final SecurityGroup group = firewall.group(key.tenantId(), key.name());
            if (group == null) {
                return List.of();
            }
            final var labelled = new LinkedHashMap<String, LabelledRule>();
            for (SecurityRule rule : group.rules()) {
                final String label = key.tenantId() + "/" + key.name() + "/" + rule.id();
                labelled.putIfAbsent(label, LabelledRule.of(label, rule.match(), PolicyRule.ALLOW, 0));
            }
            return List.copyOf(labelled.values());
        });
    }

    /**
     * What each rule's flows are, by their cookie, for a packet trace: every security group rule and policy entry of
     * the intent, named as the operator wrote it.
     */
    public static Map<Long, String> cookieNames(final FirewallIntent firewall) {
        final var names = new HashMap<Long, String>();
        for (SecurityGroup group : firewall.groups().values()) {
            for (SecurityRule rule : group.rules()) {
                names.put(LabelledRule.cookieOf(group.tenantId() + "/" + group.name() + "/" + rule.id()),
                    "rule " + rule.id() + " of security group " + group.name() + " (tenant " + group.tenantId()
                    + ")");
            }
        }
        firewall.policies().values().forEach(policy -> policy.forEach(rule -> names.put(
            LabelledRule.cookieOf(rule.label()), "policy entry " + rule.priority() + " (" + rule.action()
            + ") of tenant " + rule.tenantId())));
        return names;
    }

    private static List<LabelledRule> labelledPolicy(final List<PolicyRule> policy) {
        return policy.stream().map(rule -> LabelledRule.of(rule.label(), rule.match(), rule.action(),
            rule.priority())).toList();
    }

    /** A group set's rules, and the group lists they were joined from. */
    private record GroupSetRules(List<List<LabelledRule>> parts, List<LabelledRule> rules) {
        boolean sameParts(final List<List<LabelledRule>> others) {
            if (others.size() != parts.size()) {
                return false;
            }
            for (int i = 0; i < parts.size(); i++) {
                if (others.get(i) != parts.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A rule with its counter label, the cookie of its flows and their names (the names of a stateless switch's
     * return flows end in {@code :return}); policy rules carry their action and priority, group rules allow.
     */
    record LabelledRule(String label, RuleMatch match, String action, int priority, long cookie,
            FlowId.Name flowName, FlowId.Name returnFlowName) {
        static LabelledRule of(final String label, final RuleMatch match, final String action, final int priority) {
            return new LabelledRule(label, match, action, priority, cookieOf(label), FlowId.Name.of("rule=" + label),
                FlowId.Name.of("rule=" + label + ":return"));
        }

        static long cookieOf(final String label) {
            return Cookies.of(Owner.FIREWALL, ObjectKind.RULE, label);
        }
    }

    /** A local port the firewall filters, with its groups' rules. */
    record GovernedPort(Port port, Network network, long ofPort, List<LabelledRule> groupRules, long dropCookie) {
        GovernedPort(final Port port, final Network network, final long ofPort,
                final List<LabelledRule> groupRules) {
            this(port, network, ofPort, groupRules, SwitchTables.dropCookie(port.id()));
        }

        String id() {
            return port.id();
        }

        String tenantId() {
            return port.tenantId();
        }
    }
}
