/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.testing;

import java.util.ArrayList;
import java.util.List;
import org.edgeplane.isolation.intent.Intent;
import org.edgeplane.isolation.intent.Network;
import org.edgeplane.isolation.intent.Port;
import org.edgeplane.isolation.intent.SegmentationType;
import org.edgeplane.isolation.intent.SwitchConfig;
import org.edgeplane.isolation.intent.Tenant;

/**
 * Intent for tests, built fluently: {@code IntentFixtures.builder().tenant("a").vlanNetwork(...).port(...)}.
 */
public final class IntentFixtures {
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<Port> ports = new ArrayList<>();
    private final List<SwitchConfig> switches = new ArrayList<>();

    private IntentFixtures() {
    }

    public static IntentFixtures builder() {
        return new IntentFixtures();
    }

    /**
     * The standard two-tenant topology of the packet-fate tests. Switches openflow:1 and openflow:2 have uplink
     * port 10. Tenant red: network red-web (VLAN 101: r1 on s1 port 1, r2 on s2 port 1, r3 on s1 port 3) and
     * red-db (VLAN 102: r4 on s1 port 2). Tenant blue: blue-web (VLAN 201: b1 on s1 port 4, b2 on s2 port 2),
     * whose addresses overlap red-web's on purpose.
     */
    public static Intent twoTenants() {
        return builder().tenant("red").tenant("blue")
            .vlanNetwork("red-web", "red", 101).vlanNetwork("red-db", "red", 102).vlanNetwork("blue-web", "blue", 201)
            .uplinks("openflow:1", "10").uplinks("openflow:2", "10")
            .port("r1", "red", "red-web", "openflow:1", "1", mac(0x11), "10.0.0.1")
            .port("r2", "red", "red-web", "openflow:2", "1", mac(0x12), "10.0.0.2")
            .port("r3", "red", "red-web", "openflow:1", "3", mac(0x13), "10.0.0.3")
            .port("r4", "red", "red-db", "openflow:1", "2", mac(0x14), "10.0.1.4")
            .port("b1", "blue", "blue-web", "openflow:1", "4", mac(0x21), "10.0.0.1")
            .port("b2", "blue", "blue-web", "openflow:2", "2", mac(0x22), "10.0.0.2")
            .build();
    }

    /** A locally administered MAC ending in the given octet. */
    public static String mac(final int last) {
        return String.format("02:00:00:00:00:%02x", last);
    }

    public IntentFixtures tenant(final String id) {
        tenants.add(new Tenant(id, id));
        return this;
    }

    public IntentFixtures vlanNetwork(final String id, final String tenant, final long vlan) {
        networks.add(new Network(id, tenant, SegmentationType.VLAN, vlan));
        return this;
    }

    public IntentFixtures network(final Network network) {
        networks.add(network);
        return this;
    }

    public IntentFixtures uplinks(final String switchId, final String... uplinkPorts) {
        switches.add(new SwitchConfig(switchId, List.of(uplinkPorts)));
        return this;
    }

    public IntentFixtures port(final String id, final String tenant, final String network, final String switchId,
            final String switchPort, final String mac, final String... ips) {
        ports.add(new Port(id, tenant, network, switchId, switchPort, mac, List.of(ips)));
        return this;
    }

    public IntentFixtures port(final Port port) {
        ports.add(port);
        return this;
    }

    public Intent build() {
        return Intent.of(tenants, networks, ports, switches);
    }
}
