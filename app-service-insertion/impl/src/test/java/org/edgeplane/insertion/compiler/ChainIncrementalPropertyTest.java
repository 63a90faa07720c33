/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * Chain by chain equals all at once: over random sequences of changes to chains, hops, functions and the ports they
 * use, {@link ChainMemo#update} gives exactly what a full {@link ChainCompiler#compile} gives, and going back to
 * an earlier intent gives its flows back.
 */
public class ChainIncrementalPropertyTest {
    private static final int SEEDS = 25;
    private static final int STEPS = 30;
    private static final List<String> MOVABLE = List.of("r2", "r3", "ids2-in", "ids2-out", "router-in");

    private static Intent randomIntent(final Random random) {
        final Intent intent = ChainFixtures.topology(random.nextInt(3) == 0 ? SwitchProfile.OF13 : SwitchProfile.OVS);
        final var ports = new TreeMap<>(intent.ports());
        for (String portId : MOVABLE) {
            final Port port = ports.get(portId);
            switch (random.nextInt(7)) {
                case 0 -> ports.remove(portId);
                case 1 -> ports.put(portId, new Port(portId, port.tenantId(), port.networkId(), port.switchId(),
                    port.switchPort(), port.macAddress(), List.of("10.0.0." + (80 + random.nextInt(5))),
                    port.isolated(), port.allowedAddressPairs(), port.rateLimit(), port.portSecurityEnabled()));
                case 2 -> ports.put(portId, port.movedTo("openflow:1".equals(port.switchId()) ? "openflow:2"
                    : "openflow:1", "2" + (10 + MOVABLE.indexOf(portId))));
                default -> {
                    // unchanged
                }
            }
        }
        if (random.nextInt(4) == 0) {
            ports.put("r9", new Port("r9", "red", "red-web", "openflow:2", "9", mac(0x19), List.of("10.0.0.9"),
                false, List.of(), null, true));
        }
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    private static ChainIntent randomChains(final Random random) {
        final var functions = new ArrayList<ServiceFunction>(List.of(
            new ServiceFunction("red", "ids", "ids-in", "ids-out"),
            new ServiceFunction("red", "router", "router-in", "router-out", true)));
        if (random.nextInt(4) != 0) {
            functions.add(new ServiceFunction("red", "ids2", "ids2-in", "ids2-out"));
        }
        final List<String> inspectors = switch (random.nextInt(3)) {
            case 0 -> List.of("ids");
            case 1 -> List.of("ids2");
            default -> List.of("ids", "ids2");
        };
        final var hops = List.of(new Hop("red", "inspect", inspectors, Hop.FIVE_TUPLE),
            new Hop("red", "route", List.of("router"), Hop.FIVE_TUPLE));
        final var chains = new ArrayList<ServiceChain>();
        final var policy = random.nextBoolean() ? FailurePolicy.FAIL_OPEN : FailurePolicy.FAIL_CLOSED;
        if (random.nextInt(5) != 0) {
            chains.add(new ServiceChain("red", "web", List.of("inspect", "route"), List.of(Classifier.from("web", "r1")
                .withProtocol("tcp").withPorts(null, Classifier.PortRange.of(80, 80)).withDestinationPort("r2")),
                random.nextBoolean(), policy));
        }
        if (random.nextInt(3) != 0) {
            chains.add(new ServiceChain("red", "ssh", List.of("inspect"), List.of(Classifier.from("ssh", "r3")
                .withProtocol("tcp").withPorts(null, Classifier.PortRange.of(22, 22 + random.nextInt(3)))),
                false, FailurePolicy.FAIL_OPEN));
        }
        if (random.nextInt(3) == 0) {
            chains.add(new ServiceChain("red", "all", List.of("route"), List.of(Classifier.from("all", "r2")),
                random.nextBoolean(), FailurePolicy.FAIL_CLOSED));
        }
        return ChainIntent.of(functions, hops, chains);
    }

    private static EdgeFacts factsOf(final Intent intent) {
        return IsolationCompiler.compile(intent, Map.of()).edgeFacts();
    }

    @Test
    public void chainByChainEqualsAllAtOnceOverRandomChanges() {
        long reused = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            final var random = new Random(seed);
            final var memo = new ChainMemo();
            Intent intent = randomIntent(random);
            ChainIntent chains = randomChains(random);
            for (int step = 0; step < STEPS; step++) {
                // Mostly one side changes at a time, as it does between two rounds.
                switch (random.nextInt(4)) {
                    case 0 -> intent = randomIntent(random);
                    case 1 -> chains = randomChains(random);
                    case 2 -> {
                        intent = randomIntent(random);
                        chains = randomChains(random);
                    }
                    default -> {
                        // nothing changed: every chain is reused
                    }
                }
                final EdgeFacts facts = factsOf(intent);
                assertEquals("seed " + seed + " step " + step, ChainCompiler.compile(chains, intent, facts),
                    memo.update(chains, intent, facts));
                reused += memo.lastReused();
            }
        }
        assertTrue("some chains were reused: " + reused, reused > 0);
    }

    @Test
    public void goingBackToAnIntentGivesItsFlowsBackExactly() {
        final var random = new Random(11);
        final Intent intentA = randomIntent(random);
        final ChainIntent chainsA = randomChains(random);
        final Intent intentB = randomIntent(random);
        final ChainIntent chainsB = randomChains(random);
        final var memo = new ChainMemo();
        final ChainFlows first = memo.update(chainsA, intentA, factsOf(intentA));
        memo.update(chainsB, intentB, factsOf(intentB));
        assertEquals(first, memo.update(chainsA, intentA, factsOf(intentA)));
        assertEquals(first, memo.update(chainsA, intentA, factsOf(intentA)));
        assertEquals("nothing changed, nothing compiled", 0, memo.lastCompiled());
        assertEquals(chainsA.chains().size(), memo.lastReused());
    }

    @Test
    public void aHopChangedInOneChainCompilesOnlyTheChainsThatUseIt() {
        final Intent intent = ChainFixtures.topology(SwitchProfile.OVS);
        final var random = new Random(3);
        ChainIntent chains;
        do {
            chains = randomChains(random);
        } while (chains.chains().size() < 3);
        final var memo = new ChainMemo();
        memo.update(chains, intent, factsOf(intent));
        // The route hop gains a second router: "web" and "all" use it, "ssh" does not.
        final var functions = new ArrayList<>(chains.functions().values());
        functions.add(new ServiceFunction("red", "router2", "ids2-in", "ids2-out", true));
        final var hops = new ArrayList<>(chains.hops().values());
        hops.removeIf(hop -> hop.name().equals("route"));
        hops.add(new Hop("red", "route", List.of("router", "router2"), Hop.FIVE_TUPLE));
        final ChainIntent changed = ChainIntent.of(functions, hops, chains.chains().values());
        assertEquals(ChainCompiler.compile(changed, intent, factsOf(intent)),
            memo.update(changed, intent, factsOf(intent)));
        assertEquals(2, memo.lastCompiled());
        assertEquals(1, memo.lastReused());
    }
}
