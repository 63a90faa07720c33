/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.edgeplane.isolation.service.StatusReport;
import org.junit.Test;

public class OperatorViewsTest {
    @Test
    public void flowIdsNameTheObjectThatProducedThem() {
        assertEquals("port=r1", OperatorViews.producer("isolation:port-security:port=r1:ipv4=10.0.0.1"));
        assertEquals("network=red-web", OperatorViews.producer("isolation:flood:network=red-web:from=port"));
        assertEquals("port=r1", OperatorViews.producer("isolation:l2:port=r1"));
        assertEquals("switch", OperatorViews.producer("isolation:miss:classify"));
    }

    @Test
    public void flowsViewMarksInstalledPendingAndStaleFlows() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        final var desired = compiled.flowsOf("openflow:2");
        final String text = OperatorViews.flows("openflow:2", desired,
            Set.of("isolation:l2:port=r2", "isolation:l2:port=gone"));
        assertTrue(text, text.startsWith("openflow:2: " + desired.size() + " flows desired, 2 installed"));
        assertTrue(text, text.contains("port=r2                  isolation:l2:port=r2 installed"));
        assertTrue(text, text.contains("isolation:egress:port=r2 pending"));
        assertTrue(text, text.contains("port=gone isolation:l2:port=gone stale"));
    }

    @Test
    public void portsViewListsTenantsNetworksAndPortStatus() {
        final var intent = IntentFixtures.twoTenants();
        final var compiled = IsolationCompiler.compile(intent, Map.of());
        final var status = StatusReport.of(compiled, Map.of(), Set.of("openflow:1"));
        final String text = OperatorViews.ports(intent, status);
        assertTrue(text, text.contains("tenant red (red)"));
        assertTrue(text, text.contains("  network red-web vlan 101"));
        assertTrue(text, text.contains("    port r1 openflow:1 1 02:00:00:00:00:11 10.0.0.1 installed flows=5"));
        assertTrue(text, text.contains("    port r2 openflow:2 1 02:00:00:00:00:12 10.0.0.2 not-installed"));
        assertTrue(text, text.contains("switch-disconnected error=\"switch openflow:2 is not connected\""));
    }

    @Test
    public void countersViewShowsRoundsAndPerSwitchWritesAndErrors() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        final var accepted = new SwitchResult(10, 10, 10, Optional.empty());
        final var refused = new SwitchResult(8, 0, 8, Optional.of("flow write failed: refused"));
        final var waiting = new SwitchResult(8, 0, 0, Optional.of("waiting for the switch"));
        final RoundCounters counters = RoundCounters.NONE
            .afterRound("intent", 12, 18, Map.of(), RoundCounters.RoundTimes.NONE,
                Map.of("openflow:1", accepted, "openflow:2", refused))
            .afterRound("retry", 5, 8, Map.of(), RoundCounters.RoundTimes.NONE,
                Map.of("openflow:1", new SwitchResult(10, 10, 0, Optional.empty()), "openflow:2", waiting))
            .afterRound("retry", 7, 8, Map.of(), RoundCounters.RoundTimes.NONE, Map.of("openflow:2", accepted));
        assertEquals(new RoundCounters.SwitchWrites(1, 0), counters.writes().get("openflow:1"));
        assertEquals("a waiting takeover is no write", new RoundCounters.SwitchWrites(1, 1),
            counters.writes().get("openflow:2"));
        final var status = StatusReport.of(compiled, Map.of("openflow:2", refused), Set.of("openflow:1"))
            .withCounters(counters);
        final String text = OperatorViews.counters(status);
        assertTrue(text, text.startsWith("rounds 3, audits 0; last round 7 ms, 8 flow changes, cause: retry"));
        assertTrue(text, text.lines().anyMatch(line -> line.startsWith("openflow:1") && line.contains(" yes ")
            && line.matches(".* 1 +0  -$")));
        assertTrue(text, text.lines().anyMatch(line -> line.startsWith("openflow:2") && line.contains(" no ")
            && line.contains(" 1       1  ") && line.contains("refused")));
    }
}
