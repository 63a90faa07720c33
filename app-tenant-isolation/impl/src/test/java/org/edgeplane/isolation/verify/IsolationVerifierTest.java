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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.testing.WitnessReplay;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.verify.Finding;
import org.edgeplane.core.verify.IsolationProperty;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * The verifier on the isolation compiler's output: every golden intent's compile is proven isolated, and each
 * deliberate defect injected into the compiled flows is caught with a witness that really crosses when replayed
 * through the tests' table model.
 */
public class IsolationVerifierTest {
    private static final Intent TWO_TENANTS = IntentFixtures.twoTenants();
    private static final Intent OVERLAY = IntentFixtures.overlay();

    @Test
    public void everyGoldenIntentIsProvenIsolated() {
        for (Intent intent : List.of(TWO_TENANTS, OVERLAY, IntentFixtures.builder().tenant("t")
                .vlanNetwork("n", "t", 7)
                .port("p1", "t", "n", "openflow:5", "1", IntentFixtures.mac(1), "192.168.0.1", "2001:db8::1")
                .port("p2", "t", "n", "openflow:5", "2", IntentFixtures.mac(2), "192.168.0.2").build())) {
            final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
            final VerificationReport report = verify(intent, compiled, compiled.flowsBySwitch());
            assertTrue(report.text(), report.proven());
            assertEquals(compiled.edgeFacts().places().size(), report.sources());
            assertTrue("the walks delivered nothing", report.paths() > 0);
        }
    }

    @Test
    public void aNetworkFloodedWithAnotherTenantsVlanOnTheUplink() {
        assertCaught(TWO_TENANTS, "openflow:1", flood("0x10000650000/"),
            flow -> withActions(flow, action -> action instanceof Action.SetVlanId ? new Action.SetVlanId(201)
                : action), IsolationProperty.TENANT_ISOLATION, "b2");
    }

    @Test
    public void aTunnelIdSwappedForAnotherTenantsNetwork() {
        assertCaught(OVERLAY, "openflow:2", flood("0x20013890000/"),
            flow -> withActions(flow, action -> action instanceof Action.SetTunnelId ? new Action.SetTunnelId(6001)
                : action), IsolationProperty.TENANT_ISOLATION, "b2");
    }

    @Test
    public void aMissingSourceAddressCheck() {
        assertCaught(TWO_TENANTS, "openflow:1", flow -> flow.table() == Table.PORT_SECURITY
                && flow.id().contains("port=r1") && flow.id().contains("ipv4="),
            flow -> withMatch(flow, FlowMatch.builder().inPort(1).ethType(FlowMatch.ETH_IPV4)
                .ethSrc(IntentFixtures.mac(0x11)).build()), IsolationProperty.ANTI_SPOOFING, null);
    }

    @Test
    public void aMissingSourceMacCheck() {
        assertCaught(TWO_TENANTS, "openflow:1", flow -> flow.table() == Table.PORT_SECURITY
                && flow.id().contains("port=r1") && flow.id().contains("arp="),
            flow -> withMatch(flow, FlowMatch.builder().inPort(1).arpSender("10.0.0.1/32", IntentFixtures.mac(0x11))
                .build()), IsolationProperty.ANTI_SPOOFING, null);
    }

    @Test
    public void aBroadcastToAnotherNetworksPort() {
        assertCaught(TWO_TENANTS, "openflow:1", flood("0x10000650000/"),
            flow -> withActions(flow, action -> action, new Action.Output(2)), IsolationProperty.NETWORK_ISOLATION,
            "r4");
    }

    @Test
    public void anIsolatedPortsFloodReachingAnotherIsolatedPort() {
        assertCaught(OVERLAY, "openflow:2", flood("0x3020013890000/"),
            flow -> withActions(flow, action -> action, new Action.Output(3)), IsolationProperty.ISOLATED_PORTS,
            "a4");
    }

    @Test
    public void anIsolatedSourceNoLongerRecognisedFromTheTunnel() {
        assertCaught(OVERLAY, "openflow:2", flow -> flow.table() == Table.CLASSIFY && flow.priority() == 150,
            flow -> null, IsolationProperty.ISOLATED_PORTS, "a4");
    }

    @Test
    public void aFloodWithATooWideMetadataMask() {
        assertCaught(OVERLAY, "openflow:1", flood("0x20017710000/"),
            // Above the other floods, so that a switch takes it for every network (at their priority it would be
            // ambiguous, which the table model refuses to replay).
            flow -> new FlowRecord(flow.flowId(), flow.table(), 60, flow.cookie(),
                flow.match().toBuilder().metadata(0, 0x3L << 48).build(), flow.instructions()),
            IsolationProperty.TENANT_ISOLATION, "b2");
    }

