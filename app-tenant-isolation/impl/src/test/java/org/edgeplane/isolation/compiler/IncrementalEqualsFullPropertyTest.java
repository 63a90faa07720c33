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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.RateLimit;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.Test;

/**
 * Over random sequences of intent and inventory changes, the incremental compiler's result always equals a full
 * recompute of the same snapshot (told which port holds each contested switch port). Seeded, so a failure names
 * the seed and step that reproduce it.
 */
public class IncrementalEqualsFullPropertyTest {
    private static final int SEEDS = 40;
    private static final int STEPS = 60;
    private static final List<String> SWITCHES = List.of("openflow:1", "openflow:2", "openflow:3");

    @Test
    public void incrementalUpdateEqualsFullRecompute() {
        for (int seed = 0; seed < SEEDS; seed++) {
            final var random = new Random(seed);
            final var compiler = new IsolationCompiler();
            Intent intent = IntentFixtures.overlay();
            Map<String, SwitchFacts> facts = Map.of();
            compiler.update(intent, facts, IntentChanges.between(Intent.EMPTY, intent));
            for (int step = 0; step < STEPS; step++) {
                final Intent next = random.nextInt(6) == 0 ? intent : mutate(intent, random, step);
                final Map<String, SwitchFacts> nextFacts = random.nextInt(5) == 0 ? randomFacts(random) : facts;
                final CompiledIntent incremental = compiler.update(next, nextFacts,
                    IntentChanges.between(intent, next));
                // When two ports claim one switch port the earlier holder keeps it: that is the one piece of
                // history the result depends on, so the full recompute is told the holders.
                assertEquals("seed " + seed + " step " + step, IsolationCompiler.compile(next, nextFacts,
                    compiler.holders()), incremental);
                intent = next;
                facts = nextFacts;
            }
        }
    }

    private static Map<String, SwitchFacts> randomFacts(final Random random) {
        final var facts = new TreeMap<String, SwitchFacts>();
        for (String switchId : SWITCHES) {
            if (random.nextBoolean()) {
                final var names = new TreeMap<String, Long>();
                for (long port = 1; port <= 6; port++) {
                    if (random.nextInt(4) > 0) {
                        names.put("eth" + port, port + random.nextInt(2));
                    }
                }
                final SwitchProfile detected = switch (random.nextInt(3)) {
                    case 0 -> SwitchProfile.OVS;
                    case 1 -> SwitchProfile.OF13;
                    default -> null;
                };
                facts.put(switchId, new SwitchFacts(switchId, names, detected, Set.of()));
            }
        }
        return facts;
    }

    private static Intent mutate(final Intent intent, final Random random, final int step) {
        final var networks = new TreeMap<>(intent.networks());
        final var ports = new TreeMap<>(intent.ports());
        final var switches = new TreeMap<>(intent.switches());
        final var portIds = new ArrayList<>(ports.keySet());
        final String someport = portIds.isEmpty() ? null : portIds.get(random.nextInt(portIds.size()));
        final String someSwitch = SWITCHES.get(random.nextInt(SWITCHES.size()));
        final String switchPort = random.nextInt(4) == 0 ? "eth" + (1 + random.nextInt(6))
            : Integer.toString(1 + random.nextInt(6));
        switch (random.nextInt(10)) {
            case 0 -> {
                final var networkIds = new ArrayList<>(networks.keySet());
                final Network network = networks.get(networkIds.get(random.nextInt(networkIds.size())));
                final String id = "p" + step + "x" + random.nextInt(1000);
                ports.put(id, new Port(id, network.tenantId(), network.id(), someSwitch, switchPort,
                    mac(0x80 + random.nextInt(100)), List.of("10.9." + random.nextInt(4) + "." + random.nextInt(250))));
            }
            case 1 -> {
                if (someport != null) {
                    ports.remove(someport);
                }
            }
            case 2 -> {
                if (someport != null) {
                    ports.put(someport, ports.get(someport).movedTo(someSwitch, switchPort));
                }
            }
            case 3 -> {
                if (someport != null) {
                    ports.put(someport, ports.get(someport).withIsolated(!ports.get(someport).isolated()));
                }
            }
            case 4 -> {
                if (someport != null) {
                    ports.put(someport, ports.get(someport).withAllowedAddressPairs(random.nextBoolean() ? List.of()
                        : List.of(new AddressPair("10.9.9.0/24", random.nextBoolean() ? null : mac(0x7f)))));
                }
            }
            case 5 -> {
                if (someport != null) {
                    ports.put(someport, ports.get(someport).withRateLimit(random.nextBoolean() ? null
                        : new RateLimit(100 + random.nextInt(1000), null)));
                }
            }
            case 6 -> {
                final SwitchConfig config = switches.get(someSwitch);
                final SwitchProfile profile = random.nextBoolean() ? null
                    : SwitchProfile.values()[random.nextInt(2)];
                switches.put(someSwitch, config == null
                    ? new SwitchConfig(someSwitch, List.of("10"), profile, null, null)
                    : config.withProfile(profile));
            }
            case 7 -> {
                final SwitchConfig config = switches.get(someSwitch);
                if (config != null) {
                    switches.put(someSwitch, random.nextInt(3) == 0 ? new SwitchConfig(someSwitch, List.of())
                        : config.withTunnel("172.16.1." + random.nextInt(3), random.nextBoolean() ? "20" : "eth6"));
                } else {
                    switches.remove(someSwitch);
                }
            }
            case 8 -> {
                final String networkId = random.nextBoolean() ? "red-web" : "red-app";
                final Network network = networks.get(networkId);
                final SegmentationType type = random.nextBoolean() ? SegmentationType.VLAN : SegmentationType.VXLAN;
                networks.put(networkId, new Network(networkId, network.tenantId(), type,
                    (long) (100 + random.nextInt(5))));
            }
            default -> {
                if (random.nextBoolean()) {
                    switches.remove(someSwitch);
                } else {
                    switches.put(someSwitch, new SwitchConfig(someSwitch, List.of("10", "9"), SwitchProfile.OVS,
                        "172.16.0." + random.nextInt(4), "20"));
                }
            }
        }
        return new Intent(intent.tenants(), networks, ports, switches);
    }
}
