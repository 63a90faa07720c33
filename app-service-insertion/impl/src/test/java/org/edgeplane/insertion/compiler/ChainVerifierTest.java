/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.FlowMaps;
import org.edgeplane.core.testing.WitnessReplay;
import org.edgeplane.core.verify.Finding;
import org.edgeplane.core.verify.IsolationProperty;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * The golden chains, with isolation's flows and the chains' declared steering, are proven on both profiles; a
 * classifier that takes more than the chain's traffic, and a chain that skips its first hop, are caught with
 * witnesses that replay through the table model.
 */
public class ChainVerifierTest {
    private static final ChainIntent CHAINS = ChainFixtures.chain(true, FailurePolicy.FAIL_OPEN, "ids", "ids2");

    @Test
    public void theGoldenChainIsProvenOnBothProfiles() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final Scene scene = new Scene(profile);
            final VerificationReport report = scene.verify(scene.flows);
            assertTrue(profile + ": " + report.text(), report.proven());
        }
    }

    @Test
    public void aHopWithoutALiveInstanceIsSkippedFailingOpenAndTheChainDropsFailingClosedBothProven() {
        // The router's ingress (openflow:2 port 5) down; then the first hop's two instances down.
        for (Set<Long> down : List.of(Set.of(5L), Set.of(7L, 8L))) {
            for (FailurePolicy policy : FailurePolicy.values()) {
                final var chains = ChainFixtures.chain(true, policy, "ids2");
                final Scene scene = new Scene(SwitchProfile.OVS, chains, Map.of("openflow:2",
                    new SwitchFacts("openflow:2", Map.of(), null, down)));
                final VerificationReport report = scene.verify(scene.flows);
                assertTrue(policy + " with " + down + " down: " + report.text(), report.proven());
            }
        }
    }

    @Test
    public void aClassifierThatTakesMoreThanTheChainsTrafficIsCaught() {
        final Scene scene = new Scene(SwitchProfile.OVS);
        final Finding finding = scene.caught(scene.classifierOfR1(flow -> new FlowRecord(flow.flowId(),
            flow.table(), flow.priority(), flow.cookie(), flow.match().toBuilder().ports(null, null).build(),
            flow.instructions())));
        assertTrue(finding.text(), finding.summary().contains("classifiers do not admit it"));
        assertTrue(finding.text(), finding.witness().frame().l4().dstPort() != 80);
    }

    @Test
    public void aChainThatSkipsItsFirstHopIsCaught() {
        final Scene scene = new Scene(SwitchProfile.OVS);
        final long secondHop = scene.flows.get("openflow:1").values().stream()
            .filter(flow -> flow.table() == Table.SERVICE_CHAIN && Long.valueOf(6).equals(flow.match().inPort()))
            .flatMap(flow -> flow.instructions().stream()).filter(Instruction.ApplyActions.class::isInstance)
            .flatMap(apply -> ((Instruction.ApplyActions) apply).actions().stream())
            .filter(Action.Group.class::isInstance).map(action -> ((Action.Group) action).groupId()).findFirst()
            .orElseThrow();
        final Finding finding = scene.caught(scene.classifierOfR1(flow -> new FlowRecord(flow.flowId(),
            flow.table(), flow.priority(), flow.cookie(), flow.match(), List.of(new Instruction.ApplyActions(
                List.of(new Action.Group(secondHop)))))));
        assertEquals("router-in", finding.targetPort());
        assertTrue(finding.text(), finding.summary().contains("no chain's hop order takes it to"));
    }

    /** The topology, its compiled flows and groups, and the chains' steering. */
    private static final class Scene {
        private final Intent intent;
        private final ChainIntent chains;
        private final CompiledIntent isolation;
        private final Map<String, Map<String, FlowRecord>> flows;
        private final Map<String, Map<Long, GroupRecord>> groups;

        Scene(final SwitchProfile profile) {
            this(profile, CHAINS, Map.of());
        }

        Scene(final SwitchProfile profile, final ChainIntent chains, final Map<String, SwitchFacts> inventory) {
            intent = ChainFixtures.topology(profile);
            this.chains = chains;
            isolation = IsolationCompiler.compile(intent, inventory);
            final ChainFlows chainFlows = ChainCompiler.compile(chains, intent, isolation.edgeFacts());
            flows = FlowMaps.union(isolation.flowsBySwitch(), chainFlows.flowsBySwitch());
            groups = FlowMaps.groups(isolation.groupsBySwitch(), chainFlows.groupsBySwitch());
        }

        VerificationReport verify(final Map<String, Map<String, FlowRecord>> someFlows) {
            return new Verifier().verify(new VerificationInput(someFlows, groups, intent, isolation.edgeFacts(),
                ChainCompiler.steering(chains, intent, isolation.edgeFacts())));
        }

        /** The flows with r1's classifying flow on openflow:1 changed. */
        Map<String, Map<String, FlowRecord>> classifierOfR1(final UnaryOperator<FlowRecord> defect) {
            final var changed = new TreeMap<>(flows);
            final var switchFlows = new TreeMap<>(flows.get("openflow:1"));
            final List<FlowRecord> picked = new ArrayList<>(switchFlows.values().stream().filter(flow -> flow.table()
                == Table.SERVICE_CHAIN && flow.priority() == 100 && Long.valueOf(1).equals(flow.match().inPort()))
                .toList());
            assertEquals(1, picked.size());
            final FlowRecord mutated = defect.apply(picked.get(0));
            switchFlows.put(mutated.id(), mutated);
            changed.put("openflow:1", switchFlows);
            return changed;
        }

        /** The service-chain finding of the mutated flows, whose witness replays to where it says. */
        Finding caught(final Map<String, Map<String, FlowRecord>> mutated) {
            final VerificationReport report = verify(mutated);
            final List<Finding> found = report.findings().stream()
                .filter(finding -> finding.property() == IsolationProperty.SERVICE_CHAIN).toList();
            assertTrue(report.text(), !found.isEmpty());
            report.findings().forEach(finding -> WitnessReplay.replay(finding.witness(), mutated, groups));
            return found.get(0);
        }
    }
}
