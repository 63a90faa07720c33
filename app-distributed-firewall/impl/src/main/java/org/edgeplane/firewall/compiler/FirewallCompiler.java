/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
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

    /** Last round's inputs and results per switch: a switch whose inputs are unchanged is not compiled again. */
    private Map<String, Memo> memo = Map.of();
    /** Last round's labelled rules per group, per tenant policy and per group set, reused while unchanged. */
    private Map<GroupKey, Labelled<SecurityGroup>> lastGroups = Map.of();
    private Map<String, Labelled<List<PolicyRule>>> lastPolicies = Map.of();
    private Map<GroupSet, GroupSetRules> lastGroupSets = Map.of();
    private Map<GroupSet, GroupSetRules> groupSetsNow = new HashMap<>();
    private int lastReused;
    private int lastCompiled;
    /** The last update's whole input and result: a round that changed none of it gets the result back at once. */
    private @Nullable Inputs lastInputs;
    private FirewallFlows lastResult = FirewallFlows.EMPTY;
    /** Last round's resolved rule lists and match caches, which unchanged lists keep. */
    private @Nullable ResolvedRules lastResolved;

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
     * The firewall for this intent, compiling only the switches whose inputs changed since the last call: the same
     * result as {@link #compile}, which {@code FirewallIncrementalPropertyTest} holds it to.
     */
    public FirewallFlows update(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts) {
        return update(firewall, intent, facts, FirewallFault.NONE);
    }

    FirewallFlows update(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts,
            final FirewallFault faults) {
        final var inputs = new Inputs(firewall, intent.ports(), intent.networks(), facts.places(), facts.profiles(),
            faults);
        if (inputs.equals(lastInputs)) {
            // The newest objects: the next round's snapshot shares more of them.
            lastInputs = inputs;
            lastReused = memo.values().stream().mapToInt(known -> known.outcome().parts().size()).sum();
            lastCompiled = 0;
            return lastResult;
        }
        lastResult = compileChanged(firewall, intent, facts, faults);
        lastInputs = inputs;
        return lastResult;
    }

    /**
     * Everything the firewall reads, compared as a whole before anything is built: a round that another app's
     * change started costs the firewall one comparison (mostly of the very same objects).
     */
    private record Inputs(FirewallIntent firewall, Map<String, Port> ports, Map<String, Network> networks,
            Map<String, PortPlace> places, Map<String, SwitchProfile> profiles, FirewallFault faults) {
    }

    private FirewallFlows compileChanged(final FirewallIntent firewall, final Intent intent, final EdgeFacts facts,
            final FirewallFault faults) {
        final var members = Membership.of(firewall, intent);
        final Map<String, Integer> zones = ConntrackZones.assign(intent.networks().values());
        final var governedBySwitch = new TreeMap<String, List<GovernedPort>>();
        // Rules are labelled once per group and tenant and shared by every port and switch that uses them; a group
        // or policy unchanged since the last round keeps its very list, so comparing inputs stops at identity.
        final var groupRules = new HashMap<GroupKey, List<LabelledRule>>();
        final var groupSetRules = new HashMap<GroupSet, List<LabelledRule>>();
        final var policyByTenant = new HashMap<String, List<LabelledRule>>();
        final var groupsNow = new HashMap<GroupKey, Labelled<SecurityGroup>>();
        groupSetsNow = new HashMap<>();
        final var policiesNow = new HashMap<String, Labelled<List<PolicyRule>>>();
        for (Map.Entry<String, PortPlace> place : facts.places().entrySet()) {
            final Port port = intent.ports().get(place.getKey());
            if (port == null || !port.portSecurityEnabled() || port.networkId() == null) {
                continue;
            }
            final Network network = intent.networks().get(port.networkId());
            if (network == null) {
                continue;
            }
            final List<LabelledRule> rules = groupSetRules.computeIfAbsent(new GroupSet(port.tenantId(),
                firewall.groupsOf(port.id())), groupSet -> rulesOf(firewall, groupSet, groupRules, groupsNow));
            governedBySwitch.computeIfAbsent(place.getValue().switchId(), key -> new ArrayList<>())
                .add(new GovernedPort(port, network, place.getValue().ofPort(), rules));
            policyByTenant.computeIfAbsent(network.tenantId(), tenantId -> {
                final List<PolicyRule> policy = firewall.policyOf(tenantId);
                final Labelled<List<PolicyRule>> known = lastPolicies.get(tenantId);
                final Labelled<List<PolicyRule>> now = known != null && known.source().equals(policy) ? known
                    : new Labelled<>(policy, policy.stream().map(rule -> LabelledRule.of(rule.label(), rule.match(),
                        rule.action(), rule.priority())).toList());
                policiesNow.put(tenantId, now);
                return now.rules();
            });
        }
        lastGroups = groupsNow;
        lastPolicies = policiesNow;
        lastGroupSets = groupSetsNow;
        final var inputs = new TreeMap<String, SwitchInput>();
        governedBySwitch.forEach((switchId, ports) -> inputs.put(switchId, SwitchInput.of(facts.profileOf(switchId),
            ports, policyByTenant, members, zones)));
        final List<String> stale = inputs.entrySet().stream().filter(entry -> {
            final Memo known = memo.get(entry.getKey());
            return known == null || !known.input().equals(entry.getValue());
        }).map(Map.Entry::getKey).toList();
        // Each rule list is resolved once, for the profiles of the switches that compile it.
        final Map<List<LabelledRule>, Set<SwitchProfile>> profilesByList = new IdentityHashMap<>();
        for (String switchId : stale) {
            final SwitchInput input = inputs.get(switchId);
            input.lists().forEach(list -> profilesByList.computeIfAbsent(list,
                key -> EnumSet.noneOf(SwitchProfile.class)).add(input.profile()));
        }
        final Set<List<LabelledRule>> liveLists = Collections.newSetFromMap(new IdentityHashMap<>());
        inputs.values().forEach(input -> liveLists.addAll(input.lists()));
        final var resolvedRules = new ResolvedRules(profilesByList, lastResolved, liveLists);
        lastResolved = resolvedRules;
        // Switches compile independently from shared read-only inputs, so they compile in parallel.
        final Map<String, Memo> fresh = stale.parallelStream().collect(Collectors.toMap(switchId -> switchId,
            switchId -> {
                final SwitchInput input = inputs.get(switchId);
                final SwitchOutcome outcome = compileAlone(switchId, governedBySwitch.get(switchId), ports -> {
                    faults.beforeSwitch(switchId, ports.stream().map(GovernedPort::id).toList());
                    final Memo known = memo.get(switchId);
                    final var switchCompiler = new SwitchCompiler(switchId, input.profile(), ports,
                        policyByTenant, resolvedRules, members, zones, known == null ? SwitchCompiler.Parts.NONE
                            : known.outcome().parts());
                    switchCompiler.compile();
                    return switchCompiler;
                });
                return new Memo(input, outcome, resolvedRules.ruleByCookie(input.lists(), input.profile()));
            }));
        final var next = new TreeMap<String, Memo>();
        inputs.keySet().forEach(switchId -> next.put(switchId, fresh.containsKey(switchId) ? fresh.get(switchId)
            : memo.get(switchId)));
        memo = next;
        lastCompiled = fresh.values().stream().mapToInt(known -> known.outcome().compiledParts()).sum();
        lastReused = next.values().stream().mapToInt(known -> known.outcome().parts().size()).sum() - lastCompiled;
        return assemble(next.values());
    }

    /** Parts (a network's or a port's flows on a switch) the last {@link #update} took from the round before. */
    public int lastReused() {
        return lastReused;
    }

    /** Parts (a network's or a port's flows on a switch) the last {@link #update} compiled. */
    public int lastCompiled() {
        return lastCompiled;
    }

    private static FirewallFlows assemble(final Collection<Memo> switches) {
        final var flowsBySwitch = new TreeMap<String, Map<String, FlowRecord>>();
        final var ruleByCookie = new HashMap<Long, String>();
        final var portByCookie = new HashMap<Long, String>();
        final var problems = new TreeSet<String>();
        final var portErrors = new TreeMap<String, String>();
        for (Memo known : switches) {
            final SwitchOutcome outcome = known.outcome();
            flowsBySwitch.put(outcome.switchId(), outcome.flows());
            ruleByCookie.putAll(known.ruleByCookie());
            portByCookie.putAll(outcome.portByCookie());
            problems.addAll(outcome.problems());
            portErrors.putAll(outcome.portErrors());
        }
        portErrors.forEach((portId, error) -> problems.add("port " + portId + ": " + error));
        return new FirewallFlows(flowsBySwitch, ruleByCookie, portByCookie, List.copyOf(problems), portErrors);
    }

    /** A switch's inputs and what they compiled to. */
    private record Memo(SwitchInput input, SwitchOutcome outcome, Map<Long, String> ruleByCookie) {
    }

    /**
     * Everything a switch's firewall depends on, and nothing else: equal inputs compile to equal flows.
     *
     * @param policies the policy of each tenant with a network on the switch
     * @param members per network on the switch, each group's member prefixes in it
     * @param zones the conntrack zone of each network on the switch
     */
    private record SwitchInput(SwitchProfile profile, List<GovernedPort> ports,
            Map<String, List<LabelledRule>> policies, Map<String, Map<GroupKey, List<String>>> members,
            Map<String, Integer> zones) {
        static SwitchInput of(final SwitchProfile profile, final List<GovernedPort> ports,
                final Map<String, List<LabelledRule>> policyByTenant, final Membership membership,
                final Map<String, Integer> allZones) {
            final var policies = new TreeMap<String, List<LabelledRule>>();
            final var members = new TreeMap<String, Map<GroupKey, List<String>>>();
            final var zones = new TreeMap<String, Integer>();
            for (GovernedPort port : ports) {
                final String networkId = port.network().id();
                policies.put(port.network().tenantId(), policyByTenant.get(port.network().tenantId()));
                members.put(networkId, membership.inNetwork(networkId));
                zones.put(networkId, allZones.get(networkId));
            }
            return new SwitchInput(profile, ports, policies, members, zones);
        }

        /** The rule lists the switch resolves: its ports' group rules and its tenants' policies. */
        List<List<LabelledRule>> lists() {
            final Map<List<LabelledRule>, Boolean> lists = new IdentityHashMap<>();
            ports.forEach(port -> lists.put(port.groupRules(), Boolean.TRUE));
            policies.values().forEach(policy -> lists.put(policy, Boolean.TRUE));
            return List.copyOf(lists.keySet());
        }
    }

    /**
     * One switch's firewall, or as much of it as compiles: its ports that fail are quarantined. A switch compiled
     * whole keeps its parts for the next compile; one with failures keeps none.
     */
    private record SwitchOutcome(String switchId, Map<String, FlowRecord> flows, Map<Long, String> portByCookie,
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
            return new SwitchOutcome(switchId, whole.flows(), whole.portByCookie(), whole.problems(), Map.of(),
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
            final var portByCookie = new HashMap<Long, String>();
            final var problems = new TreeSet<String>();
            if (rest != null) {
                flows.putAll(rest.flows());
                portByCookie.putAll(rest.portByCookie());
                problems.addAll(rest.problems());
            }
            for (GovernedPort port : ports) {
                if (errors.containsKey(port.id())) {
                    SwitchCompiler.quarantine(port).forEach(flow -> flows.put(flow.id(), flow));
                    portByCookie.put(SwitchCompiler.dropCookie(port.id()), port.id());
                }
            }
            return new SwitchOutcome(switchId, flows, portByCookie, problems, errors, SwitchCompiler.Parts.NONE,
                ports.size());
        }
    }

    /** The groups a port is in: ports in the same groups share one rule list. */
    private record GroupSet(String tenantId, List<String> names) {
    }

    /**
     * The union of a group set's rules, each once, with the label its counters go by. A set whose groups all kept
     * their lists since the last round keeps its list too.
     */
    private List<LabelledRule> rulesOf(final FirewallIntent firewall, final GroupSet groupSet,
            final Map<GroupKey, List<LabelledRule>> groupRules, final Map<GroupKey, Labelled<SecurityGroup>> now) {
        final var names = new LinkedHashSet<>(groupSet.names());
        if (names.size() == 1) {
            return labelledRules(firewall, new GroupKey(groupSet.tenantId(), names.iterator().next()), groupRules,
                now);
        }
        // Labels name the group, so the rules of distinct groups are distinct.
        final var parts = new ArrayList<List<LabelledRule>>();
        names.forEach(name -> parts.add(labelledRules(firewall, new GroupKey(groupSet.tenantId(), name),
            groupRules, now)));
        final GroupSetRules known = lastGroupSets.get(groupSet);
        if (known != null && known.sameParts(parts)) {
            groupSetsNow.put(groupSet, known);
            return known.rules();
        }
        final var rules = new ArrayList<LabelledRule>();
        parts.forEach(rules::addAll);
        final var union = new GroupSetRules(List.copyOf(parts), List.copyOf(rules));
        groupSetsNow.put(groupSet, union);
        return union.rules();
    }

    private List<LabelledRule> labelledRules(final FirewallIntent firewall, final GroupKey key,
            final Map<GroupKey, List<LabelledRule>> groupRules, final Map<GroupKey, Labelled<SecurityGroup>> now) {
        return groupRules.computeIfAbsent(key, unused -> {
            final SecurityGroup group = firewall.group(key.tenantId(), key.name());
            if (group == null) {
                return List.of();
            }
            final Labelled<SecurityGroup> known = lastGroups.get(key);
            if (known != null && known.source().equals(group)) {
                now.put(key, known);
                return known.rules();
            }
            final var labelled = new LinkedHashMap<String, LabelledRule>();
            for (SecurityRule rule : group.rules()) {
                final String label = key.tenantId() + "/" + key.name() + "/" + rule.id();
                labelled.putIfAbsent(label, LabelledRule.of(label, rule.match(), PolicyRule.ALLOW, 0));
            }
            final var fresh = new Labelled<>(group, List.copyOf(labelled.values()));
            now.put(key, fresh);
            return fresh.rules();
        });
    }

    /** Rules labelled from their source (a group, a tenant's policy), kept while the source stays equal. */
    private record Labelled<S>(S source, List<LabelledRule> rules) {
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
    record GovernedPort(Port port, Network network, long ofPort, List<LabelledRule> groupRules) {
        String id() {
            return port.id();
        }

        String tenantId() {
            return port.tenantId();
        }
    }

    /** Who is in which security group: the remote addresses of remote-group rules, per network. */
    record Membership(Map<GroupKey, Map<String, List<String>>> prefixesByGroupAndNetwork,
            Map<String, Map<GroupKey, List<String>>> byNetwork) {
        static Membership of(final FirewallIntent firewall, final Intent intent) {
            final var prefixes = new HashMap<GroupKey, Map<String, List<String>>>();
            for (Port port : intent.ports().values()) {
                if (port.tenantId() == null || port.networkId() == null) {
                    continue;
                }
                final var addresses = new ArrayList<String>();
                port.ipAddresses().forEach(ip -> addresses.add(ip + (ip.contains(":") ? "/128" : "/32")));
                port.allowedAddressPairs().forEach(pair -> addresses.add(pair.ipPrefix().contains("/")
                    ? pair.ipPrefix() : pair.ipPrefix() + (pair.ipPrefix().contains(":") ? "/128" : "/32")));
                for (String name : firewall.groupsOf(port.id())) {
                    prefixes.computeIfAbsent(new GroupKey(port.tenantId(), name), key -> new TreeMap<>())
                        .computeIfAbsent(port.networkId(), key -> new ArrayList<>()).addAll(addresses);
                }
            }
            final var byNetwork = new HashMap<String, Map<GroupKey, List<String>>>();
            prefixes.forEach((group, networks) -> networks.forEach((networkId, members) -> byNetwork
                .computeIfAbsent(networkId, key -> new HashMap<>()).put(group, members)));
            return new Membership(prefixes, byNetwork);
        }

        /** Every group's member prefixes within one network. */
        Map<GroupKey, List<String>> inNetwork(final String networkId) {
            return byNetwork.getOrDefault(networkId, Map.of());
        }

        /** The member prefixes of a group within one network. */
        List<String> prefixes(final GroupKey group, final String networkId) {
            return prefixesByGroupAndNetwork.getOrDefault(group, Map.of()).getOrDefault(networkId, List.of());
        }
    }
}
