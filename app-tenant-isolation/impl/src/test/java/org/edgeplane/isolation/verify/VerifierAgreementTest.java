/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.verify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.testing.WitnessReplay;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.verify.Finding;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier against the tests' table model on random intents: a correct compile is proven and no random packet
 * crosses in the model; a compile with a random defect has every witness cross in the model, and every pair of
 * ports the model carries a random packet between across tenants is a finding; and a verifier that follows the
 * changes of a random sequence of rounds incrementally always answers what a fresh one does.
 */
public class VerifierAgreementTest {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierAgreementTest.class);
    private static final int INTENTS = 40;
    private static final List<String> SWITCHES = List.of("openflow:1", "openflow:2", "openflow:3");

    @Test
    public void correctCompilesAreProvenAndNoRandomPacketCrosses() {
        for (int seed = 0; seed < INTENTS; seed++) {
            final Random random = new Random(seed);
            final Intent intent = randomIntent(random);
            final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
            final VerificationReport report = verify(new Verifier(), intent, compiled, compiled.flowsBySwitch());
            assertTrue("seed " + seed + ": " + report.text(), report.proven());
            final Map<String, Set<String>> crossings = crossingsInModel(intent, compiled, compiled.flowsBySwitch(),
                random);
            assertEquals("seed " + seed, Map.of(), crossings);
        }
    }

    @Test
    public void defectsAreFoundWithWitnessesThatCrossAndEveryCrossingIsFound() {
        int witnesses = 0;
        int crossingPairs = 0;
        for (int seed = 0; seed < INTENTS; seed++) {
            final Random random = new Random(1000 + seed);
            final Intent intent = randomIntent(random);
            final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
            final Map<String, Map<String, FlowRecord>> flows = withRandomDefect(compiled, intent, random);
            final VerificationReport report = verify(new Verifier(), intent, compiled, flows);
            for (Finding finding : report.findings()) {
                WitnessReplay.replay(finding.witness(), flows, compiled.groupsBySwitch());
                witnesses++;
            }
            final Map<String, Set<String>> crossings = crossingsInModel(intent, compiled, flows, random);
            for (Map.Entry<String, Set<String>> crossing : crossings.entrySet()) {
                for (String target : crossing.getValue()) {
                    crossingPairs++;
                    assertTrue("seed " + seed + ": the model carries " + crossing.getKey() + " -> " + target
                        + " but the verifier says:\n" + report.text(), report.findings().stream().anyMatch(
                            finding -> finding.sourcePort().equals(crossing.getKey())
                                && target.equals(finding.targetPort())));
                }
            }
        }
        // Some defects change nothing (a flood sent to a port it already reaches, a tag swapped for its own).
        assertTrue("too few witnesses replayed: " + witnesses, witnesses >= INTENTS / 4);
        assertTrue("too few crossings seen in the model: " + crossingPairs, crossingPairs > 0);
        LOG.info("{} witnesses replayed across the table model; {} crossings the model found were all reported",
            witnesses, crossingPairs);
    }

    @Test
    public void incrementalVerificationAnswersWhatAFreshOneDoes() {
        final Random random = new Random(7);
        Intent intent = randomIntent(random);
        final var incremental = new Verifier();
        for (int round = 0; round < 60; round++) {
            intent = randomChange(intent, random);
            final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
            final Map<String, Map<String, FlowRecord>> flows = random.nextInt(3) == 0
                ? withRandomDefect(compiled, intent, random) : compiled.flowsBySwitch();
            final VerificationReport fresh = verify(new Verifier(), intent, compiled, flows);
            final VerificationReport followed = verify(incremental, intent, compiled, flows);
            assertEquals("round " + round, headlines(fresh), headlines(followed));
            assertEquals(fresh.sources(), followed.sources());
        }
    }

    @Test
    public void aVerifierOnABudgetGoesOnWhereItStoppedAndAnswersWhatAnUnboundedOneDoes() {
        for (int seed = 0; seed < 10; seed++) {
            final Random random = new Random(500 + seed);
            final Intent intent = randomIntent(random);
            final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
            final Map<String, Map<String, FlowRecord>> flows = seed % 2 == 0 ? compiled.flowsBySwitch()
                : withRandomDefect(compiled, intent, random);
            final VerificationReport unbounded = verify(new Verifier(Long.MAX_VALUE), intent, compiled, flows);
            final var budgeted = new Verifier(50);
            VerificationReport report = verify(budgeted, intent, compiled, flows);
            assertTrue("seed " + seed + ": a budget of 50 lookups finished at once", report.unfinished());
            int runs = 1;
            while (report.unfinished() && runs < 500) {
                report = verify(budgeted, intent, compiled, flows);
                runs++;
            }
            assertTrue("seed " + seed + " still unfinished after " + runs + " runs", !report.unfinished());
            assertEquals("seed " + seed, headlines(unbounded), headlines(report));
            assertEquals(unbounded.sources(), report.sources());
        }
    }

    private static List<String> headlines(final VerificationReport report) {
        return report.findings().stream().map(Finding::headline).sorted().toList();
    }

    private static VerificationReport verify(final Verifier verifier, final Intent intent,
            final CompiledIntent compiled, final Map<String, ? extends Map<String, FlowRecord>> flows) {
        return verifier.verify(new VerificationInput(flows, compiled.groupsBySwitch(), intent, compiled.edgeFacts(),
            List.of()));
    }

    /** Three switches with uplink 10 and VXLAN port 20; two or three tenants of one or two networks each. */
    static Intent randomIntent(final Random random) {
        final var builder = IntentFixtures.builder();
        for (int index = 0; index < SWITCHES.size(); index++) {
            builder.switchConfig(new SwitchConfig(SWITCHES.get(index), List.of("10"), SwitchProfile.OVS,
                "172.16.0." + (index + 1), "20"));
        }
        final int tenants = 2 + random.nextInt(2);
        int segment = 100;
        int host = 1;
        final var usedPorts = new HashMap<String, Set<Integer>>();
        for (int tenant = 0; tenant < tenants; tenant++) {
            final String tenantId = "t" + tenant;
            builder.tenant(tenantId);
            final int networks = 1 + random.nextInt(2);
            for (int network = 0; network < networks; network++) {
                final String networkId = tenantId + "n" + network;
                final boolean vxlan = random.nextBoolean();
                builder.network(new Network(networkId, tenantId, vxlan ? SegmentationType.VXLAN
                    : SegmentationType.VLAN, (long) (vxlan ? 5000 : 0) + segment++));
                final int ports = 2 + random.nextInt(3);
                for (int port = 0; port < ports; port++) {
                    final String switchId = SWITCHES.get(random.nextInt(SWITCHES.size()));
                    int number;
                    do {
                        // Ports 10 and 20 are the uplink and the tunnel port.
                        number = 1 + random.nextInt(40);
                    } while (number == 10 || number == 20
                        || !usedPorts.computeIfAbsent(switchId, key -> new HashSet<>()).add(number));
                    // Tenants reuse addresses on purpose: isolation must not depend on them differing.
                    Port made = new Port("p" + host, tenantId, networkId, switchId, Integer.toString(number),
                        IntentFixtures.mac(host), List.of("10.0." + network + "." + (port + 1)))
                        .withIsolated(random.nextInt(4) == 0);
                    if (random.nextInt(6) == 0) {
                        made = made.withAllowedAddressPairs(List.of(new AddressPair("10.9." + network + ".0/24",
                            null)));
                    }
                    builder.port(made);
                    host++;
                }
            }
        }
        return builder.build();
    }

    /** One port added, removed, made (not) isolated or moved. */
    private static Intent randomChange(final Intent intent, final Random random) {
        final var ports = new TreeMap<>(intent.ports());
        final List<Port> list = new ArrayList<>(ports.values());
        final Port port = list.get(random.nextInt(list.size()));
        switch (random.nextInt(4)) {
            case 0 -> ports.remove(port.id());
            case 1 -> ports.put(port.id(), port.withIsolated(!port.isolated()));
            case 2 -> {
                final String switchId = SWITCHES.get(random.nextInt(SWITCHES.size()));
                final String number = Integer.toString(41 + random.nextInt(20));
                if (ports.values().stream().noneMatch(other -> switchId.equals(other.switchId())
                        && number.equals(other.switchPort()))) {
                    ports.put(port.id(), port.movedTo(switchId, number));
                }
            }
            default -> {
                final String id = "q" + random.nextInt(1000);
                final String number = Integer.toString(61 + random.nextInt(60));
                if (!ports.containsKey(id) && ports.values().stream().noneMatch(other -> number.equals(
                        other.switchPort()) && port.switchId().equals(other.switchId()))) {
                    ports.put(id, new Port(id, port.tenantId(), port.networkId(), port.switchId(), number,
                        IntentFixtures.mac(0x1000 + random.nextInt(0xFFFF)), List.of("10.0.7." + random.nextInt(250))));
                }
            }
        }
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    /**
     * The compile with one random defect: a flood sent to another port too, a flood tagged or tunnelled as another
     * network, or a tunnel's isolated-source recognition dropped.
     */
    static Map<String, Map<String, FlowRecord>> withRandomDefect(final CompiledIntent compiled, final Intent intent,
            final Random random) {
        final var flows = new TreeMap<String, Map<String, FlowRecord>>(compiled.flowsBySwitch());
        final List<String> switchIds = new ArrayList<>(flows.keySet());
        final String switchId = switchIds.get(random.nextInt(switchIds.size()));
        final var mutated = new TreeMap<>(flows.get(switchId));
        final List<FlowRecord> floods = mutated.values().stream().filter(flow -> flow.table() == Table.L2_FORWARD
            && flow.priority() == 50).toList();
        if (floods.isEmpty()) {
            return flows;
        }
        final FlowRecord flood = floods.get(random.nextInt(floods.size()));
        final List<Long> endpoints = compiled.edgeFacts().places().values().stream()
            .filter(place -> place.switchId().equals(switchId)).map(EdgeFacts.PortPlace::ofPort).toList();
        final int kind = random.nextInt(3);
        final List<Action> extra = new ArrayList<>();
        // Another network's segment of the same kind, as a defect would pick it.
        final List<Long> segments = intent.networks().values().stream().filter(network -> network
            .segmentationType() == (kind == 1 ? SegmentationType.VLAN : SegmentationType.VXLAN))
            .map(Network::segmentationId).toList();
        final long otherSegment = segments.isEmpty() ? 0 : segments.get(random.nextInt(segments.size())) % 5000;
        if (kind == 0 && !endpoints.isEmpty()) {
            extra.add(new Action.Output(endpoints.get(random.nextInt(endpoints.size()))));
        }
        final var instructions = new ArrayList<Instruction>();
        for (Instruction instruction : flood.instructions()) {
            if (instruction instanceof Instruction.ApplyActions apply) {
                final var actions = new ArrayList<Action>();
                for (Action action : apply.actions()) {
                    if (kind == 1 && action instanceof Action.SetVlanId) {
                        actions.add(new Action.SetVlanId((int) otherSegment));
                    } else if (kind == 2 && action instanceof Action.SetTunnelId) {
                        actions.add(new Action.SetTunnelId(5000 + otherSegment));
                    } else {
                        actions.add(action);
                    }
                }
                actions.addAll(extra);
                instructions.add(new Instruction.ApplyActions(actions));
            } else {
                instructions.add(instruction);
            }
        }
        mutated.put(flood.id(), new FlowRecord(flood.flowId(), flood.table(), flood.priority(), flood.cookie(),
            flood.match(), instructions));
        flows.put(switchId, mutated);
        return flows;
    }

    /**
     * Sends random frames from every port in the table model (broadcast, unicast to every port's MAC whatever its
     * tenant, ARP, a spoofed source) and returns, by sender, the ports that received one across a tenant, a
     * network or between two isolated ports.
     */
    static Map<String, Set<String>> crossingsInModel(final Intent intent, final CompiledIntent compiled,
            final Map<String, ? extends Map<String, FlowRecord>> flows, final Random random) {
        final var model = new FlowTableModel(flows.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
            entry -> entry.getValue().values())));
        compiled.edgeFacts().places().forEach((portId, place) -> model.host(portId, place.switchId(),
            place.ofPort()));
        compiled.edgeFacts().fabric().paths().forEach((switchId, path) -> {
            if (!path.uplinks().isEmpty()) {
                model.uplink(switchId, path.uplinks().get(0));
            }
            if (path.tunnelIp() != null && path.tunnelPort().isPresent()) {
                model.tunnel(switchId, path.tunnelPort().getAsLong(), path.tunnelIp());
            }
        });
        final var crossings = new TreeMap<String, Set<String>>();
        for (String sender : compiled.edgeFacts().places().keySet()) {
            final Port from = intent.ports().get(sender);
            final String ip = from.ipAddresses().get(0);
            final var frames = new ArrayList<Frame>();
            frames.add(Frame.arpRequest(from.macAddress(), ip, "10.0." + random.nextInt(2) + "." + random.nextInt(6)));
            frames.add(Frame.ipv4(from.macAddress(), Frame.BROADCAST, ip, "10.0.0.255"));
            frames.add(Frame.ipv4(IntentFixtures.mac(0xEE), Frame.BROADCAST, ip, "10.0.0.255"));
            for (String receiver : compiled.edgeFacts().places().keySet()) {
                final Port to = intent.ports().get(receiver);
                frames.add(Frame.transport(6, from.macAddress(), to.macAddress(), ip, to.ipAddresses().get(0),
                    40_000, 80));
            }
            for (Frame frame : frames) {
                for (String receiver : model.receivers(sender, frame)) {
                    final Port to = intent.ports().get(receiver);
                    if (!receiver.equals(sender) && (!from.tenantId().equals(to.tenantId())
                            || !from.networkId().equals(to.networkId()) || from.isolated() && to.isolated())) {
                        crossings.computeIfAbsent(sender, key -> new TreeSet<>()).add(receiver);
                    }
                }
            }
        }
        return crossings;
    }
}
