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
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.Test;

/**
 * A bad object fails alone: a port whose compile throws, a port bound to a reserved switch port, and a second claim
 * on a switch port another port holds each leave every other port, on the same and on other switches, with its
 * flows, and the status says why.
 */
public class FailureIsolationTest {
    private static final Map<String, SwitchFacts> INVENTORY = Map.of(
        "openflow:1", new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L, "s1-eth3", 3L, "s1", 0xFFFFFFFEL)),
        "openflow:2", new SwitchFacts("openflow:2", Map.of("s2-eth1", 1L, "s2", 0xFFFFFFFEL)));

    private static long portCookie(final String portId) {
        return Cookies.of(Owner.ISOLATION, ObjectKind.PORT, portId);
    }

    private static boolean hasFlowsOf(final CompiledIntent compiled, final String portId) {
        return compiled.flowsBySwitch().values().stream().flatMap(flows -> flows.values().stream())
            .anyMatch(flow -> flow.cookie() == portCookie(portId));
    }

    private static void assertConverged(final CompiledIntent compiled, final String... portIds) {
        for (String portId : portIds) {
            final PortOutcome outcome = compiled.ports().get(portId);
            assertEquals(portId + ": " + outcome, Optional.empty(), outcome.error());
            assertTrue(portId, outcome.flowCount() > 0);
            assertTrue(portId, hasFlowsOf(compiled, portId));
        }
    }

    private static List<Long> floodOutputs(final CompiledIntent compiled, final String switchId,
            final String networkId) {
        final FlowRecord flood = compiled.flowsOf(switchId).get("isolation:flood:network=" + networkId
            + ":from=port");
        return flood.instructions().stream().filter(Instruction.ApplyActions.class::isInstance)
            .flatMap(apply -> ((Instruction.ApplyActions) apply).actions().stream())
            .filter(Action.Output.class::isInstance).map(output -> ((Action.Output) output).port()).toList();
    }

    @Test
    public void aPortWhoseCompileThrowsFailsAlone() {
        final var compiler = new IsolationCompiler(port -> {
            if (port.id().equals("r1")) {
                throw new IllegalStateException("injected fault");
            }
        });
        final CompiledIntent compiled = compiler.update(IntentFixtures.twoTenants(), INVENTORY,
            IntentChanges.between(Intent.EMPTY, IntentFixtures.twoTenants()));
        final PortOutcome r1 = compiled.ports().get("r1");
        assertTrue(r1.toString(), r1.error().orElseThrow().startsWith(IsolationCompiler.COMPILE_FAILED));
        assertTrue(r1.toString(), r1.error().orElseThrow().contains("injected fault"));
        assertFalse(hasFlowsOf(compiled, "r1"));
        // r3 shares r1's switch and network, r2 its network on the other switch, r4 and b1 its switch.
        assertConverged(compiled, "r2", "r3", "r4", "b1", "b2");
        assertEquals(List.of(3L, 10L), floodOutputs(compiled, "openflow:1", "red-web"));
    }

    @Test
    public void aPortOnTheBridgesLocalPortFailsAloneWhileOthersConverge() {
        final Intent intent = IntentFixtures.builder().tenant("red").tenant("blue")
            .vlanNetwork("red-web", "red", 101).vlanNetwork("blue-web", "blue", 201)
            .uplinks("openflow:1", "10").uplinks("openflow:2", "10")
            .port("local", "red", "red-web", "openflow:1", "s1", mac(0x11), "10.0.0.1")
            .port("r2", "red", "red-web", "openflow:1", "s1-eth3", mac(0x12), "10.0.0.2")
            .port("b1", "blue", "blue-web", "openflow:2", "s2-eth1", mac(0x21), "10.0.0.1")
            .build();
        final CompiledIntent compiled = IsolationCompiler.compile(intent, INVENTORY);
        assertTrue(compiled.ports().get("local").toString(), compiled.ports().get("local").error().orElseThrow()
            .contains("is OpenFlow port LOCAL, a reserved port"));
        assertFalse(hasFlowsOf(compiled, "local"));
        assertConverged(compiled, "r2", "b1");
    }

    @Test
    public void theHolderOfASwitchPortKeepsItAndTheStatusNamesBoth() {
        final Intent holderOnly = IntentFixtures.builder().tenant("red").tenant("blue")
            .vlanNetwork("red-web", "red", 101).vlanNetwork("blue-web", "blue", 201)
            .port("zz-holder", "red", "red-web", "openflow:1", "1", mac(0x11), "10.0.0.1")
            .port("r2", "red", "red-web", "openflow:1", "3", mac(0x12), "10.0.0.2")
            .build();
        // The newcomer claims port 1 by name and sorts first: it still gets nothing.
        final Intent withNewcomer = IntentFixtures.builder().tenant("red").tenant("blue")
            .vlanNetwork("red-web", "red", 101).vlanNetwork("blue-web", "blue", 201)
            .port("zz-holder", "red", "red-web", "openflow:1", "1", mac(0x11), "10.0.0.1")
            .port("r2", "red", "red-web", "openflow:1", "3", mac(0x12), "10.0.0.2")
            .port("aa-newcomer", "blue", "blue-web", "openflow:1", "s1-eth1", mac(0x21), "10.0.0.9")
            .build();
        final var compiler = new IsolationCompiler();
        compiler.update(holderOnly, INVENTORY, IntentChanges.between(Intent.EMPTY, holderOnly));
        final CompiledIntent contested = compiler.update(withNewcomer, INVENTORY,
            IntentChanges.between(holderOnly, withNewcomer));
        assertConverged(contested, "zz-holder", "r2");
        final PortOutcome newcomer = contested.ports().get("aa-newcomer");
        assertFalse(hasFlowsOf(contested, "aa-newcomer"));
        assertEquals(Optional.of("zz-holder"), newcomer.heldBy());
        assertTrue(newcomer.toString(), newcomer.error().orElseThrow().contains("is held by port zz-holder"));
        assertEquals(List.of(3L), floodOutputs(contested, "openflow:1", "red-web").stream()
            .filter(port -> port != 1L).toList());
        final var status = org.edgeplane.isolation.service.StatusReport.of(contested, Map.of(), INVENTORY.keySet());
        assertEquals(List.of("aa-newcomer"), status.ports().get("zz-holder").contestedBy());
        assertTrue(status.ports().get("zz-holder").flowsInstalled());

        // When the holder leaves, the newcomer gets the switch port.
        final var ports = new java.util.ArrayList<>(withNewcomer.ports().values());
        ports.removeIf(port -> port.id().equals("zz-holder"));
        final Intent holderGone = Intent.of(withNewcomer.tenants().values(), withNewcomer.networks().values(), ports,
            withNewcomer.switches().values());
        assertConverged(compiler.update(holderGone, INVENTORY, IntentChanges.between(withNewcomer, holderGone)),
            "aa-newcomer", "r2");
    }

    @Test
    public void aRenamedPortNeverMovesToANewHolder() {
        // Both claims are by name; the switch then renumbers so that both names resolve to port 1.
        final Intent intent = IntentFixtures.builder().tenant("red").vlanNetwork("red-web", "red", 101)
            .port(new Port("b-first", "red", "red-web", "openflow:1", "s1-eth1", mac(0x11), List.of("10.0.0.1")))
            .port(new Port("a-second", "red", "red-web", "openflow:1", "s1-eth3", mac(0x12), List.of("10.0.0.2")))
            .build();
        final var compiler = new IsolationCompiler();
        compiler.update(intent, INVENTORY, IntentChanges.between(Intent.EMPTY, intent));
        final Map<String, SwitchFacts> renumbered = Map.of("openflow:1",
            new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L, "s1-eth3", 1L)));
        final CompiledIntent after = compiler.update(intent, renumbered, IntentChanges.between(intent, intent));
        assertConverged(after, "b-first");
        assertEquals(Optional.of("b-first"), after.ports().get("a-second").heldBy());
        assertFalse(hasFlowsOf(after, "a-second"));
    }
}
