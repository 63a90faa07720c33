/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class FlowAuditTest {
    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");
    private static final Map<String, Set<String>> INSTALLED = Map.of("openflow:1", Set.of("a", "b", "c"),
        "openflow:2", Set.of("x"));

    private final FlowAudit audit = new FlowAudit(Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    public void aSwitchMissingFlowsPastTheGraceIsResynchronisedOnceThenRestsForTheCoolDown() {
        final var wiped = Map.of("openflow:1", Set.<String>of(), "openflow:2", Set.of("x"));
        assertEquals(Map.of(), audit.audit(INSTALLED, wiped, T0));
        assertEquals(Map.of(), audit.audit(INSTALLED, wiped, T0.plusSeconds(9)));
        assertEquals(Map.of("openflow:1", 3), audit.audit(INSTALLED, wiped, T0.plusSeconds(10)));
        assertEquals(Map.of(), audit.audit(INSTALLED, wiped, T0.plusSeconds(25)));
        assertEquals(Map.of("openflow:1", 3), audit.audit(INSTALLED, wiped, T0.plusSeconds(41)));
    }

    @Test
    public void flowsThatShowUpWithinTheGraceCauseNoResync() {
        assertEquals(Map.of(), audit.audit(INSTALLED, Map.of("openflow:1", Set.of("a")), T0));
        assertEquals(Map.of(), audit.audit(INSTALLED, Map.of("openflow:1", Set.of("a", "b", "c")),
            T0.plusSeconds(5)));
        // Missing again later: the grace starts over.
        assertEquals(Map.of(), audit.audit(INSTALLED, Map.of("openflow:1", Set.of("a")), T0.plusSeconds(12)));
        assertEquals(Map.of("openflow:1", 2), audit.audit(INSTALLED, Map.of("openflow:1", Set.of("a")),
            T0.plusSeconds(22)));
    }

    @Test
    public void aSwitchWithoutStatisticsIsNotJudged() {
        assertEquals(Map.of(), audit.audit(INSTALLED, Map.of(), T0));
        assertEquals(Map.of(), audit.audit(INSTALLED, Map.of(), T0.plusSeconds(60)));
    }

    @Test
    public void flowsAreCountedPerCookieWhateverIdsTheSwitchReportsThemUnder() {
        final var installed = Map.of("openflow:1", FlowAudit.identities(List.of(7L, 7L, 9L)));
        assertEquals(Map.of(), audit.audit(installed, Map.of("openflow:1", FlowAudit.identities(List.of(9L, 7L,
            7L))), T0.plusSeconds(60)));
        audit.audit(installed, Map.of("openflow:1", FlowAudit.identities(List.of(7L, 9L))), T0);
        assertEquals(Map.of("openflow:1", 1), audit.audit(installed, Map.of("openflow:1",
            FlowAudit.identities(List.of(7L, 9L))), T0.plusSeconds(10)));
    }

    @Test
    public void flowsBeyondTheDesiredOnesAreStraysAfterTheGracePeriodAndNotAgainBeforeTheCoolDown() {
        final Instant start = Instant.parse("2026-12-04T00:00:00Z");
        final var reported = Map.of("openflow:1", FlowAudit.identities(List.of(0xed01L, 0xed01L, 0xed02L, 0xed03L)));
        // One flow of 0xed01 is desired, two are held; 0xed02 and 0xed03 name deleted objects.
        final var desired = Map.of("openflow:1", Map.of(0xed01L, 1));
        assertEquals(Map.of(), audit.strays(desired, reported, start));
        assertEquals(Map.of("openflow:1", Set.of(0xed01L, 0xed02L, 0xed03L)), audit.strays(desired, reported,
            start.plusSeconds(10)));
        assertEquals(Map.of(), audit.strays(desired, reported, start.plusSeconds(20)));
        // Desired again (the object came back): never removed. Still stray after the cool-down: due again.
        final var desiredAgain = Map.of("openflow:1", Map.of(0xed01L, 2, 0xed02L, 1));
        assertEquals(Map.of("openflow:1", Set.of(0xed03L)), audit.strays(desiredAgain, reported,
            start.plusSeconds(40)));
        // Gone from the switch: forgotten, so a later stray waits its own grace period.
        final var clean = Map.of("openflow:1", FlowAudit.identities(List.of(0xed01L)));
        assertEquals(Map.of(), audit.strays(desired, clean, start.plusSeconds(50)));
        assertEquals(Map.of(), audit.strays(desired, reported, start.plusSeconds(51)));
    }
}
