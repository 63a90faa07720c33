/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.FakeSwitches;
import org.junit.Test;

/**
 * A controller taking switches over from another (a new cluster leader, or a restart) through the content ledger:
 * a switch that holds exactly what was last committed is adopted without a write; any doubt means a full rewrite,
 * except a switch that does not answer, which waits.
 */
public class TakeoverTest {
    private final FakeSwitches switches = new FakeSwitches();
    private final Ledger ledger = new Ledger();

    /** A ledger in memory, whose switch counts are what the fake switches hold. */
    private final class Ledger implements ContentLedger {
        final Map<String, String> records = new HashMap<>();
        boolean answering = true;

        @Override
        public Holding holds(final String switchId, final SwitchContent content) {
            if (!content.fingerprint().equals(records.get(switchId))) {
                return Holding.NOT_KNOWN_TO;
            }
            if (!answering) {
                return Holding.UNANSWERED;
            }
            return switches.tables().getOrDefault(switchId, Map.of()).size() == content.flows().size()
                ? Holding.EXACTLY : Holding.NOT_KNOWN_TO;
        }

        @Override
        public void committed(final String switchId, final SwitchContent content) {
            records.put(switchId, content.fingerprint());
        }
    }

    private Reconciler leader() {
        return new Reconciler(switches, Duration.ofSeconds(1), ledger);
    }

    private static FlowRecord flow(final String id, final long port) {
        return new FlowRecord(id, Table.CLASSIFY, 10, 0xed01L, FlowMatch.builder().build(),
            List.of(new Instruction.ApplyActions(List.of(new Action.Output(port)))));
    }

    private static Map<String, Map<String, FlowRecord>> desired(final FlowRecord... flows) {
        final var byId = new LinkedHashMap<String, FlowRecord>();
        for (FlowRecord flow : flows) {
            byId.put(flow.id(), flow);
        }
        return Map.of("openflow:1", byId);
    }

    @Test
    public void aSwitchHoldingWhatWasCommittedIsTakenOverWithoutAWrite() {
        leader().reconcile(desired(flow("a", 1), flow("b", 2)));
        assertEquals(1, switches.applied().size());

        final Reconciler successor = leader();
        final var result = successor.reconcile(desired(flow("a", 1), flow("b", 2))).get("openflow:1");
        assertEquals("nothing written on takeover", 1, switches.applied().size());
        assertEquals(new Reconciler.SwitchResult(2, 2, 0, Optional.empty()), result);

        // What it adopted is what it diffs against: a change is written as a change, not as a replacement.
        successor.reconcile(desired(flow("a", 1), flow("b", 3)));
        assertEquals(2, switches.applied().size());
        assertEquals(List.of("openflow:1"), switches.replaced());
        final FlowDiff change = switches.applied().get(1);
        assertEquals(List.of(flow("b", 3)), change.writes());
        assertEquals(Map.of(), change.removals());
    }

    @Test
    public void anyDoubtRewritesTheSwitchInFull() {
        leader().reconcile(desired(flow("a", 1), flow("b", 2)));

        // The intent changed after the last commit: the record is of other content.
        leader().reconcile(desired(flow("a", 1), flow("b", 5)));
        assertEquals(List.of("openflow:1", "openflow:1"), switches.replaced());

        // The switch lost a flow behind the controller's back: the count differs from the record's.
        switches.tables().get("openflow:1").remove("a");
        leader().reconcile(desired(flow("a", 1), flow("b", 5)));
        assertEquals(List.of("openflow:1", "openflow:1", "openflow:1"), switches.replaced());
        assertEquals(2, switches.tables().get("openflow:1").size());
    }

    @Test
    public void aSwitchThatDoesNotAnswerWaitsInsteadOfBeingRewritten() {
        leader().reconcile(desired(flow("a", 1)));
        ledger.answering = false;
        final Reconciler successor = leader();
        final var result = successor.reconcile(desired(flow("a", 1))).get("openflow:1");
        assertTrue(result.error().isPresent());
        assertEquals(1, switches.applied().size());

        ledger.answering = true;
        assertEquals(Optional.empty(), successor.reconcile(desired(flow("a", 1))).get("openflow:1").error());
        assertEquals("taken over once it answered", 1, switches.applied().size());
    }

    @Test
    public void aReconnectedSwitchThatKeptItsFlowsIsNotRewrittenButOneThatLostThemIs() {
        final Reconciler reconciler = leader();
        reconciler.reconcile(desired(flow("a", 1), flow("b", 2)));
        reconciler.reconnected("openflow:1");
        reconciler.reconcile(desired(flow("a", 1), flow("b", 2)));
        assertEquals(1, switches.applied().size());

        switches.tables().get("openflow:1").clear();
        reconciler.reconnected("openflow:1");
        reconciler.reconcile(desired(flow("a", 1), flow("b", 2)));
        assertEquals(2, switches.applied().size());
        assertEquals(2, switches.tables().get("openflow:1").size());
    }

    @Test
    public void theFingerprintIsOfTheContentNotOfTheMapOrder() {
        final var forward = new LinkedHashMap<String, FlowRecord>();
        forward.put("a", flow("a", 1));
        forward.put("b", flow("b", 2));
        final var backward = new LinkedHashMap<String, FlowRecord>();
        backward.put("b", flow("b", 2));
        backward.put("a", flow("a", 1));
        assertEquals(new SwitchContent(forward, Map.of(), Map.of()).fingerprint(),
            new SwitchContent(backward, Map.of(), Map.of()).fingerprint());
        assertNotEquals(new SwitchContent(forward, Map.of(), Map.of()).fingerprint(),
            new SwitchContent(Map.of("a", flow("a", 1), "b", flow("b", 3)), Map.of(), Map.of()).fingerprint());
    }
}
