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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.junit.Before;
import org.junit.Test;

/**
 * Where packets go, on the compiled flows of the two-tenant fixture, across two switches and a fabric.
 */
public class PacketFateTest {
    private FlowTableModel fabric;

    @Before
    public void setUp() {
        final CompiledIntent compiled = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        fabric = new FlowTableModel(compiled.flowsBySwitch().entrySet().stream().collect(
            java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().values())))
            .uplink("openflow:1", 10).uplink("openflow:2", 10)
            .host("r1", "openflow:1", 1).host("r2", "openflow:2", 1).host("r3", "openflow:1", 3)
            .host("r4", "openflow:1", 2).host("b1", "openflow:1", 4).host("b2", "openflow:2", 2)
            .host("intruder", "openflow:1", 7);
    }

    @Test
    public void unicastReachesTheSameNetworkOnTheSameSwitch() {
        assertEquals(Set.of("r3"), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x13), "10.0.0.1",
            "10.0.0.3")));
    }

    @Test
    public void unicastCrossesTheFabricTaggedAndArrivesUntagged() {
        final var deliveries = fabric.send("r1", Frame.ipv4(mac(0x11), mac(0x12), "10.0.0.1", "10.0.0.2"));
        assertEquals(1, deliveries.size());
        assertEquals("r2", deliveries.get(0).host());
        assertNull(deliveries.get(0).frame().vlan());
    }

    @Test
    public void otherNetworkOfTheSameTenantIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x14), "10.0.0.1", "10.0.1.4")));
    }

    @Test
    public void otherTenantIsDroppedEvenWithOverlappingAddresses() {
        // b1 has red r1's IP; b2 has r2's IP. Only the MAC of the other tenant's host could reach it, and must not.
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x21), "10.0.0.1", "10.0.0.1")));
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x22), "10.0.0.1", "10.0.0.2")));
        assertEquals(Set.of("b2"), fabric.receivers("b1", Frame.ipv4(mac(0x21), mac(0x22), "10.0.0.1",
            "10.0.0.2")));
    }

    @Test
    public void spoofedSourceMacIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x13), mac(0x12), "10.0.0.1", "10.0.0.2")));
    }

    @Test
    public void spoofedSourceIpIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x12), "10.0.0.3", "10.0.0.2")));
    }

    @Test
    public void spoofedArpSenderIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.arpRequest(mac(0x11), "10.0.0.3", "10.0.0.2")));
    }

    @Test
    public void taggedFrameFromAnEndpointIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x13), "10.0.0.1", "10.0.0.3")
            .withVlan(101)));
    }

    @Test
    public void unboundPortGetsNothingThrough() {
        assertEquals(Set.of(), fabric.receivers("intruder", Frame.arpRequest(mac(0x99), "10.0.0.9", "10.0.0.1")));
    }

    @Test
    public void unknownUnicastIsDropped() {
        assertEquals(Set.of(), fabric.receivers("r1", Frame.ipv4(mac(0x11), mac(0x77), "10.0.0.1", "10.0.0.7")));
    }

    @Test
    public void broadcastReachesOnlyTheNetworksPortsOnEverySwitch() {
        assertEquals(Set.of("r2", "r3"), fabric.receivers("r1", Frame.arpRequest(mac(0x11), "10.0.0.1",
            "10.0.0.2")));
        assertEquals(Set.of("r1", "r3"), fabric.receivers("r2", Frame.arpRequest(mac(0x12), "10.0.0.2",
            "10.0.0.1")));
        assertEquals(Set.of("b2"), fabric.receivers("b1", Frame.arpRequest(mac(0x21), "10.0.0.1", "10.0.0.2")));
        assertEquals(Set.of(), fabric.receivers("r4", Frame.arpRequest(mac(0x14), "10.0.1.4", "10.0.1.5")));
    }

    @Test
    public void broadcastArrivesUntagged() {
        fabric.send("r2", Frame.arpRequest(mac(0x12), "10.0.0.2", "10.0.0.1"))
            .forEach(delivery -> assertNull(delivery.frame().vlan()));
    }

    @Test
    public void ipv6FromBoundAndLinkLocalAddressPasses() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.builder().tenant("t").vlanNetwork("n", "t", 5)
            .port("p1", "t", "n", "openflow:1", "1", mac(1), "2001:db8::1")
            .port("p2", "t", "n", "openflow:1", "2", mac(2), "2001:db8::2").build(), Map.of());
        final var model = new FlowTableModel(Map.of("openflow:1", compiled.flowsOf("openflow:1").values()))
            .host("p1", "openflow:1", 1).host("p2", "openflow:1", 2);
        assertEquals(Set.of("p2"), model.receivers("p1", Frame.ipv6(mac(1), mac(2), "2001:db8::1", "2001:db8::2")));
        assertEquals(Set.of("p2"), model.receivers("p1", Frame.ipv6(mac(1), "33:33:00:00:00:01",
            "fe80::ff:fe00:1", "ff02::1")));
        assertEquals(Set.of(), model.receivers("p1", Frame.ipv6(mac(1), mac(2), "2001:db8::9", "2001:db8::2")));
    }

    @Test
    public void portNamedBySwitchPortNameIsBoundOnceTheSwitchReportsIt() {
        final var intent = IntentFixtures.builder().tenant("t").vlanNetwork("n", "t", 5)
            .port("p1", "t", "n", "openflow:1", "s1-eth1", mac(1), "10.0.0.1")
            .port("p2", "t", "n", "openflow:1", "2", mac(2), "10.0.0.2").build();
        final var pending = IsolationCompiler.compile(intent, Map.of());
        assertTrue(pending.ports().get("p1").error().orElseThrow().contains("not reported"));
        final var bound = IsolationCompiler.compile(intent,
            Map.of("openflow:1", new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L))));
        final var model = new FlowTableModel(Map.of("openflow:1", bound.flowsOf("openflow:1").values()))
            .host("p1", "openflow:1", 1).host("p2", "openflow:1", 2);
        assertEquals(Set.of("p2"), model.receivers("p1", Frame.ipv4(mac(1), mac(2), "10.0.0.1", "10.0.0.2")));
    }
}
