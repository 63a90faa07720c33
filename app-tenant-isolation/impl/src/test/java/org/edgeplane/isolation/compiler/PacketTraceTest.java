/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.trace.IntentNames;
import org.edgeplane.core.trace.PacketTrace;
import org.edgeplane.core.trace.SwitchWalk;
import org.junit.Test;

/**
 * The packet trace on the compiled overlay topology ({@link IntentFixtures#overlay()}: three switches on a fabric
 * and a VXLAN mesh): it names the objects that decided a frame's fate, follows it across tunnels and the fabric, and
 * agrees with the shared flow-table model on where every frame between every two endpoints ends.
 */
public class PacketTraceTest {
    private static final Intent INTENT = IntentFixtures.overlay();
    private static final CompiledIntent COMPILED = IsolationCompiler.compile(INTENT, Map.of());
    private static final IntentNames NAMES = new IntentNames(INTENT, Map.of(), Map.of());
    private static final SwitchWalk.Conntrack.State NO_CT = new SwitchWalk.Conntrack.State(0, 0);

    private static Map<String, PacketTrace.SwitchView> switches() {
        final var views = new TreeMap<String, PacketTrace.SwitchView>();
        for (int index = 1; index <= 3; index++) {
            final String switchId = "openflow:" + index;
            views.put(switchId, new PacketTrace.SwitchView(COMPILED.flowsOf(switchId).values(), Map.of(),
                COMPILED.metersOf(switchId), List.of(10L),
                new PacketTrace.TunnelPort(20, "172.16.0." + index)));
        }
        return views;
    }

    private static PacketTrace.Trace trace(final String from, final Frame frame) {
        final Port port = INTENT.ports().get(from);
        return PacketTrace.trace(switches(), NAMES, port.switchId(), Long.parseLong(port.switchPort()), frame,
            NO_CT);
    }

    private static Frame ipv4(final String from, final String to) {
        final Port source = INTENT.ports().get(from);
        final Port target = INTENT.ports().get(to);
        return Frame.ipv4(source.macAddress(), target.macAddress(), source.ipAddresses().get(0),
            target.ipAddresses().get(0));
    }

    @Test
    public void aFrameAcrossTheTunnelIsFollowedToItsEndpointAndEveryFlowNamesItsObject() {
        final PacketTrace.Trace trace = trace("a1", ipv4("a1", "a2"));
        assertEquals(List.of("openflow:1", "openflow:2"), trace.hops().stream().map(PacketTrace.Hop::switchId)
            .toList());
        assertEquals(1, trace.fates().size());
        final var delivered = (PacketTrace.Fate.Delivered) trace.fates().get(0);
        assertEquals("openflow:2", delivered.switchId());
        assertEquals(2, delivered.port());
        assertEquals("port a2 of network red-app (tenant red)", delivered.to());
        assertEquals("it arrives without tunnel metadata", null, delivered.frame().tunnelId());
        final String text = PacketTrace.text(trace, new PacketTrace.Deployment(switches(), NAMES));
        assertTrue(text, text.contains("openflow:1 in_port 2 (port a1 of network red-app (tenant red))"));
        assertTrue(text, text.contains("(port a1 of network red-app (tenant red)), cookie 0xed01"));
        assertTrue(text, text.contains("CLASSIFY prio="));
        assertTrue(text, text.contains("delivered on openflow:2 port 2 to port a2 of network red-app (tenant red)"));
    }

    @Test
    public void aMeterSaysItsLimit() {
        final PacketTrace.Trace trace = trace("v1", ipv4("v1", "w2"));
        assertEquals(List.of(1L), trace.deliveredPorts("openflow:2"));
        final String text = PacketTrace.text(trace, new PacketTrace.Deployment(switches(), NAMES));
        assertTrue(text, text.contains(": drops what exceeds 1000 kbit/s"));
    }

    @Test
    public void aDropNamesTheTableOrTheFlowThatDecidedIt() {
        final PacketTrace.Trace otherNetwork = trace("a1", ipv4("a1", "w1"));
        final var dropped = (PacketTrace.Fate.Dropped) otherNetwork.fates().get(0);
        assertEquals("openflow:1", dropped.switchId());
        assertTrue(dropped.why(), dropped.why().contains("L2_FORWARD"));

        final Port a1 = INTENT.ports().get("a1");
        final Frame spoofed = Frame.ipv4("02:00:00:00:00:99", INTENT.ports().get("a2").macAddress(),
            a1.ipAddresses().get(0), INTENT.ports().get("a2").ipAddresses().get(0));
        final var refused = (PacketTrace.Fate.Dropped) trace("a1", spoofed).fates().get(0);
        assertTrue(refused.why(), refused.why().contains("PORT_SECURITY"));
        assertTrue(refused.why(), refused.why().endsWith("its source MAC or address is not the port's own"
            + " (anti-spoofing)"));
    }

    @Test
    public void everyFrameBetweenEveryTwoEndpointsEndsWhereTheFlowTableModelDeliversIt() {
        final FlowTableModel model = new FlowTableModel(COMPILED.flowsBySwitch().entrySet().stream().collect(
            Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().values())))
            .uplink("openflow:1", 10).uplink("openflow:2", 10).uplink("openflow:3", 10)
            .tunnel("openflow:1", 20, "172.16.0.1").tunnel("openflow:2", 20, "172.16.0.2")
            .tunnel("openflow:3", 20, "172.16.0.3");
        INTENT.ports().values().forEach(port -> model.host(port.id(), port.switchId(),
            Long.parseLong(port.switchPort())));
        int compared = 0;
        for (Port from : INTENT.ports().values()) {
            for (Port to : INTENT.ports().values()) {
                if (from == to) {
                    continue;
                }
                for (Frame frame : List.of(ipv4(from.id(), to.id()), Frame.arpRequest(from.macAddress(),
                        from.ipAddresses().get(0), to.ipAddresses().get(0)))) {
                    assertEquals(from.id() + " sends " + frame, model.receivers(from.id(), frame),
                        receivers(trace(from.id(), frame)));
                    compared++;
                }
            }
        }
        assertTrue(compared > 50);
    }

    /** The ports of the intent a trace delivered to, by id. */
    private static Set<String> receivers(final PacketTrace.Trace trace) {
        final var names = new TreeSet<String>();
        trace.fates().forEach(fate -> {
            if (fate instanceof PacketTrace.Fate.Delivered delivered) {
                INTENT.ports().values().stream().filter(port -> port.switchId().equals(delivered.switchId())
                    && Long.parseLong(port.switchPort()) == delivered.port()).forEach(port -> names.add(port.id()));
            }
        });
        return names;
    }
}
