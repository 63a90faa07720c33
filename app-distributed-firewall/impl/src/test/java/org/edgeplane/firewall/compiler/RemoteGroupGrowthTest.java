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

import java.util.List;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
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
