/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.edgeplane.firewall.compiler.FirewallFixtures.allFlows;
import static org.edgeplane.firewall.compiler.FirewallFixtures.firewall;
import static org.edgeplane.firewall.compiler.FirewallFixtures.ingress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.edgeplane.firewall.compiler.FirewallFixtures.twoTenantModel;
import static org.edgeplane.firewall.compiler.FirewallFixtures.withProfile;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.junit.Test;

/**
 * Where packets go with the firewall on, in the in-memory table model with connection tracking: r1 (s1, 10.0.0.1),
 * r2 (s2, 10.0.0.2) and r3 (s1, 10.0.0.3) share red-web; b1/b2 are blue with overlapping addresses.
 */
public class FirewallPacketFateTest {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final Intent TOPOLOGY = withProfile(withProfile(IntentFixtures.twoTenants(), "openflow:1",
        SwitchProfile.OVS), "openflow:2", SwitchProfile.OVS);

    /** r2 serves TCP 80 to anyone; everyone else keeps the default group. */
    private static final FirewallIntent WEB = firewall()
        .group("red", "web", rule("http", ingress("tcp").withPorts(80, null)),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
        .ports("web", "r2").build();

    private static Frame tcp(final String from, final String to, final int srcPort, final int dstPort) {
        return Frame.transport(TCP, macOf(from), macOf(to), ipOf(from), ipOf(to), srcPort, dstPort);
    }

    private static Frame udp(final String from, final String to, final int srcPort, final int dstPort) {
        return Frame.transport(UDP, macOf(from), macOf(to), ipOf(from), ipOf(to), srcPort, dstPort);
    }

    private static String macOf(final String host) {
        return switch (host) {
            case "r1" -> mac(0x11);
            case "r2" -> mac(0x12);
            case "r3" -> mac(0x13);
            case "b1" -> mac(0x21);
            default -> mac(0x22);
        };
    }

    private static String ipOf(final String host) {
        return switch (host) {
            case "r1", "b1" -> "10.0.0.1";
            case "r2", "b2" -> "10.0.0.2";
            default -> "10.0.0.3";
        };
    }

    private static FlowTableModel model(final Intent intent, final FirewallIntent firewall) {
        return twoTenantModel(allFlows(intent, firewall));
    }

    private static void assertDelivered(final FlowTableModel model, final String from, final String to,
            final Frame frame) {
        assertEquals(frame + " from " + from, Set.of(to), model.receivers(from, frame));
    }

    private static void assertDropped(final FlowTableModel model, final String from, final Frame frame) {
        assertEquals(frame + " from " + from, Set.of(), model.receivers(from, frame));
    }

    @Test
    public void defaultGroupAllowsMembersAndRepliesButNotStrangers() {
        final var model = model(TOPOLOGY, FirewallIntent.EMPTY);
        assertDelivered(model, "r1", "r3", tcp("r1", "r3", 40000, 22));
        assertDelivered(model, "r3", "r1", tcp("r3", "r1", 22, 40000));
        assertDelivered(model, "r1", "r2", udp("r1", "r2", 5000, 53));
    }

    @Test
    public void allowedConnectionAndItsRepliesPassTheReverseIsJudged() {
        final var model = model(TOPOLOGY, WEB);
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000, 80));
        assertDelivered(model, "r2", "r1", tcp("r2", "r1", 80, 40000));
        assertDropped(model, "r1", tcp("r1", "r2", 40001, 22));
        // r1's default group takes ingress only from default members; r2 is in web only.
        assertDropped(model, "r2", tcp("r2", "r1", 40002, 22));
        assertDropped(model, "r2", udp("r2", "r1", 40002, 53));
    }

    @Test
    public void icmpEchoAndRelatedErrorsOfAnAllowedFlow() {
        final var firewall = firewall().group("red", "ping", rule("echo", ingress("icmp").withIcmp(8, null)),
            rule("dns", ingress("udp").withPorts(53, null)), rule("out", RuleMatch.any(RuleMatch.EGRESS,
                RuleMatch.IPV4))).ports("ping", "r2").build();
        final var model = model(TOPOLOGY, firewall);
        final Frame echo = Frame.icmp(mac(0x11), mac(0x12), "10.0.0.1", "10.0.0.2", 8, 0);
        assertDelivered(model, "r1", "r2", echo);
        assertDelivered(model, "r2", "r1", echo.reversed());
        assertDropped(model, "r1", Frame.icmp(mac(0x11), mac(0x12), "10.0.0.1", "10.0.0.2", 13, 0));
        assertDelivered(model, "r1", "r2", udp("r1", "r2", 5353, 53));
        // port unreachable from r2 about that datagram is related, so it reaches r1
        assertDelivered(model, "r2", "r1", Frame.icmp(mac(0x12), mac(0x11), "10.0.0.2", "10.0.0.1", 3, 3));
    }

    @Test
    public void policyDenyBeatsGroupAllowAllowAndPassWork() {
        final var firewall = firewall()
            .group("red", "web", rule("http", ingress("tcp").withPorts(80, 81)),
                rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
            .ports("web", "r2")
            .policy("red", 5, PolicyRule.PASS, ingress("tcp").withPorts(80, null))
            .policy("red", 10, PolicyRule.DENY, ingress("tcp"))
            .policy("red", 20, PolicyRule.ALLOW, ingress("udp").withPorts(5000, 5999)
                .withRemotePrefix("10.0.0.0/24"))
            .build();
        final var model = model(TOPOLOGY, firewall);
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000, 80));
        assertDropped(model, "r1", tcp("r1", "r2", 40001, 81));
        assertDelivered(model, "r1", "r2", udp("r1", "r2", 40000, 5500));
        assertDropped(model, "r1", udp("r1", "r2", 40000, 6000));
    }

    @Test
    public void removingTheRuleCutsTheConnectionAnUnrelatedChangeDoesNot() {
        final var model = model(TOPOLOGY, WEB);
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000, 80));
        assertDelivered(model, "r2", "r1", tcp("r2", "r1", 80, 40000));
        final var withUnrelated = firewall()
            .group("red", "web", rule("http", ingress("tcp").withPorts(80, null)),
                rule("ssh", ingress("tcp").withPorts(22, null)),
                rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
            .ports("web", "r2").build();
        model.reprogram(allFlows(TOPOLOGY, withUnrelated));
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000, 80));
        assertDelivered(model, "r2", "r1", tcp("r2", "r1", 80, 40000));
        final var withoutHttp = firewall()
            .group("red", "web", rule("ssh", ingress("tcp").withPorts(22, null)),
                rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
            .ports("web", "r2").build();
        model.reprogram(allFlows(TOPOLOGY, withoutHttp));
        assertDropped(model, "r1", tcp("r1", "r2", 40000, 80));
        assertDropped(model, "r2", tcp("r2", "r1", 80, 40000));
    }

    @Test
    public void remoteGroupFollowsMembership() {
        final FirewallFixtures base = firewall()
            .group("red", "db", rule("pg", ingress("tcp").withPorts(5432, null).withRemoteGroup("app")),
                rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
            .group("red", "app", rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
            .ports("db", "r1").ports("app", "r3");
        final var model = model(TOPOLOGY, base.build());
        assertDelivered(model, "r3", "r1", tcp("r3", "r1", 40000, 5432));
        assertDropped(model, "r2", tcp("r2", "r1", 40000, 5432));
        model.reprogram(allFlows(TOPOLOGY, base.ports("app", "r2").build()));
        assertDelivered(model, "r2", "r1", tcp("r2", "r1", 40001, 5432));
    }

    @Test
    public void portRangesMatchExactlyTheirPorts() {
        final var firewall = firewall().group("red", "range", rule("r", ingress("tcp").withPorts(8000, 8040)),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4))).ports("range", "r2").build();
        for (SwitchProfile profile : SwitchProfile.values()) {
            final var model = model(withProfile(TOPOLOGY, "openflow:2", profile), firewall);
            for (int port : new int[] {8000, 8001, 8031, 8032, 8039, 8040}) {
                assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000 + port, port));
            }
            for (int port : new int[] {7999, 8041, 80}) {
                assertDropped(model, "r1", tcp("r1", "r2", 40000 + port, port));
            }
        }
    }

    @Test
    public void aRangeTooWideForOf13IsNotInstalledThereAndSaysWhy() {
        final var firewall = firewall().group("red", "range", rule("wide", ingress("tcp").withPorts(1000, 2000)),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4))).ports("range", "r2").build();
        final Intent intent = withProfile(TOPOLOGY, "openflow:2", SwitchProfile.OF13);
        final var compiled = FirewallCompiler.compile(firewall, intent,
            org.edgeplane.isolation.compiler.IsolationCompiler.compile(intent, java.util.Map.of()).edgeFacts());
        assertEquals(1, compiled.problems().size());
        assertTrue(compiled.problems().get(0), compiled.problems().get(0).startsWith("red/range/wide on openflow:2"));
        assertDropped(model(intent, firewall), "r1", tcp("r1", "r2", 40000, 1500));
        assertDelivered(model(TOPOLOGY, firewall), "r1", "r2", tcp("r1", "r2", 40000, 1500));
    }

    @Test
    public void evenAllowAnythingNeverCrossesTenantsOrNetworks() {
        final RuleMatch everything = RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withRemotePrefix("0.0.0.0/0");
        final var firewall = firewall()
            .group("red", "open", rule("in", everything), rule("out", RuleMatch.any(RuleMatch.EGRESS,
                RuleMatch.IPV4).withRemotePrefix("0.0.0.0/0")))
            .group("blue", "open", rule("in", everything), rule("out", RuleMatch.any(RuleMatch.EGRESS,
                RuleMatch.IPV4)))
            .policy("red", 1, PolicyRule.ALLOW, RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4))
            .ports("open", "r1", "r2", "r3", "r4").build();
        final var model = model(TOPOLOGY, firewall);
        assertDelivered(model, "b1", "b2", Frame.transport(TCP, mac(0x21), mac(0x22), "10.0.0.1", "10.0.0.2", 1,
            80));
        assertDropped(model, "b1", Frame.transport(TCP, mac(0x21), mac(0x12), "10.0.0.1", "10.0.0.2", 1, 80));
        assertDropped(model, "r1", Frame.transport(TCP, mac(0x11), mac(0x14), "10.0.0.1", "10.0.1.4", 1, 80));
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 1, 80));
    }

    @Test
    public void of13IsStatelessReturnTrafficByMirrorNewReverseConnectionsDropped() {
        final Intent intent = withProfile(TOPOLOGY, "openflow:2", SwitchProfile.OF13);
        final var model = model(intent, WEB);
        assertDelivered(model, "r1", "r2", tcp("r1", "r2", 40000, 80));
        assertDelivered(model, "r2", "r1", tcp("r2", "r1", 80, 40000));
        assertDropped(model, "r2", tcp("r2", "r1", 40000, 22));
        assertDropped(model, "r1", tcp("r1", "r2", 40000, 22));
    }

    @Test
    public void of13SwitchGetsOnlyStandardOpenflow() {
        final Intent intent = withProfile(TOPOLOGY, "openflow:2", SwitchProfile.OF13);
        final var flows = FirewallCompiler.compile(WEB, intent, org.edgeplane.isolation.compiler.IsolationCompiler
            .compile(intent, java.util.Map.of()).edgeFacts()).flowsOf("openflow:2").values();
        assertTrue(!flows.isEmpty());
        flows.forEach(flow -> {
            assertTrue(flow.toString(), flow.match().isStandardOpenflow13());
            flow.instructions().forEach(instruction -> {
                if (instruction instanceof org.edgeplane.core.flow.Instruction.ApplyActions apply) {
                    apply.actions().forEach(action -> assertTrue(flow + " " + action, action.isStandardOpenflow13()));
                }
            });
        });
    }
}
