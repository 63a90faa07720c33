/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.ChangedKeys;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.firewall.compiler.GovernedIndex.GroupSet;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
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
    /** How many switches of each profile use each rule list: a list none uses is forgotten. */
    private final Map<List<LabelledRule>, int[]> listUses = new IdentityHashMap<>();
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
        final Set<String> dirty = changedSwitches(lastInputs, inputs);
        lastInputs = inputs;
        if (dirty.isEmpty()) {
            // What changed (if anything) reaches no switch: another app's change started this round.
            lastReused = memo.values().stream().mapToInt(known -> known.outcome().parts().size()).sum();
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
        listUses.clear();
        resolvedRules = new ResolvedRules();
        governed = new GovernedIndex();
        members = new Membership();
        zones = Map.of();
        lastInputs = Inputs.NONE;
    }

    /**
     * Brings the indexes, memberships, zones and rule lists from {@code before} to {@code now} and returns the
     * switches whose firewall may differ: those a changed port was or is on, and those with governed ports in a
     * changed network, group, policy or membership.
     */
    private Set<String> changedSwitches(final Inputs before, final Inputs now) {
        final var dirty = new TreeSet<String>();
        dirty.addAll(ChangedKeys.between(before.profiles(), now.profiles()));
        final Set<String> changedPorts = ChangedKeys.between(before.ports(), now.ports());
        final Set<String> regrouped = ChangedKeys.between(before.firewall().portGroups(),
            now.firewall().portGroups());
        final var toDerive = new HashSet<String>(changedPorts);
        toDerive.addAll(regrouped);
        toDerive.addAll(ChangedKeys.between(before.places(), now.places()));
        final var membershipChanges = new HashSet<String>(changedPorts);
        membershipChanges.addAll(regrouped);
        for (String networkId : members.update(membershipChanges, now.ports(), now.firewall())) {
            governed.inNetwork(networkId).forEach(portId -> dirty.add(governed.switchOf(portId)));
        }
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
        for (GroupKey group : ChangedKeys.between(before.firewall().groups(), now.firewall().groups())) {
            groupRules.remove(group);
            toDerive.addAll(governed.using(group));
        }
        final Set<String> changedPolicies = ChangedKeys.between(before.firewall().policies(),
            now.firewall().policies());
        if (!changedPolicies.isEmpty()) {
            changedPolicies.forEach(policyRules::remove);
            now.networks().values().stream().filter(network -> changedPolicies.contains(network.tenantId()))
                .forEach(network -> governed.inNetwork(network.id()).forEach(portId -> dirty.add(governed
                    .switchOf(portId))));
        }
        final var unusedSets = new HashSet<GroupSet>();
        for (String portId : toDerive) {
            final String was = governed.remove(portId, unusedSets);
            if (was != null) {
                dirty.add(was);
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
            dirty.add(place.switchId());
        }
        unusedSets.stream().filter(groupSet -> !governed.inUse(groupSet)).forEach(groupSetRules::remove);
        return dirty;
    }

    /** Compiles the switches that may have changed, in parallel, and takes the others from the last round. */
    private FirewallFlows compileSwitches(final Set<String> dirty, final Inputs now) {
        final var inputs = new HashMap<String, SwitchInput>();
        for (String switchId : dirty) {
            final List<GovernedPort> ports = governed.onSwitch(switchId);
            final Memo known = memo.get(switchId);
            if (ports.isEmpty()) {
                if (known != null) {
                    memo.remove(switchId);
                    release(known);
                }
                continue;
            }
            final SwitchInput input = SwitchInput.of(now.profiles().getOrDefault(switchId, SwitchProfile.OVS), ports,
                tenantId -> policyRules.computeIfAbsent(tenantId, key -> labelledPolicy(now.firewall().policyOf(
                    key))));
            // The switch compiler takes whatever did not change from its last compile, part by part.
            inputs.put(switchId, input);
            input.lists().forEach(list -> listUses.computeIfAbsent(list,
                key -> new int[SwitchProfile.values().length])[input.profile().ordinal()]++);
            if (known != null) {
                release(known);
            }
        }
        // Each rule list is resolved once, for the profiles of the switches that compile it.
        final Map<List<LabelledRule>, Set<SwitchProfile>> profilesByList = new IdentityHashMap<>();
        inputs.values().forEach(input -> input.lists().forEach(list -> profilesByList.computeIfAbsent(list,
            key -> EnumSet.noneOf(SwitchProfile.class)).add(input.profile())));
        resolvedRules.resolveMissing(profilesByList);
        final ResolvedRules resolved = resolvedRules;
        final FirewallFault faults = now.faults();
        final Map<String, Memo> last = memo;
        // Switches compile independently from shared read-only inputs, so they compile in parallel.
        final Map<String, Memo> fresh = inputs.keySet().parallelStream().collect(Collectors.toMap(
            switchId -> switchId, switchId -> {
                final SwitchInput input = inputs.get(switchId);
                final Memo known = last.get(switchId);
                final SwitchOutcome outcome = compileAlone(switchId, input.ports(), ports -> {
                    faults.beforeSwitch(switchId, ports.stream().map(GovernedPort::id).toList());
                    final var switchCompiler = new SwitchCompiler(switchId, input.profile(), ports,
                        input.policies(), resolved, members, zones, known == null ? SwitchCompiler.Parts.NONE
                            : known.outcome().parts());
                    switchCompiler.compile();
                    return switchCompiler;
                });
                return new Memo(input, outcome, resolved.stagesOf(input.lists(), input.profile()));
            }));
        memo.putAll(fresh);
        lastCompiled = fresh.values().stream().mapToInt(known -> known.outcome().compiledParts()).sum();
        lastReused = memo.values().stream().mapToInt(known -> known.outcome().parts().size()).sum() - lastCompiled;
        return assemble(List.copyOf(new TreeMap<>(memo).values()));
    }

    /** A switch's last memo is replaced: the lists it used lose a user, and a list none uses is forgotten. */
    private void release(final Memo known) {
        for (List<LabelledRule> list : known.input().lists()) {
            final int[] uses = listUses.get(list);
            uses[known.input().profile().ordinal()]--;
            if (Arrays.stream(uses).allMatch(count -> count == 0)) {
                listUses.remove(list);
                resolvedRules.forget(list);
            }
        }
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
        final Map<Long, String> ruleByCookie = new LazyMap<>(() -> ResolvedRules.labelsByCookie(switches.stream()
            .map(Memo::stages).toList()));
        final Map<Long, String> portByCookie = new LazyMap<>(() -> {
            final var ports = new HashMap<Long, String>();
            switches.forEach(known -> known.input().ports().forEach(port -> ports.put(port.dropCookie(), port.id())));
            return ports;
        });
        return new FirewallFlows(flowsBySwitch, ruleByCookie, portByCookie, List.copyOf(problems), portErrors);
    }

    /** A switch's inputs, what they compiled to, and how its rule lists resolved (for the counters' labels). */
    private record Memo(SwitchInput input, SwitchOutcome outcome, List<StageRules> stages) {
    }

    /**
     * What a switch compiles from, besides the memberships and zones every switch shares.
     *
     * @param policies the policy of each tenant with a network on the switch
     * @param lists the rule lists the switch resolves: its ports' group rules and its tenants' policies, each once
     */
    private record SwitchInput(SwitchProfile profile, List<GovernedPort> ports,
            Map<String, List<LabelledRule>> policies, List<List<LabelledRule>> lists) {
        static SwitchInput of(final SwitchProfile profile, final List<GovernedPort> ports,
                final Function<String, List<LabelledRule>> policyOfTenant) {
            final var policies = new HashMap<String, List<LabelledRule>>();
            final Map<List<LabelledRule>, Boolean> lists = new IdentityHashMap<>();
            for (GovernedPort port : ports) {
                policies.computeIfAbsent(port.network().tenantId(), policyOfTenant);
                lists.put(port.groupRules(), Boolean.TRUE);
            }
            policies.values().forEach(policy -> lists.put(policy, Boolean.TRUE));
            return new SwitchInput(profile, ports, policies, List.copyOf(lists.keySet()));
        }
    }

    /**
     * One switch's firewall, or as much of it as compiles: its ports that fail are quarantined. A switch compiled
     * whole keeps its parts for the next compile; one with failures keeps none.
     */
    private record SwitchOutcome(String switchId, Map<String, FlowRecord> flows,
            Set<String> problems, Map<String, String> portErrors, SwitchCompiler.Parts parts, int compiledParts) {
    }

    /**
     * Compiles a switch's governed ports; when that throws, finds the ports that throw alone, compiles the others
     * and quarantines the culprits. When the others still do not compile, the switch's shared flows are at fault
     * and every governed port of it is quarantined.
     */
    // The boundary of one switch and of each port on it: whatever goes wrong is attributed and fails closed.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static SwitchOutcome compileAlone(final String switchId, final List<GovernedPort> ports,
            final Function<List<GovernedPort>, SwitchCompiler> attempt) {
        try {
            final SwitchCompiler whole = attempt.apply(ports);
            return new SwitchOutcome(switchId, whole.flows(), whole.problems(), Map.of(),
                whole.parts(), whole.compiledParts());
        } catch (RuntimeException e) {
            final var errors = new TreeMap<String, String>();
            for (GovernedPort port : ports) {
                try {
                    attempt.apply(List.of(port));
                } catch (RuntimeException portFailure) {
                    errors.put(port.id(), COMPILE_FAILED + portFailure.getMessage() + QUARANTINED);
                }
            }
            final List<GovernedPort> survivors = ports.stream().filter(port -> !errors.containsKey(port.id()))
                .toList();
            SwitchCompiler rest = null;
            String sharedFailure = e.getMessage();
            if (!errors.isEmpty()) {
                try {
                    rest = attempt.apply(survivors);
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
            if (rest != null) {
                flows.putAll(rest.flows());
                problems.addAll(rest.problems());
            }
            for (GovernedPort port : ports) {
                if (errors.containsKey(port.id())) {
                    SwitchCompiler.quarantine(port).forEach(flow -> flows.put(flow.id(), flow));
                }
            }
            return new SwitchOutcome(switchId, flows, problems, errors, SwitchCompiler.Parts.NONE,
                ports.size());
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
    record LabelledRule(String label, RuleMatch match, String action, int priority, long cookie, String flowName,
            String returnFlowName) {
        static LabelledRule of(final String label, final RuleMatch match, final String action, final int priority) {
            return new LabelledRule(label, match, action, priority, Cookies.of(Owner.FIREWALL, ObjectKind.RULE,
                label), "rule=" + label, "rule=" + label + ":return");
        }
    }

    /** A local port the firewall filters, with its groups' rules. */
    record GovernedPort(Port port, Network network, long ofPort, List<LabelledRule> groupRules, long dropCookie) {
        GovernedPort(final Port port, final Network network, final long ofPort,
                final List<LabelledRule> groupRules) {
            this(port, network, ofPort, groupRules, SwitchCompiler.dropCookie(port.id()));
        }

        String id() {
            return port.id();
        }

        String tenantId() {
            return port.tenantId();
        }
    }
}
