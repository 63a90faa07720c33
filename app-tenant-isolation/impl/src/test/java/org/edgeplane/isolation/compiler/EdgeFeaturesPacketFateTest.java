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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.junit.Test;

/**
 * Where frames go in the overlay topology ({@link IntentFixtures#overlay()}): ARP at the edge, VXLAN between
 * switches next to VLAN, isolated ports, allowed address pairs, rate limits and a migrated port.
 */
public class EdgeFeaturesPacketFateTest {
    private static final String A1 = mac(0x41);
    private static final String A2 = mac(0x42);

    private static FlowTableModel model(final CompiledIntent compiled) {
        return new FlowTableModel(compiled.flowsBySwitch().entrySet().stream().collect(
            Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().values())))
            .uplink("openflow:1", 10).uplink("openflow:2", 10).uplink("openflow:3", 10)
            .tunnel("openflow:1", 20, "172.16.0.1").tunnel("openflow:2", 20, "172.16.0.2")
            .tunnel("openflow:3", 20, "172.16.0.3")
            .host("w1", "openflow:1", 1).host("w2", "openflow:2", 1).host("v1", "openflow:2", 4)
            .host("a1", "openflow:1", 2).host("a2", "openflow:2", 2).host("a3", "openflow:1", 3)
            .host("a4", "openflow:2", 3).host("b1", "openflow:3", 1).host("b2", "openflow:1", 4)
            .host("a2-new", "openflow:3", 2);
    }

    private static FlowTableModel overlay() {
        return model(IsolationCompiler.compile(IntentFixtures.overlay(), Map.of()));
    }

    @Test
    public void arpForAKnownAddressIsAnsweredByTheSwitchAlone() {
        final var deliveries = overlay().send("a1", Frame.arpRequest(A1, "10.2.0.1", "10.2.0.2"));
        assertEquals(1, deliveries.size());
        assertEquals("a1", deliveries.get(0).host());
        assertEquals(Frame.arpReply(A2, A1, "10.2.0.2", "10.2.0.1"), deliveries.get(0).frame());
    }

    @Test
    public void arpForAnUnknownAddressIsFloodedInTheNetworkAndNobodyAnswers() {
        final var deliveries = overlay().send("a1", Frame.arpRequest(A1, "10.2.0.1", "10.2.0.99"));
        assertEquals(Set.of("a2", "a3", "a4"), hosts(deliveries));
        assertTrue(deliveries.stream().allMatch(d -> d.frame().arpOp() == FlowMatch.ARP_REQUEST));
    }

    @Test
    public void arpForAnAddressOfAnotherNetworkOrTenantGetsNoAnswer() {
        // 10.1.0.1 is w1 in red-web; 10.2.0.2 in blue-app is b2, but a2 in red-app answers for its own network.
        final var model = overlay();
        final var toWeb = model.send("a1", Frame.arpRequest(A1, "10.2.0.1", "10.1.0.1"));
        assertEquals(Set.of("a2", "a3", "a4"), hosts(toWeb));
        final var fromBlue = model.send("b1", Frame.arpRequest(mac(0x51), "10.2.0.1", "10.2.0.3"));
        assertEquals(Set.of("b2"), hosts(fromBlue));
        assertTrue(fromBlue.stream().noneMatch(d -> d.frame().arpOp() == FlowMatch.ARP_REPLY));
    }

    @Test
    public void arpClaimingAnAddressThePortDoesNotOwnIsDropped() {
        final var model = overlay();
        assertEquals(Set.of(), model.receivers("a1", Frame.arpReply(A1, Frame.BROADCAST, "10.2.0.2", "10.2.0.2")));
        assertEquals(Set.of(), model.receivers("a1", Frame.arpReply(A1, A2, "10.2.0.9", "10.2.0.2")));
        assertEquals(Set.of("a2", "a3", "a4"),
            model.receivers("a1", Frame.arpReply(A1, Frame.BROADCAST, "10.2.0.1", "10.2.0.1")));
    }

    @Test
    public void vxlanCarriesUnicastBetweenSwitchesNextToVlan() {
        final var model = overlay();
        final var app = model.send("a1", Frame.ipv4(A1, A2, "10.2.0.1", "10.2.0.2"));
        assertEquals(Set.of("a2"), hosts(app));
        assertNull(app.get(0).frame().vlan());
        assertEquals(Set.of("w2"), model.receivers("w1", Frame.ipv4(mac(0x31), mac(0x32), "10.1.0.1", "10.1.0.2")));
        assertEquals(Set.of("b1"), model.receivers("b2", Frame.ipv4(mac(0x52), mac(0x51), "10.2.0.2", "10.2.0.1")));
        assertEquals(Set.of(), model.receivers("b2", Frame.ipv4(mac(0x52), A2, "10.2.0.2", "10.2.0.2")));
    }

    @Test
    public void vxlanBroadcastGoesOnlyToSwitchesWithPortsOfTheNetwork() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.overlay(), Map.of());
        final FlowRecord flood = compiled.flowsOf("openflow:1").get("isolation:flood:network=red-app:from=port");
        final var endpoints = new TreeSet<String>();
        flood.instructions().stream().filter(Instruction.ApplyActions.class::isInstance)
            .flatMap(i -> ((Instruction.ApplyActions) i).actions().stream())
            .filter(Action.SetTunnelIpv4Dst.class::isInstance)
            .forEach(a -> endpoints.add(((Action.SetTunnelIpv4Dst) a).ipv4()));
        assertEquals(Set.of("172.16.0.2"), endpoints);
        assertEquals(Set.of("a2", "a3", "a4"), overlay().receivers("a1", Frame.ipv4(A1, Frame.BROADCAST,
            "10.2.0.1", "10.2.0.255")));
        assertEquals(Set.of("b1"), overlay().receivers("b2", Frame.ipv4(mac(0x52), Frame.BROADCAST,
            "10.2.0.2", "10.2.0.255")));
    }

    @Test
    public void isolatedPortsReachSharedPortsButNotEachOther() {
        final var model = overlay();
        assertEquals(Set.of(), model.receivers("a3", Frame.ipv4(mac(0x43), mac(0x44), "10.2.0.3", "10.2.0.4")));
        assertEquals(Set.of(), model.receivers("a4", Frame.ipv4(mac(0x44), mac(0x43), "10.2.0.4", "10.2.0.3")));
        assertEquals(Set.of("a1"), model.receivers("a3", Frame.ipv4(mac(0x43), A1, "10.2.0.3", "10.2.0.1")));
        assertEquals(Set.of("a2"), model.receivers("a3", Frame.ipv4(mac(0x43), A2, "10.2.0.3", "10.2.0.2")));
        assertEquals(Set.of("a3"), model.receivers("a2", Frame.ipv4(A2, mac(0x43), "10.2.0.2", "10.2.0.3")));
        assertEquals(Set.of("a1", "a2"), model.receivers("a3", Frame.ipv4(mac(0x43), Frame.BROADCAST,
            "10.2.0.3", "10.2.0.255")));
        assertEquals(Set.of("a1", "a2"), model.receivers("a4", Frame.ipv4(mac(0x44), Frame.BROADCAST,
            "10.2.0.4", "10.2.0.255")));
        // The switch does not answer an isolated port's ARP for another isolated port.
        final var arp = model.send("a3", Frame.arpRequest(mac(0x43), "10.2.0.3", "10.2.0.4"));
        assertEquals(Set.of("a1", "a2"), hosts(arp));
    }

    @Test
    public void allowedAddressPairPassesAntiSpoofingOnlyOnItsPort() {
        final var model = overlay();
        assertEquals(Set.of("w1"), model.receivers("v1", Frame.ipv4(mac(0x33), mac(0x31), "10.1.0.100",
            "10.1.0.1")));
        assertEquals(Set.of(), model.receivers("w2", Frame.ipv4(mac(0x32), mac(0x31), "10.1.0.100", "10.1.0.1")));
        assertEquals(Set.of("w1", "w2"), model.receivers("v1", Frame.arpReply(mac(0x33), Frame.BROADCAST,
            "10.1.0.100", "10.1.0.100")));
    }

    @Test
    public void rateLimitedPortIsPolicedByItsMeterFirst() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.overlay(), Map.of());
        final var meter = compiled.metersOf("openflow:2").get(4L);
        assertEquals(1000, meter.kbps());
        assertEquals(100, meter.burstKbits());
        final FlowRecord classify = compiled.flowsOf("openflow:2").get("isolation:classify:port=v1");
        assertEquals(new Instruction.Meter(4), classify.instructions().get(0));
        assertTrue(compiled.metersOf("openflow:1").isEmpty());
    }

    @Test
    public void movedPortLeavesNoTraceOnItsOldSwitchAndIsReachedAtTheNewOne() {
        final Intent before = IntentFixtures.overlay();
        final Intent after = IntentFixtures.overlayBuilder().build();
        final var ports = new java.util.TreeMap<>(after.ports());
        ports.put("a2", ports.get("a2").movedTo("openflow:3", "2"));
        final Intent moved = new Intent(after.tenants(), after.networks(), ports, after.switches());
        final var compiler = new IsolationCompiler();
        compiler.update(before, Map.of(), IntentChanges.between(Intent.EMPTY, before));
        final var compiled = compiler.update(moved, Map.of(), IntentChanges.between(before, moved));
        final long cookie = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "a2");
        // The old switch still forwards to a2 (a4 shares its network there) and answers ARP for it, but sends it
        // only toward the tunnel (port 20 = 0x14); nothing
        // matches, delivers to or meters its old switch port.
        for (FlowRecord flow : compiled.flowsOf("openflow:2").values()) {
            assertFalse(flow.id(), Long.valueOf(2).equals(flow.match().inPort()));
            assertFalse(flow.id(), flow.toString().matches(".*(output|meter):2(\\D.*|$)"));
            if (flow.cookie() == cookie && flow.table() == Table.L2_FORWARD) {
                assertTrue(flow.toString(), flow.toString().contains("write_metadata:0x14/"));
            } else if (flow.cookie() == cookie) {
                assertEquals(Table.ARP_RESPONDER, flow.table());
            }
        }
        final var model = model(compiled);
        assertEquals(Set.of("a2-new"), model.receivers("a1", Frame.ipv4(A1, A2, "10.2.0.1", "10.2.0.2")));
        assertEquals(Set.of("a1"), model.receivers("a2-new", Frame.ipv4(A2, A1, "10.2.0.2", "10.2.0.1")));
        assertEquals(Set.of(), model.receivers("a2", Frame.ipv4(A2, A1, "10.2.0.2", "10.2.0.1")));
        assertEquals(compiled, IsolationCompiler.compile(moved, Map.of()));
        assertTrue(compiled.flowsOf("openflow:3").containsKey("isolation:egress:port=a2"));
        assertEquals(Table.EGRESS, compiled.flowsOf("openflow:3").get("isolation:egress:port=a2").table());
    }

    private static Set<String> hosts(final java.util.List<FlowTableModel.Delivery> deliveries) {
        return deliveries.stream().map(FlowTableModel.Delivery::host).collect(Collectors.toCollection(TreeSet::new));
    }
}
