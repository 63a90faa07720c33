/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.TenantName;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * A chain whose compile throws fails alone: every other chain gets exactly the flows and groups it gets without the
 * broken one, the broken chain's error names it, and its traffic meets its failure policy.
 */
public class ChainFailureIsolationTest {
    private static final TenantName WEB = new TenantName("red", "web");
    private static final Intent INTENT = ChainFixtures.topology(SwitchProfile.OVS);
    private static final CompiledIntent COMPILED = IsolationCompiler.compile(INTENT, Map.of());

    /** The fixture's web chain (r1 to r2 through ids and the router) and an ssh chain from r3 through the router. */
    private static ChainIntent twoChains(final FailurePolicy webPolicy, final boolean withWeb) {
        final ChainIntent fixture = ChainFixtures.chain(true, webPolicy, "ids");
        final var chains = new ArrayList<ServiceChain>();
        if (withWeb) {
            chains.addAll(fixture.chains().values());
        }
        chains.add(new ServiceChain("red", "ssh", List.of("route"), List.of(Classifier.from("ssh", "r3")
            .withProtocol("tcp").withPorts(null, Classifier.PortRange.of(22, 22)).withDestinationPort("r2")), true,
            FailurePolicy.FAIL_OPEN));
        return ChainIntent.of(List.copyOf(fixture.functions().values()), List.of(
            new Hop("red", "inspect", List.of("ids"), Hop.FIVE_TUPLE),
            new Hop("red", "route", List.of("router"), Hop.FIVE_TUPLE)), chains);
    }

    private static ChainFlows compile(final ChainIntent chains, final ChainFault faults) {
        return ChainCompiler.compile(chains, INTENT, COMPILED.edgeFacts(), faults);
    }

    private static ChainFault failing(final boolean alsoBlackhole) {
        return (chain, blackhole) -> {
            if (chain.key().equals(WEB) && (!blackhole || alsoBlackhole)) {
                throw new IllegalStateException("injected fault");
            }
        };
    }

    @Test
    public void aFailOpenChainThatThrowsLeavesTheOtherChainsExactlyAsWithoutIt() {
        final ChainFlows alone = compile(twoChains(FailurePolicy.FAIL_OPEN, false), ChainFault.NONE);
        final ChainFlows broken = compile(twoChains(FailurePolicy.FAIL_OPEN, true), failing(false));
        assertEquals(alone.flowsBySwitch(), broken.flowsBySwitch());
        assertEquals(alone.groupsBySwitch(), broken.groupsBySwitch());
        assertEquals(alone.hopByCookie(), broken.hopByCookie());
        assertEquals(alone.status(), broken.status());
        assertEquals(Map.of(WEB, "compile failed: injected fault; its traffic is not steered (fail-open)"),
            broken.errors());
        assertTrue(broken.problems().toString(), broken.problems().contains("chain red/web: compile failed: "
            + "injected fault; its traffic is not steered (fail-open)"));
    }

    @Test
    public void aFailClosedChainThatThrowsDropsWhatItClassifiesAndTheOtherChainsStayIntact() {
        final ChainFlows alone = compile(twoChains(FailurePolicy.FAIL_CLOSED, false), ChainFault.NONE);
        final ChainFlows broken = compile(twoChains(FailurePolicy.FAIL_CLOSED, true), failing(false));
        assertEquals("compile failed: injected fault; its classified traffic is dropped (fail-closed)",
            broken.errors().get(WEB));
        assertEquals(alone.groupsBySwitch(), broken.groupsBySwitch());
        final List<FlowRecord> webFlows = extra(alone, broken);
        assertFalse(webFlows.isEmpty());
        for (FlowRecord flow : webFlows) {
            assertTrue(flow.toString(), flow.id().startsWith("insertion:classify:red/web:"));
            assertEquals(flow.toString(), List.of(), flow.instructions());
        }
    }

    @Test
    public void aFailClosedChainWhoseClassifiersCannotCompileQuarantinesItsClassifierPorts() {
        final ChainFlows alone = compile(twoChains(FailurePolicy.FAIL_CLOSED, false), ChainFault.NONE);
        final ChainFlows broken = compile(twoChains(FailurePolicy.FAIL_CLOSED, true), failing(true));
        assertEquals("compile failed: injected fault; everything its classifiers' ports send in its network is "
            + "dropped (fail-closed)", broken.errors().get(WEB));
        final var quarantined = extra(alone, broken).stream().map(flow -> flow.id() + " in_port="
            + flow.match().inPort() + " " + flow.instructions()).sorted().toList();
        // The symmetric web chain classifies at r1 (s1 port 1) and, for replies, at r2 (s2 port 1).
        assertEquals(List.of("insertion:quarantine:red/web:r1 in_port=1 []",
            "insertion:quarantine:red/web:r2 in_port=1 []"), quarantined);
        assertEquals(alone.groupsBySwitch(), broken.groupsBySwitch());
    }

    /** The flows {@code broken} has beyond {@code alone}'s, after checking it holds every one of alone's. */
    private static List<FlowRecord> extra(final ChainFlows alone, final ChainFlows broken) {
        final var extra = new ArrayList<FlowRecord>();
        broken.flowsBySwitch().forEach((switchId, flows) -> flows.forEach((id, flow) -> {
            if (!flow.equals(alone.flowsBySwitch().getOrDefault(switchId, Map.of()).get(id))) {
                extra.add(flow);
            }
        }));
        alone.flowsBySwitch().forEach((switchId, flows) -> assertEquals(switchId, flows.size(), broken.flowsBySwitch()
            .get(switchId).size() - extra.stream().filter(flow -> broken.flowsBySwitch().get(switchId)
                .containsKey(flow.id())).count()));
        return extra;
    }
}
