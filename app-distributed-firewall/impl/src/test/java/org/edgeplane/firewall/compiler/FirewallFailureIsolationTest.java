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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * A port whose firewall compile throws is quarantined alone: its switch's other ports and the other switches get
 * exactly their flows, traffic between them passes, and nothing reaches or leaves the broken port unjudged. When a
 * switch's shared flows throw, that switch's governed ports are quarantined and the other switches are untouched.
 */
public class FirewallFailureIsolationTest {
    private static final Intent TOPOLOGY = withProfile(withProfile(IntentFixtures.twoTenants(), "openflow:1",
        SwitchProfile.OVS), "openflow:2", SwitchProfile.OVS);
    private static final CompiledIntent ISOLATION = IsolationCompiler.compile(TOPOLOGY, Map.of());
    /** r1, r2 and r3 (red-web; r1 and r3 on openflow:1, r2 on openflow:2) accept TCP 80 and send anything. */
    private static final FirewallIntent WEB = firewall()
        .group("red", "web", rule("http", ingress("tcp").withPorts(80, null)),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
        .ports("web", "r1", "r2", "r3")
        .build();

    private static FirewallFlows compile(final FirewallFault faults) {
        return FirewallCompiler.compile(WEB, TOPOLOGY, ISOLATION.edgeFacts(), faults);
    }

    private static FlowTableModel model(final FirewallFlows firewallFlows) {
        final var all = new TreeMap<String, List<FlowRecord>>();
        ISOLATION.flowsBySwitch().forEach((switchId, flows) -> all.put(switchId, new ArrayList<>(flows.values())));
        firewallFlows.flowsBySwitch().forEach((switchId, flows) -> all.computeIfAbsent(switchId,
            key -> new ArrayList<>()).addAll(flows.values()));
        return twoTenantModel(all);
    }

    private static int delivered(final FlowTableModel model, final String from, final int fromOctet,
            final String fromIp, final int toOctet, final String toIp) {
        return model.receivers(from, Frame.transport(6, mac(fromOctet), mac(toOctet), fromIp, toIp, 40000, 80))
            .size();
    }

    @Test
    public void aPortThatFailsIsQuarantinedAndEveryOtherPortKeepsItsFlows() {
        final FirewallFlows healthy = compile(FirewallFault.NONE);
        final FirewallFlows broken = compile((switchId, ports) -> {
            if (ports.contains("r3")) {
                throw new IllegalStateException("injected fault");
            }
        });
        assertEquals(Map.of("r3", FirewallCompiler.COMPILE_FAILED + "injected fault; all its traffic is dropped "
            + "until it compiles"), broken.portErrors());
        assertEquals(healthy.flowsOf("openflow:2"), broken.flowsOf("openflow:2"));
        // On r3's switch every flow but r3's own is as it was, and r3 has only its two quarantine flows.
        final var kept = new TreeMap<>(healthy.flowsOf("openflow:1"));
        kept.keySet().removeIf(id -> id.contains("port=r3"));
        final var brokenFlows = new TreeMap<>(broken.flowsOf("openflow:1"));
        final var quarantine = new TreeMap<String, FlowRecord>();
        brokenFlows.entrySet().removeIf(entry -> entry.getKey().contains("quarantine:port=r3")
            && quarantine.put(entry.getKey(), entry.getValue()) == null);
        assertEquals(kept.keySet(), brokenFlows.keySet());
        assertEquals(2, quarantine.size());
        quarantine.values().forEach(flow -> assertEquals(flow.toString(), List.of(), flow.instructions()));

        final FlowTableModel model = model(broken);
        assertEquals("r1 to r2", 1, delivered(model, "r1", 0x11, "10.0.0.1", 0x12, "10.0.0.2"));
        assertEquals("r2 to r1", 1, delivered(model, "r2", 0x12, "10.0.0.2", 0x11, "10.0.0.1"));
        assertEquals("r1 to r3", 0, delivered(model, "r1", 0x11, "10.0.0.1", 0x13, "10.0.0.3"));
        assertEquals("r3 to r1", 0, delivered(model, "r3", 0x13, "10.0.0.3", 0x11, "10.0.0.1"));
        assertEquals("r3 to r2", 0, delivered(model, "r3", 0x13, "10.0.0.3", 0x12, "10.0.0.2"));
        final FirewallCounters counters = FirewallCounters.of(broken, model.countersByCookie());
        assertTrue(counters.droppedByPort().toString(), counters.droppedByPort().get("r3").packets() >= 2);
        assertEquals(broken.portErrors(), counters.errorsByPort());
    }

    @Test
    public void aSwitchWhoseSharedFlowsFailQuarantinesItsGovernedPortsOnly() {
        final FirewallFlows healthy = compile(FirewallFault.NONE);
        final FirewallFlows broken = compile((switchId, ports) -> {
            if ("openflow:1".equals(switchId)) {
                throw new IllegalStateException("injected fault");
            }
        });
        assertEquals(healthy.flowsOf("openflow:2"), broken.flowsOf("openflow:2"));
        final var governedOnSwitch1 = List.of("b1", "r1", "r3", "r4");
        assertEquals(governedOnSwitch1, List.copyOf(new TreeMap<>(broken.portErrors()).keySet()));
        broken.portErrors().values().forEach(error -> assertEquals(FirewallCompiler.COMPILE_FAILED
            + "switch openflow:1: injected fault; all its traffic is dropped until it compiles", error));
        assertEquals(2 * governedOnSwitch1.size(), broken.flowsOf("openflow:1").size());
        final FlowTableModel model = model(broken);
        assertEquals("r1 to r2", 0, delivered(model, "r1", 0x11, "10.0.0.1", 0x12, "10.0.0.2"));
        assertEquals("r2 to r1", 0, delivered(model, "r2", 0x12, "10.0.0.2", 0x11, "10.0.0.1"));
    }
}
