/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.edgeplane.firewall.compiler.FirewallFixtures.withProfile;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityRule;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * Over random sequences of firewall and isolation intent changes, the firewall compiled incrementally (only the
 * switches whose inputs changed) equals a full compile of the same intent, and going A -> B -> A gives A's flows
 * back exactly. Seeded, so a failure names the seed and step that reproduce it.
 */
public class FirewallIncrementalPropertyTest {
    private static final int SEEDS = 25;
    private static final int STEPS = 40;
    private static final List<String> RED_PORTS = List.of("r1", "r2", "r3", "r4");
    private static final List<String> GROUPS = List.of("web", "db", "ops");
    private static final List<RuleMatch> MATCHES = List.of(
        RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withProtocol("tcp").withPorts(80, null),
        RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withProtocol("tcp").withPorts(1000, 1999),
        RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withRemoteGroup("web"),
        RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withRemoteGroup("db").withProtocol("udp"),
        RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4),
        RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withProtocol("icmp").withRemotePrefix("10.0.0.0/24"));

    private static Intent randomIntent(final Random random) {
        Intent intent = IntentFixtures.twoTenants();
        for (String switchId : List.of("openflow:1", "openflow:2")) {
            intent = withProfile(intent, switchId, random.nextInt(3) == 0 ? SwitchProfile.OF13 : SwitchProfile.OVS);
        }
        final var ports = new TreeMap<>(intent.ports());
        for (String portId : RED_PORTS) {
            final Port port = ports.get(portId);
            switch (random.nextInt(8)) {
                case 0 -> ports.remove(portId);
                case 3 -> ports.put(portId, new Port(portId, port.tenantId(), port.networkId(), port.switchId(),
                    port.switchPort(), port.macAddress(), port.ipAddresses(), port.isolated(),
                    port.allowedAddressPairs(), port.rateLimit(), !port.portSecurityEnabled()));
                case 4 -> ports.put(portId, new Port(portId, port.tenantId(), "red-web".equals(port.networkId())
                    ? "red-db" : "red-web", port.switchId(), port.switchPort(), port.macAddress(),
                    port.ipAddresses(), port.isolated(), port.allowedAddressPairs(), port.rateLimit(),
                    port.portSecurityEnabled()));
                case 1 -> ports.put(portId, new Port(portId, port.tenantId(), port.networkId(), port.switchId(),
                    port.switchPort(), port.macAddress(), List.of("10.0.0." + (50 + random.nextInt(5))),
                    port.isolated(), port.allowedAddressPairs(), port.rateLimit(), port.portSecurityEnabled()));
                case 2 -> ports.put(portId, new Port(portId, port.tenantId(), port.networkId(),
                    "openflow:1".equals(port.switchId()) ? "openflow:2" : "openflow:1", "2" + portId.substring(1),
                    port.macAddress(), port.ipAddresses(), port.isolated(), port.allowedAddressPairs(),
                    port.rateLimit(), port.portSecurityEnabled()));
                default -> {
                    // unchanged
                }
            }
        }
        if (random.nextInt(4) == 0) {
            ports.put("r9", new Port("r9", "red", "red-web", "openflow:2", "9", mac(0x19), List.of("10.0.0.9"),
                false, List.of(), null, random.nextBoolean()));
        }
        final var networks = new TreeMap<>(intent.networks());
        // A network's segmentation moves its conntrack zone; a network that goes leaves its ports ungoverned.
        switch (random.nextInt(5)) {
            case 0 -> networks.put("red-db", new Network("red-db", "red", SegmentationType.VLAN, 103L));
            case 1 -> networks.remove("red-db");
            case 2 -> networks.put("red-db", new Network("red-db", "red", SegmentationType.VXLAN, 5000L));
            default -> {
                // unchanged
            }
        }
        return new Intent(intent.tenants(), networks, ports, intent.switches());
    }

    /**
     * Only one port's address changes: its switch must compile again, and so must every switch whose rules name a
     * group the port is in, though nothing else there changed.
     */
    private static Intent withOneAddressMoved(final Intent intent, final Random random) {
        final String portId = RED_PORTS.get(random.nextInt(RED_PORTS.size()));
        final Port port = intent.ports().get(portId);
        if (port == null) {
            return intent;
        }
        final var ports = new TreeMap<>(intent.ports());
        ports.put(portId, new Port(portId, port.tenantId(), port.networkId(), port.switchId(), port.switchPort(),
            port.macAddress(), List.of("10.0.0." + (60 + random.nextInt(5))), port.isolated(),
            port.allowedAddressPairs(), port.rateLimit(), port.portSecurityEnabled()));
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    private static FirewallIntent randomFirewall(final Random random) {
        final var fixtures = FirewallFixtures.firewall();
        for (String group : GROUPS) {
            final var rules = new ArrayList<SecurityRule>();
            for (int i = 0; i < MATCHES.size(); i++) {
                if (random.nextInt(3) == 0) {
                    rules.add(rule("rule" + i, MATCHES.get(i)));
                }
            }
            fixtures.group("red", group, rules.toArray(SecurityRule[]::new));
        }
        for (String portId : RED_PORTS) {
            for (String group : GROUPS) {
                if (random.nextInt(3) == 0) {
                    fixtures.ports(group, portId);
                }
            }
        }
        if (random.nextBoolean()) {
            fixtures.group("blue", "web", rule("rule0", MATCHES.get(random.nextInt(MATCHES.size()))));
            fixtures.ports("web", "b" + (1 + random.nextInt(2)));
        }
        if (random.nextBoolean()) {
            fixtures.policy("red", 1 + random.nextInt(3), random.nextBoolean() ? PolicyRule.DENY : PolicyRule.ALLOW,
                MATCHES.get(random.nextInt(MATCHES.size())));
        }
        return fixtures.build();
    }

    @Test
    public void incrementalUpdateEqualsFullCompile() {
        int reused = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            final var random = new Random(seed);
            final var compiler = new FirewallCompiler();
            Intent intent = randomIntent(random);
            FirewallIntent firewall = randomFirewall(random);
            for (int step = 0; step < STEPS; step++) {
                // Mostly one side changes at a time, as it does between two rounds.
                switch (random.nextInt(5)) {
                    case 0 -> intent = randomIntent(random);
                    case 3 -> intent = withOneAddressMoved(intent, random);
                    case 1 -> firewall = randomFirewall(random);
                    case 2 -> {
                        intent = randomIntent(random);
                        firewall = randomFirewall(random);
                    }
                    default -> {
                        // nothing changed: the whole result is reused
                    }
                }
                final CompiledIntent isolation = IsolationCompiler.compile(intent, Map.of());
                final FirewallFlows incremental = compiler.update(firewall, intent, isolation.edgeFacts());
                reused += compiler.lastReused();
                assertEquals("seed " + seed + " step " + step,
                    FirewallCompiler.compile(firewall, intent, isolation.edgeFacts()), incremental);
            }
        }
        assertTrue("some switches were reused: " + reused, reused > 0);
    }

    @Test
    public void goingBackToAnIntentGivesItsFlowsBackExactly() {
        final var random = new Random(7);
        final Intent intentA = randomIntent(random);
        final FirewallIntent firewallA = randomFirewall(random);
        final Intent intentB = randomIntent(random);
        final FirewallIntent firewallB = randomFirewall(random);
        final var compiler = new FirewallCompiler();
        final FirewallFlows first = compiler.update(firewallA, intentA, FirewallFixtures.factsOf(intentA));
        compiler.update(firewallB, intentB, FirewallFixtures.factsOf(intentB));
        final FirewallFlows back = compiler.update(firewallA, intentA, FirewallFixtures.factsOf(intentA));
        assertEquals(first, back);
        final FirewallFlows again = compiler.update(firewallA, intentA, FirewallFixtures.factsOf(intentA));
        assertEquals(first, again);
        assertEquals("nothing changed, nothing compiled", 0, compiler.lastCompiled());
    }
}
