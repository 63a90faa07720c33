/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SegmentationType;

/**
 * One conntrack zone per network, so overlapping addresses of different networks never share a connection. VLAN
 * networks use their VLAN id (1..4094). A VXLAN network prefers 4096 + VNI modulo the 61,440 zones left; VNIs are
 * 24 bits, so two may want the same zone: networks are placed in VNI order and a later one takes the next free
 * zone. A network's zone thus only moves when a colliding network with a lower VNI is added, never otherwise.
 */
final class ConntrackZones {
    private static final int VXLAN_ZONE_BASE = 4096;
    private static final int ZONES = 65536;
    private static final int VXLAN_ZONE_SPAN = ZONES - VXLAN_ZONE_BASE;

    private ConntrackZones() {
    }

    /** Zones by network id; every network gets a distinct zone. */
    static Map<String, Integer> assign(final Collection<Network> networks) {
        final var zones = new HashMap<String, Integer>();
        final var taken = new BitSet(ZONES);
        // Validated intent gives every network its segmentation; one without has no ports to filter.
        final var segmented = networks.stream().filter(network -> network.segmentationType() != null
            && network.segmentationId() != null).toList();
        segmented.stream().filter(network -> network.segmentationType() == SegmentationType.VLAN).forEach(network -> {
            final int vlanId = network.segmentationId().intValue();
            zones.put(network.id(), vlanId);
            taken.set(vlanId);
        });
        segmented.stream().filter(network -> network.segmentationType() != SegmentationType.VLAN)
            .sorted(Comparator.comparingLong(Network::segmentationId).thenComparing(Network::id))
            .forEach(network -> {
                int offset = (int) (network.segmentationId() % VXLAN_ZONE_SPAN);
                // More VXLAN networks than zones cannot be placed uniquely; that scale is far beyond one controller.
                for (int tries = 0; tries < VXLAN_ZONE_SPAN && taken.get(VXLAN_ZONE_BASE + offset); tries++) {
                    offset = (offset + 1) % VXLAN_ZONE_SPAN;
                }
                zones.put(network.id(), VXLAN_ZONE_BASE + offset);
                taken.set(VXLAN_ZONE_BASE + offset);
            });
        return zones;
    }
}
