/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;

import java.util.ArrayList;
import java.util.List;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;

/**
 * Red's web network spans two switches joined by a fabric that floods (VLAN 101). Appliances: ids (transparent
 * bridge, s1 ports 5/6), ids2 (a second ids instance, s2 ports 7/8) and router (routed, s2 ports 5/6). The chain
 * takes TCP to port 80 from r1 (s1) to r2 (s2) through the inspect hop (ids, and ids2 when asked), then the route
 * hop. Blue's b1 and b2 reuse red's addresses.
 */
final class ChainFixtures {
    static final String IDS_IN = mac(0x61);
    static final String IDS_OUT = mac(0x62);
    static final String ROUTER_IN = mac(0x63);
    static final String ROUTER_OUT = mac(0x64);

    private ChainFixtures() {
    }

    static Intent topology(final SwitchProfile profile) {
        return IntentFixtures.builder().tenant("red").tenant("blue")
            .vlanNetwork("red-web", "red", 101).vlanNetwork("blue-web", "blue", 201)
            .switchConfig(new SwitchConfig("openflow:1", List.of("10")).withProfile(profile))
            .switchConfig(new SwitchConfig("openflow:2", List.of("10")).withProfile(profile))
            .port("r1", "red", "red-web", "openflow:1", "1", mac(0x11), "10.0.0.1")
            .port("r2", "red", "red-web", "openflow:2", "1", mac(0x12), "10.0.0.2")
            .port("r3", "red", "red-web", "openflow:1", "3", mac(0x13), "10.0.0.3")
            .port("b1", "blue", "blue-web", "openflow:1", "4", mac(0x21), "10.0.0.1")
            .port("b2", "blue", "blue-web", "openflow:2", "2", mac(0x22), "10.0.0.2")
            .appliancePort("ids-in", "red", "red-web", "openflow:1", "5", IDS_IN, "10.0.0.61")
            .appliancePort("ids-out", "red", "red-web", "openflow:1", "6", IDS_OUT, "10.0.0.62")
            .appliancePort("ids2-in", "red", "red-web", "openflow:2", "7", mac(0x65), "10.0.0.65")
            .appliancePort("ids2-out", "red", "red-web", "openflow:2", "8", mac(0x66), "10.0.0.66")
            .appliancePort("router-in", "red", "red-web", "openflow:2", "5", ROUTER_IN, "10.0.0.63")
            .appliancePort("router-out", "red", "red-web", "openflow:2", "6", ROUTER_OUT, "10.0.0.64")
            .build();
    }

    static ChainIntent chain(final boolean symmetric, final FailurePolicy policy, final String... idsFns) {
        final var functions = new ArrayList<ServiceFunction>(List.of(
            new ServiceFunction("red", "ids", "ids-in", "ids-out"),
            new ServiceFunction("red", "ids2", "ids2-in", "ids2-out"),
            new ServiceFunction("red", "router", "router-in", "router-out", true)));
        final var classifier = Classifier.from("web", "r1").withProtocol("tcp")
            .withPorts(null, Classifier.PortRange.of(80, 80)).withDestinationPort("r2");
        return ChainIntent.of(functions, List.of(new Hop("red", "inspect", List.of(idsFns), Hop.FIVE_TUPLE),
            new Hop("red", "route", List.of("router"), Hop.FIVE_TUPLE)),
            List.of(new ServiceChain("red", "web", List.of("inspect", "route"), List.of(classifier), symmetric,
                policy)));
    }
}
