/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;
import org.edgeplane.firewall.intent.SecurityRule;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.PortOutcome;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.intent.Intent;
import org.edgeplane.isolation.intent.Network;
import org.edgeplane.isolation.intent.Port;
import org.edgeplane.isolation.intent.SwitchProfile;
import org.edgeplane.isolation.pipeline.Cookies;
import org.edgeplane.isolation.pipeline.Cookies.ObjectKind;
import org.edgeplane.isolation.pipeline.Owner;

/**
 * Compiles security groups and tenant policies into the firewall tables of every switch. Pure: no ODL, no clock,
 * no state; the same intent gives the same flows.
 *
 * <p>Each switch gets flows only for its own ports with port security on (the "governed" ports): the firewall
 * binds to the port, not to addresses, so a host cannot step around it by changing its address (anti-spoofing
 * has already pinned those) and capacity grows with the switches.
 */
public final class FirewallCompiler {
    private FirewallCompiler() {
    }

    public static FirewallFlows compile(final FirewallIntent firewall, final Intent intent,
            final CompiledIntent compiled) {
        final var members = Membership.of(firewall, intent);
        final Map<String, Integer> zones = ConntrackZones.assign(intent.networks().values());
        final var governedBySwitch = new TreeMap<String, List<GovernedPort>>();
        for (PortOutcome outcome : compiled.ports().values()) {
            final Port port = intent.ports().get(outcome.portId());
            if (outcome.error().isPresent() || outcome.ofPort() <= 0 || port == null || !port.portSecurityEnabled()
                    || port.networkId() == null) {
                continue;
            }
            final Network network = intent.networks().get(port.networkId());
            if (network == null) {
                continue;
            }
            governedBySwitch.computeIfAbsent(outcome.switchId(), key -> new ArrayList<>())
                .add(new GovernedPort(port, network, outcome.ofPort(), rulesOf(firewall, port)));
        }
        final var flowsBySwitch = new TreeMap<String, Map<String, FlowRecord>>();
        final var ruleByCookie = new HashMap<Long, String>();
        final var portByCookie = new HashMap<Long, String>();
        final var problems = new TreeSet<String>();
        // Switches compile independently from shared read-only inputs, so they compile in parallel.
        final List<SwitchCompiler> switchCompilers = governedBySwitch.entrySet().parallelStream().map(entry -> {
            final SwitchProfile profile = compiled.profiles().getOrDefault(entry.getKey(), SwitchProfile.OVS);
            final var switchCompiler = new SwitchCompiler(entry.getKey(), profile, entry.getValue(), firewall,
                members, zones);
            switchCompiler.compile();
            return switchCompiler;
        }).toList();
        for (SwitchCompiler switchCompiler : switchCompilers) {
            flowsBySwitch.put(switchCompiler.switchId(), switchCompiler.flows());
            ruleByCookie.putAll(switchCompiler.ruleByCookie());
            portByCookie.putAll(switchCompiler.portByCookie());
            problems.addAll(switchCompiler.problems());
        }
        return new FirewallFlows(flowsBySwitch, ruleByCookie, portByCookie, List.copyOf(problems));
    }

    /** The union of the port's groups' rules, each once, with the label its counters go by. */
    private static List<LabelledRule> rulesOf(final FirewallIntent firewall, final Port port) {
        final var rules = new LinkedHashMap<String, LabelledRule>();
        for (String name : firewall.groupsOf(port.id())) {
            final SecurityGroup group = firewall.group(port.tenantId(), name);
            if (group == null) {
                continue;
            }
            for (SecurityRule rule : group.rules()) {
                final String label = port.tenantId() + "/" + name + "/" + rule.id();
                rules.putIfAbsent(label, new LabelledRule(label, rule.match(), PolicyRule.ALLOW, 0));
            }
        }
        return List.copyOf(rules.values());
    }

    /** A rule with its counter label; policy rules carry their action and priority, group rules allow. */
    record LabelledRule(String label, RuleMatch match, String action, int priority) {
        long cookie() {
            return Cookies.of(Owner.FIREWALL, ObjectKind.RULE, label);
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
    record Membership(Map<GroupKey, Map<String, List<String>>> prefixesByGroupAndNetwork) {
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
            return new Membership(prefixes);
        }

        /** The member prefixes of a group within one network. */
        List<String> prefixes(final GroupKey group, final String networkId) {
            return prefixesByGroupAndNetwork.getOrDefault(group, Map.of()).getOrDefault(networkId, List.of());
        }
    }
}
