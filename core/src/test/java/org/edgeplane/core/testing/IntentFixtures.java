/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.RateLimit;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.endpoint.Tenant;

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

    public IntentFixtures switchConfig(final SwitchConfig config) {
        switches.add(config);
        return this;
    }

    /**
     * The overlay topology of the feature tests: three ovs switches (uplink 10, VXLAN port 20, endpoints
     * 172.16.0.N). Tenant red: red-web (VLAN 101: w1 s1:1, w2 s2:1, v1 s2:4 with allowed pair 10.1.0.100 and a
     * 1000 kbps limit) and red-app (VXLAN 5001: a1 s1:2, a2 s2:2, isolated a3 s1:3 and a4 s2:3). Tenant blue:
     * blue-app (VXLAN 6001: b1 s3:1, b2 s1:4), whose addresses overlap red-app's.
     */
    public static Intent overlay() {
        return overlayBuilder().build();
    }

    /** The builder behind {@link #overlay()}, to add to it. */
    public static IntentFixtures overlayBuilder() {
        final var builder = builder().tenant("red").tenant("blue").vlanNetwork("red-web", "red", 101)
            .network(new Network("red-app", "red", SegmentationType.VXLAN, 5001L))
            .network(new Network("blue-app", "blue", SegmentationType.VXLAN, 6001L));
        for (int n = 1; n <= 3; n++) {
            builder.switchConfig(new SwitchConfig("openflow:" + n, List.of("10"), SwitchProfile.OVS,
                "172.16.0." + n, "20"));
        }
        return builder
            .port("w1", "red", "red-web", "openflow:1", "1", mac(0x31), "10.1.0.1")
            .port("w2", "red", "red-web", "openflow:2", "1", mac(0x32), "10.1.0.2")
            .port(new Port("v1", "red", "red-web", "openflow:2", "4", mac(0x33), List.of("10.1.0.3"))
                .withAllowedAddressPairs(List.of(new AddressPair("10.1.0.100", null)))
                .withRateLimit(new RateLimit(1000, null)))
            .port("a1", "red", "red-app", "openflow:1", "2", mac(0x41), "10.2.0.1")
            .port("a2", "red", "red-app", "openflow:2", "2", mac(0x42), "10.2.0.2")
            .port(new Port("a3", "red", "red-app", "openflow:1", "3", mac(0x43), List.of("10.2.0.3"))
                .withIsolated(true))
            .port(new Port("a4", "red", "red-app", "openflow:2", "3", mac(0x44), List.of("10.2.0.4"))
                .withIsolated(true))
            .port("b1", "blue", "blue-app", "openflow:3", "1", mac(0x51), "10.2.0.1")
            .port("b2", "blue", "blue-app", "openflow:1", "4", mac(0x52), "10.2.0.2");
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

    /** A port with port security off, as a service appliance's port (it forwards other hosts' frames). */
    public IntentFixtures appliancePort(final String id, final String tenant, final String network,
            final String switchId, final String switchPort, final String mac, final String... ips) {
        return port(new Port(id, tenant, network, switchId, switchPort, mac, List.of(ips)).withPortSecurity(false));
    }

    public Intent build() {
        return Intent.of(tenants, networks, ports, switches);
    }
}
