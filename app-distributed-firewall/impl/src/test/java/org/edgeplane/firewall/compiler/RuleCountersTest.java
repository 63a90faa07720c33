/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.edgeplane.firewall.compiler.FirewallFixtures.firewall;
import static org.edgeplane.firewall.compiler.FirewallFixtures.ingress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.edgeplane.firewall.compiler.FirewallFixtures.twoTenantModel;
import static org.edgeplane.firewall.compiler.FirewallFixtures.withProfile;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.junit.Test;

/**
 * Counters come from the flow statistics of the flows each rule produced: traffic through the table model, whose
 * per-cookie hit counts stand in for the switches' statistics, lands on the rule that allowed it and on the port
 * whose traffic was dropped.
 */
public class RuleCountersTest {
    private static final Intent TOPOLOGY = withProfile(withProfile(IntentFixtures.twoTenants(), "openflow:1",
        SwitchProfile.OVS), "openflow:2", SwitchProfile.OVS);
    private static final FirewallIntent WEB = firewall()
        .group("red", "web", rule("http", ingress("tcp").withPorts(80, null)),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
        .ports("web", "r2")
        .policy("red", 10, PolicyRule.DENY, ingress("tcp").withPorts(25, null))
        .build();

    private static Frame tcp(final int srcPort, final int dstPort, final boolean reply) {
        final Frame frame = Frame.transport(6, mac(0x11), mac(0x12), "10.0.0.1", "10.0.0.2", srcPort, dstPort);
        return reply ? frame.reversed() : frame;
    }

    @Test
    public void allowedTrafficCountsOnItsRuleAndDropsOnTheirPort() {
        final var flows = FirewallCompiler.compile(WEB, TOPOLOGY, FirewallFixtures.factsOf(TOPOLOGY));
        final FlowTableModel model = twoTenantModel(FirewallFixtures.allFlows(TOPOLOGY, WEB));
        assertEquals(FirewallCounters.of(flows, Map.of()).rules().get("red/web/http"), FlowCounter.ZERO);

        for (int i = 0; i < 3; i++) {
            assertEquals(1, model.receivers("r1", tcp(40000, 80, false)).size());
            assertEquals(1, model.receivers("r2", tcp(40000, 80, true)).size());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(0, model.receivers("r1", tcp(40001, 22, false)).size());
        }
        assertEquals(0, model.receivers("r1", tcp(40002, 25, false)).size());

        final FirewallCounters counters = FirewallCounters.of(flows, model.countersByCookie());
        // Every packet of the original direction is judged again (so a removed rule cuts it): three hits; the
        // replies pass on their connection's state and count on no rule.
        assertEquals(counters.rules().toString(), new FlowCounter(3, 3 * FlowTableModel.FRAME_BYTES),
            counters.rules().get("red/web/http"));
        assertEquals(new FlowCounter(1, FlowTableModel.FRAME_BYTES), counters.rules().get("red/policy/10"));
        assertEquals(FlowCounter.ZERO, counters.rules().get("blue/default/ingress-ipv4"));
        // Dropped at r2's ingress: the first frame to port 22 (no rule; its connection is then marked blocked) and
        // the one the policy denied. The second frame to port 22 belongs to a blocked connection, so it is dropped
        // already where it enters, at r1.
        assertEquals(counters.droppedByPort().toString(), new FlowCounter(2, 2 * FlowTableModel.FRAME_BYTES),
            counters.droppedByPort().get("r2"));
        assertEquals(new FlowCounter(1, FlowTableModel.FRAME_BYTES), counters.droppedByPort().get("r1"));
        assertEquals(FlowCounter.ZERO, counters.droppedByPort().get("r3"));
        assertTrue(counters.droppedByPort().keySet().containsAll(TOPOLOGY.ports().keySet()));
    }
}
