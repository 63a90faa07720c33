/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.firewall.compiler.FirewallFixtures.firewall;
import static org.edgeplane.firewall.compiler.FirewallFixtures.ingress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.RuleMatch;
import org.junit.Test;

/**
 * A group whose members may reach each other (remote group = itself) costs flows linear in its size: one tag
 * flow per member address and one rule flow per member port, never one per pair.
 */
public class RemoteGroupGrowthTest {
    /** Firewall flows on the one switch that holds every member of a self-referencing group of n ports. */
    static int flowsForSelfReferencingGroup(final int members, final SwitchProfile profile) {
        final var builder = IntentFixtures.builder().tenant("t").vlanNetwork("net", "t", 100)
            .switchConfig(new SwitchConfig("openflow:1", List.of("1000")).withProfile(profile));
        final var fixtures = firewall().group("t", "cluster",
            rule("peers", ingress("tcp").withPorts(7000, 7001).withRemoteGroup("cluster")),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)));
        for (int i = 1; i <= members; i++) {
            builder.port("p" + i, "t", "net", "openflow:1", Integer.toString(i), String.format(
                "02:00:00:00:%02x:%02x", i / 256, i % 256), String.format("10.0.%d.%d", i / 250, i % 250 + 1));
            fixtures.ports("cluster", "p" + i);
        }
        final Intent intent = builder.build();
        final FirewallIntent fw = fixtures.build();
        return FirewallCompiler.compile(fw, intent, FirewallFixtures.factsOf(intent))
            .flowsOf("openflow:1").size();
    }

    /**
     * The group of M members that admits everything from its own members plus TCP 22 and 80 from anywhere,
     * its members spread over {@code switches} switches, compiled for the profile: every switch's flows.
     */
    static Map<String, Collection<FlowRecord>> openToItsMembers(final int members, final int switches,
            final SwitchProfile profile) {
        final var builder = IntentFixtures.builder().tenant("t").vlanNetwork("net", "t", 100);
        for (int s = 1; s <= switches; s++) {
            builder.switchConfig(new SwitchConfig("openflow:" + s, List.of("1000")).withProfile(profile));
        }
        final var fixtures = firewall().group("t", "self",
            rule("members", RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withRemoteGroup("self")),
            rule("ssh", ingress("tcp").withPorts(22, 22).withRemotePrefix("0.0.0.0/0")),
            rule("http", ingress("tcp").withPorts(80, 80).withRemotePrefix("0.0.0.0/0")),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)));
        for (int i = 1; i <= members; i++) {
            builder.port("p" + i, "t", "net", "openflow:" + (1 + i % switches), Integer.toString(i), String.format(
                "02:00:00:00:%02x:%02x", i / 256, i % 256), String.format("10.0.%d.%d", i / 250, i % 250 + 1));
            fixtures.ports("self", "p" + i);
        }
        final Intent intent = builder.build();
        final var compiled = FirewallCompiler.compile(fixtures.build(), intent, FirewallFixtures.factsOf(intent));
        final var bySwitch = new TreeMap<String, Collection<FlowRecord>>();
        for (int s = 1; s <= switches; s++) {
            bySwitch.put("openflow:" + s, compiled.flowsOf("openflow:" + s).values());
        }
        return bySwitch;
    }

    /**
     * What admitting a group's own members costs a switch, where OVN spends 4M+2 flows (a conjunction over source
     * addresses and destination ports): a tag flow per member address in the remote table and one flow per member
     * port for the rule, with standard OpenFlow 1.3 metadata on both profiles. Everything a port costs beyond that
     * (conntrack entry, the drop stage) is the same with or without groups and is counted apart.
     */
    @Test
    public void admittingItsOwnMembersCostsAtMostFourFlowsPerMemberOnEitherProfile() {
        final int members = 200;
        for (SwitchProfile profile : SwitchProfile.values()) {
            for (int switches : new int[] {1, 2}) {
                final var bySwitch = openToItsMembers(members, switches, profile);
                bySwitch.forEach((switchId, flows) -> {
                    final long tags = flows.stream().filter(flow -> flow.priority() > 0
                        && flow.table() == Table.FIREWALL_TO_REMOTE).count();
                    final long ruleFlows = flows.stream().filter(flow -> flow.table() == Table.FIREWALL_TO_GROUPS
                        && flow.id().contains("members")).count();
                    final String where = profile + ", " + switches + " switches, " + switchId + ": " + tags
                        + " tags, " + ruleFlows + " rule flows";
                    // Every member address is tagged on every switch; the rule is one flow per local member.
                    assertEquals(where, members, tags);
                    assertEquals(where, members / switches, ruleFlows);
                    assertTrue(where, tags + ruleFlows <= 4 * members + 2);
                });
            }
        }
    }

    @Test
    public void selfReferencingGroupGrowsLinearly() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final int f50 = flowsForSelfReferencingGroup(50, profile);
            final int f100 = flowsForSelfReferencingGroup(100, profile);
            final int f200 = flowsForSelfReferencingGroup(200, profile);
            // Linear: doubling the group adds the same number of flows each time (a constant per member).
            assertEquals(profile + ": " + f50 + ", " + f100 + ", " + f200, f200 - f100, 2 * (f100 - f50));
            assertTrue(profile + ": " + f200 + " flows for 200 members", f200 < 200 * 20);
        }
    }

    /**
     * A switch that hosts more tenants than metadata has tag bits still tags every tenant's groups (the bits are per
     * network), so each port's remote-group rule stays one flow however many members the group has.
     */
    @Test
    public void everyTenantOfACrowdedSwitchTagsItsGroups() {
        final int tenants = Metadata.REMOTE_GROUP_BITS * 2;
        final int membersPerTenant = 8;
        final var builder = IntentFixtures.builder().switchConfig(new SwitchConfig("openflow:1", List.of("1000")));
        final var fixtures = firewall();
        int ofPort = 0;
        for (int t = 0; t < tenants; t++) {
            builder.tenant("t" + t).vlanNetwork("net" + t, "t" + t, 100 + t);
            fixtures.group("t" + t, "cluster", rule("peers", ingress("tcp").withPorts(7000, 7000)
                .withRemoteGroup("cluster")));
            for (int m = 1; m <= membersPerTenant; m++) {
                ofPort++;
                builder.port("p" + ofPort, "t" + t, "net" + t, "openflow:1", Integer.toString(ofPort),
                    String.format("02:00:00:00:00:%02x", ofPort), "10.0.0." + m);
                fixtures.ports("cluster", "p" + ofPort);
            }
        }
        final Intent intent = builder.build();
        final var flows = FirewallCompiler.compile(fixtures.build(), intent, FirewallFixtures.factsOf(intent))
            .flowsOf("openflow:1").values();
        for (int port = 1; port <= ofPort; port++) {
            final String prefix = "firewall:to:groups:port=p" + port + ":rule=";
            assertEquals("p" + port, 1, flows.stream().filter(flow -> flow.id().startsWith(prefix)).count());
        }
        assertEquals(tenants * membersPerTenant, flows.stream().filter(flow -> flow.table()
            == Table.FIREWALL_TO_REMOTE && flow.priority() > 0).count());
    }
}
