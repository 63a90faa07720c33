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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityRule;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;

/** Firewall intent for tests, and the isolation + firewall flows it compiles to. */
final class FirewallFixtures {
    private final List<SecurityGroup> groups = new ArrayList<>();
    private final List<PolicyRule> policy = new ArrayList<>();
    private final Map<String, List<String>> portGroups = new HashMap<>();

    static FirewallFixtures firewall() {
        return new FirewallFixtures();
    }

    FirewallFixtures group(final String tenant, final String name, final SecurityRule... rules) {
        groups.add(new SecurityGroup(tenant, name, List.of(rules)));
        return this;
    }

    FirewallFixtures policy(final String tenant, final int priority, final String action, final RuleMatch match) {
        policy.add(new PolicyRule(tenant, priority, match, action));
        return this;
    }

    FirewallFixtures ports(final String group, final String... portIds) {
        for (String port : portIds) {
            portGroups.computeIfAbsent(port, key -> new ArrayList<>()).add(group);
        }
        return this;
    }

    FirewallIntent build() {
        return FirewallIntent.of(groups, policy, portGroups);
    }

    static SecurityRule rule(final String id, final RuleMatch match) {
        return new SecurityRule(id, match);
    }

    static RuleMatch ingress(final String protocol) {
        return RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withProtocol(protocol);
    }

    static RuleMatch egress(final String protocol) {
        return RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4).withProtocol(protocol);
    }

    /** The intent with one switch set to a profile. */
    static Intent withProfile(final Intent intent, final String switchId, final SwitchProfile profile) {
        final var switches = new TreeMap<>(intent.switches());
        final SwitchConfig config = switches.getOrDefault(switchId, new SwitchConfig(switchId, List.of()));
        switches.put(switchId, config.withProfile(profile));
        return new Intent(intent.tenants(), intent.networks(), intent.ports(), switches);
    }

    /** What tenant isolation resolves for this intent on switches that report no ports. */
    static EdgeFacts factsOf(final Intent intent) {
        return IsolationCompiler.compile(intent, Map.of()).edgeFacts();
    }

    /** Isolation's and the firewall's flows of every switch, together. */
    static Map<String, List<FlowRecord>> allFlows(final Intent intent, final FirewallIntent firewall) {
        final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
        final FirewallFlows flows = FirewallCompiler.compile(firewall, intent, compiled.edgeFacts());
        final var all = new TreeMap<String, List<FlowRecord>>();
        compiled.flowsBySwitch().forEach((switchId, switchFlows) -> all.put(switchId,
            new ArrayList<>(switchFlows.values())));
        flows.flowsBySwitch().forEach((switchId, switchFlows) -> all.computeIfAbsent(switchId,
            key -> new ArrayList<>()).addAll(switchFlows.values()));
        return all;
    }

    /** The two-tenant topology's hosts on a model holding these flows. */
    static FlowTableModel twoTenantModel(final Map<String, ? extends Collection<FlowRecord>> flows) {
        return new FlowTableModel(flows).uplink("openflow:1", 10).uplink("openflow:2", 10)
            .host("r1", "openflow:1", 1).host("r2", "openflow:2", 1).host("r3", "openflow:1", 3)
            .host("r4", "openflow:1", 2).host("b1", "openflow:1", 4).host("b2", "openflow:2", 2);
    }

    private FirewallFixtures() {
    }
}
