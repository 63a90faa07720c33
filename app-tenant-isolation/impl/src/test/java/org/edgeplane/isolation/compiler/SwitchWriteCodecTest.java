/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowSweep;
import org.edgeplane.core.reconcile.HeldSnapshot;
import org.edgeplane.core.reconcile.SwitchWriteCodec;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.Test;

/**
 * A write handed to another cluster member arrives as it left: every flow, meter and removal of real compiles
 * (VLAN, VXLAN tunnels, meters, ARP responders with register moves), and what the write reads of the switch.
 * Bytes that are not a write are refused, never decoded into anything else.
 */
public class SwitchWriteCodecTest {
    @Test
    public void everyCompiledFlowSurvivesTheTrip() {
        int flows = 0;
        for (Intent intent : new Intent[] {IntentFixtures.twoTenants(), IntentFixtures.overlay()}) {
            final var compiled = IsolationCompiler.compile(intent, Map.of());
            for (var entry : compiled.flowsBySwitch().entrySet()) {
                final var writes = new ArrayList<FlowRecord>(entry.getValue().values());
                final FlowRecord first = writes.get(0);
                final var meters = new ArrayList<>(compiled.metersBySwitch().getOrDefault(entry.getKey(),
                    new TreeMap<>()).values());
                final var diff = new FlowDiff(entry.getKey(), writes, new TreeMap<>(Map.of("gone", Table.CLASSIFY)),
                    meters, new TreeSet<>(Set.of(7L)), new ArrayList<>(), new TreeSet<>(Set.of(3L)),
                    new TreeSet<>(Set.of(new FlowSweep(first.table(), first.cookie()))), 0x2a_0000_0001L);
                final var held = new HeldSnapshot(true, 42, Map.of(first.id(), first, "gone", first),
                    new TreeSet<>(Set.of(3L)), new TreeSet<>());
                final var decoded = SwitchWriteCodec.decode(SwitchWriteCodec.encode(diff, held));
                assertEquals(diff, decoded.diff());
                assertEquals(held, decoded.held());
                assertTrue(decoded.held().holdsGroup(3) && decoded.held().flow("gone").isPresent());
                flows += writes.size();
            }
        }
        assertTrue("flows checked: " + flows, flows > 100);
    }

    @Test
    public void bytesThatAreNotAWriteAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SwitchWriteCodec.decode(new byte[] {1, 2, 3}));
        final byte[] valid = SwitchWriteCodec.encode(new FlowDiff("openflow:1", new ArrayList<>(), new TreeMap<>()),
            new HeldSnapshot(false, 0, Map.of(), new TreeSet<>(), new TreeSet<>()));
        final byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
        assertThrows(IllegalArgumentException.class, () -> SwitchWriteCodec.decode(truncated));
    }
}
