/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.junit.Assert.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SegmentationType;
import org.junit.Test;

/** Every network gets its own conntrack zone, VXLAN VNIs that collide modulo the zone space included. */
public class ConntrackZonesTest {
    private static Network vxlan(final String id, final long vni) {
        return new Network(id, "t", SegmentationType.VXLAN, vni);
    }

    @Test
    public void vlanIdsAndVnisMapToDistinctZonesEvenWhenVnisCollide() {
        final var networks = List.of(new Network("v", "t", SegmentationType.VLAN, 101L), vxlan("a", 5001),
            vxlan("b", 5001 + 61_440), vxlan("c", 5002), vxlan("d", 5001 + 2 * 61_440));
        final Map<String, Integer> zones = ConntrackZones.assign(networks);
        assertEquals(Map.of("v", 101, "a", 4096 + 5001, "b", 4096 + 5003, "c", 4096 + 5002, "d", 4096 + 5004),
            zones);
        assertEquals(networks.size(), new HashSet<>(zones.values()).size());
    }

    @Test
    public void aNetworkKeepsItsZoneWhenOthersComeAndGoWithoutCollidingBelowIt() {
        final Map<String, Integer> alone = ConntrackZones.assign(List.of(vxlan("a", 5001)));
        final Map<String, Integer> withOthers = ConntrackZones.assign(List.of(vxlan("a", 5001), vxlan("z", 7),
            vxlan("y", 5001 + 61_440)));
        assertEquals(alone.get("a"), withOthers.get("a"));
    }
}
