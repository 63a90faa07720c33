/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.FlowMaps;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/** The golden chains, with isolation's flows, are proven isolated on both profiles. */
public class ChainVerifierTest {
    @Test
    public void theGoldenChainIsProvenOnBothProfiles() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final Intent intent = ChainFixtures.topology(profile);
            final ChainIntent chains = ChainFixtures.chain(true, FailurePolicy.FAIL_OPEN, "ids", "ids2");
            final CompiledIntent isolation = IsolationCompiler.compile(intent, Map.of());
            final ChainFlows flows = ChainCompiler.compile(chains, intent, isolation.edgeFacts());
            final VerificationReport report = new Verifier().verify(new VerificationInput(
                FlowMaps.union(isolation.flowsBySwitch(), flows.flowsBySwitch()),
                FlowMaps.groups(isolation.groupsBySwitch(), flows.groupsBySwitch()), intent, isolation.edgeFacts(),
                List.of()));
            assertTrue(profile + ": " + report.text(), report.proven());
        }
    }
}