    @Test
    public void aPortClassifiedIntoAnotherNetworkOfItsTenant() {
        assertCaught(TWO_TENANTS, "openflow:1", flow -> flow.table() == Table.CLASSIFY
                && flow.match().inPort() != null && flow.match().inPort() == 2,
            flow -> withInstructions(flow, List.of(new Instruction.WriteMetadata(0x10000650000L,
                0xfff3ffffffffffffL), new Instruction.GotoTable(Table.PORT_SECURITY))),
            IsolationProperty.NETWORK_ISOLATION, "r1");
    }

    @Test
    public void anUplinkTagClassifiedIntoAnotherTenant() {
        assertCaught(TWO_TENANTS, "openflow:2", flow -> flow.table() == Table.CLASSIFY
                && Integer.valueOf(101).equals(flow.match().vlanVid()),
            flow -> withInstructions(flow, List.of(new Instruction.ApplyActions(List.of(new Action.PopVlan())),
                new Instruction.WriteMetadata(0x1010000c90000L, 0xfff3ffffffffffffL),
                new Instruction.GotoTable(Table.SERVICE_CHAIN))), IsolationProperty.TENANT_ISOLATION, "b2");
    }

    @Test
    public void anArpAnswerSentToAnotherTenantsPort() {
        assertCaught(OVERLAY, "openflow:1", flow -> flow.table() == Table.ARP_RESPONDER && flow.priority() > 0
                && flow.match().toString().contains("arp_tpa=10.1.0.2/32"),
            flow -> withActions(flow, action -> action instanceof Action.OutputInPort ? new Action.Output(4)
                : action), IsolationProperty.TENANT_ISOLATION, "b2");
    }

    private static Predicate<FlowRecord> flood(final String metadataPrefix) {
        return flow -> flow.table() == Table.L2_FORWARD && flow.priority() == 50
            && flow.match().toString().contains("metadata=" + metadataPrefix);
    }

    /**
     * Compiles the intent, applies the defect to the flows of one switch the predicate picks (exactly one must be
     * picked; a null from the defect removes the flow), and asserts the verifier reports the property with a
     * witness that, replayed through the table model, really leaves where the witness says.
     */
    private static void assertCaught(final Intent intent, final String switchId, final Predicate<FlowRecord> pick,
            final UnaryOperator<FlowRecord> defect, final IsolationProperty property, final String target) {
        final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
        final var flows = new TreeMap<String, Map<String, FlowRecord>>(compiled.flowsBySwitch());
        final var mutated = new HashMap<>(flows.get(switchId));
        final List<FlowRecord> picked = mutated.values().stream().filter(pick).toList();
        assertEquals("flows picked: " + picked, 1, picked.size());
        final FlowRecord changed = defect.apply(picked.get(0));
        if (changed == null) {
            mutated.remove(picked.get(0).id());
        } else {
            mutated.put(changed.id(), changed);
        }
        flows.put(switchId, mutated);
        final VerificationReport report = verify(intent, compiled, flows);
        final List<Finding> caught = report.findings().stream().filter(finding -> finding.property() == property
            && (target == null || target.equals(finding.targetPort()))).toList();
        assertTrue("not caught as " + property + " to " + target + ": " + report.text(), !caught.isEmpty());
        for (Finding finding : report.findings()) {
            final Frame arrived = WitnessReplay.replay(finding.witness(), flows, compiled.groupsBySwitch());
            assertTrue(finding.text(), arrived != null);
        }
    }

    private static VerificationReport verify(final Intent intent, final CompiledIntent compiled,
            final Map<String, ? extends Map<String, FlowRecord>> flows) {
        return new Verifier().verify(new VerificationInput(flows, compiled.groupsBySwitch(), intent,
            compiled.edgeFacts(), List.of()));
    }

    private static FlowRecord withMatch(final FlowRecord flow, final FlowMatch match) {
        return new FlowRecord(flow.flowId(), flow.table(), flow.priority(), flow.cookie(), match,
            flow.instructions());
    }

    private static FlowRecord withInstructions(final FlowRecord flow, final List<Instruction> instructions) {
        return new FlowRecord(flow.flowId(), flow.table(), flow.priority(), flow.cookie(), flow.match(),
            instructions);
    }

    private static FlowRecord withActions(final FlowRecord flow, final UnaryOperator<Action> change,
            final Action... extra) {
        final var instructions = new ArrayList<Instruction>();
        for (Instruction instruction : flow.instructions()) {
            if (instruction instanceof Instruction.ApplyActions apply) {
                final var actions = new ArrayList<Action>();
                apply.actions().forEach(action -> actions.add(change.apply(action)));
                actions.addAll(List.of(extra));
                instructions.add(new Instruction.ApplyActions(actions));
            } else {
                instructions.add(instruction);
            }
        }
        return withInstructions(flow, instructions);
    }
}
