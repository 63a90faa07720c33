/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.FlowMaps;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.junit.Test;

/** The firewall's golden compile, with isolation's flows, is proven isolated on both profiles. */
public class FirewallVerifierTest {
    @Test
    public void theGoldenFirewallIsProvenIsolatedOnBothProfiles() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final Intent intent = FirewallFixtures.withProfile(FirewallFixtures.withProfile(
                IntentFixtures.twoTenants(), "openflow:1", profile), "openflow:2", profile);
            final VerificationReport report = new Verifier().verify(new VerificationInput(FlowMaps.byId(
                FirewallFixtures.allFlows(intent, FirewallCompilerGoldenTest.EVERY_RULE_KIND)), Map.of(), intent,
                FirewallFixtures.factsOf(intent), List.of()));
            assertTrue(profile + ": " + report.text(), report.proven());
            assertTrue(report.paths() > 0);
        }
    }
}
