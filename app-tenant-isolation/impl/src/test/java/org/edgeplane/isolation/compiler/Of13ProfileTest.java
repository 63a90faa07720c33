/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.MatchField;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.junit.Test;

/** A switch set to of13 gets standard OpenFlow 1.3 only, and isolation still holds on it. */
public class Of13ProfileTest {
    /** The overlay topology with openflow:2 set to of13. */
    private static Intent withOf13Switch() {
        final Intent overlay = IntentFixtures.overlay();
        final var switches = new java.util.TreeMap<>(overlay.switches());
        final SwitchConfig s2 = switches.get("openflow:2");
        switches.put("openflow:2", s2.withProfile(SwitchProfile.OF13));
        return new Intent(overlay.tenants(), overlay.networks(), overlay.ports(), switches);
    }

    @Test
    public void everyFlowOfAnOf13SwitchIsStandardOpenflow13() {
        final var compiled = IsolationCompiler.compile(withOf13Switch(), Map.of());
        final var flows = compiled.flowsOf("openflow:2").values();
        assertFalse(flows.isEmpty());
        for (FlowRecord flow : flows) {
            for (Instruction instruction : flow.instructions()) {
                if (instruction instanceof Instruction.ApplyActions apply) {
                    for (Action action : apply.actions()) {
                        assertTrue(flow + " uses " + action, action.isStandardOpenflow13());
                    }
                }
            }
            // Every field the compiler can match on is an OpenFlow 1.3 OXM field; the table map says which.
            assertTrue(flow.toString(), flow.table().allowedFields().containsAll(flow.match().fields()));
            assertTrue(flow.toString(), Set.of(MatchField.values()).containsAll(flow.match().fields()));
        }
        assertEquals(SwitchProfile.OF13, compiled.profiles().get("openflow:2"));
        assertEquals(SwitchProfile.OVS, compiled.profiles().get("openflow:1"));
    }

    @Test
    public void noArpResponderOnOf13SoArpGoesByContainedBroadcast() {
        final var compiled = IsolationCompiler.compile(withOf13Switch(), Map.of());
        assertTrue(compiled.flowsOf("openflow:2").values().stream()
            .noneMatch(flow -> flow.table() == Table.ARP_RESPONDER && flow.priority() > 0));
        final var model = new FlowTableModel(compiled.flowsBySwitch().entrySet().stream().collect(
            Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().values())))
            .uplink("openflow:1", 10).uplink("openflow:2", 10).uplink("openflow:3", 10)
            .host("w1", "openflow:1", 1).host("w2", "openflow:2", 1).host("v1", "openflow:2", 4)
            .host("a1", "openflow:1", 2);
        final var request = model.send("w2", Frame.arpRequest(mac(0x32), "10.1.0.2", "10.1.0.1"));
        assertEquals(Set.of("v1", "w1"), request.stream().map(FlowTableModel.Delivery::host)
            .collect(Collectors.toSet()));
        assertTrue(request.stream().allMatch(d -> d.frame().arpOp() == FlowMatch.ARP_REQUEST));
        // On the ovs switch the same question is still answered at the edge.
        final var answered = model.send("w1", Frame.arpRequest(mac(0x31), "10.1.0.1", "10.1.0.2"));
        assertEquals(1, answered.size());
        assertEquals(FlowMatch.ARP_REPLY, answered.get(0).frame().arpOp().intValue());
        assertEquals(Set.of("w2"), model.receivers("w1", Frame.ipv4(mac(0x31), mac(0x32), "10.1.0.1", "10.1.0.2")));
        assertEquals(Set.of(), model.receivers("w2", Frame.ipv4(mac(0x32), mac(0x41), "10.1.0.2", "10.2.0.1")));
    }

    @Test
    public void vxlanPortsOnAnOf13SwitchAreRefusedWithAReason() {
        final var compiled = IsolationCompiler.compile(withOf13Switch(), Map.of());
        assertTrue(compiled.ports().get("a2").error().orElseThrow().contains("ovs profile"));
        assertTrue(compiled.ports().get("w2").error().isEmpty());
    }
}
