/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.GoldenFiles;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * Chains in, exact steering flows and select groups out, on both profiles: a symmetric, fail-open chain whose first
 * hop has a local and a remote instance (so both a local output and an MPLS-labelled bucket appear) and whose second
 * is a routed appliance. Dumps in src/test/resources/golden (see {@link GoldenFiles}).
 */
public class ChainCompilerGoldenTest {
    private static void assertGolden(final String name, final SwitchProfile profile) throws IOException {
        final Intent intent = ChainFixtures.topology(profile);
        final ChainIntent chains = ChainFixtures.chain(true, FailurePolicy.FAIL_OPEN, "ids", "ids2");
        final ChainFlows flows = ChainCompiler.compile(chains, intent,
            IsolationCompiler.compile(intent, Map.of()).edgeFacts());
        assertEquals(List.of(), flows.problems());
        GoldenFiles.assertGolden(name, GoldenFiles.render(flows.flowsBySwitch(), flows.groupsBySwitch()));
    }

    @Test
    public void aSymmetricTwoHopChainOnOvsSwitches() throws IOException {
        assertGolden("chain-ovs", SwitchProfile.OVS);
    }

    @Test
    public void aSymmetricTwoHopChainOnOf13Switches() throws IOException {
        assertGolden("chain-of13", SwitchProfile.OF13);
    }

    @Test
    public void sameIntentGivesTheSameFlowsAndGroups() {
        final Intent intent = ChainFixtures.topology(SwitchProfile.OVS);
        final ChainIntent chains = ChainFixtures.chain(true, FailurePolicy.FAIL_OPEN, "ids", "ids2");
        final var compiled = IsolationCompiler.compile(intent, Map.of());
        assertEquals(ChainCompiler.compile(chains, intent, compiled.edgeFacts()), ChainCompiler.compile(chains, intent,
            compiled.edgeFacts()));
    }
}
