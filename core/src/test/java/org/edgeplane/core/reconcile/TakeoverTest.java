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
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.ContentSums.Sum;
import org.edgeplane.core.testing.FakeSwitches;
import org.junit.Test;

/**
 * A controller taking switches over from another (a new cluster leader, or a restart) through the content ledger:
 * every recorded entry that equals its desired one and that no write left pending is kept as the switch holds it;
 * only the others are swept and written. A switch without a record or that lost flows is rewritten in full; a
 * switch that does not answer waits; a write whose entries could not be named in the ledger first is not sent.
 */
public class TakeoverTest {
    private static final String SWITCH = "openflow:1";
    private static final long PORT_A = 0xed01_0300_0000_000aL;
    private static final long PORT_B = 0xed01_0300_0000_000bL;
    private static final long PORT_C = 0xed01_0300_0000_000cL;

    private final FakeSwitches switches = new FakeSwitches();
    private final Ledger ledger = new Ledger();

    /** The datastore ledger's rules in memory; the switches show what the fake switches hold. */
    private final class Ledger implements ContentLedger {
        final Map<String, Recorded> records = new HashMap<>();
        boolean answering = true;
        /** False: the member dies after its switches accept a write and before the record lands. */
        boolean recording = true;
        boolean refusingIntents;
        Map<String, Long> shapes = Map.of();

        @Override
        public Optional<Recorded> recorded(final String switchId) {
            return Optional.ofNullable(records.get(switchId));
        }

        @Override
        public Optional<OnSwitch> onSwitch(final String switchId) {
            return answering ? Optional.of(new OnSwitch(switches.tables().getOrDefault(switchId, Map.of()).size(),
                switches.stamps().getOrDefault(switchId, FlowDiff.REMOVE_STAMP))) : Optional.empty();
        }

        @Override
        public void intends(final Map<String, PendingWrite> writes) {
            if (refusingIntents) {
                throw new IllegalStateException("no quorum");
            }
            writes.forEach((switchId, write) -> records.put(switchId,
                records.getOrDefault(switchId, Recorded.none()).intending(write)));
        }

        @Override
        public void committed(final String switchId, final PendingWrite write) {
            if (recording) {
                records.put(switchId, records.get(switchId).committed(write));
            }
        }

        @Override
        public Map<String, Long> compiledWith() {
            return shapes;
        }

        @Override
        public void compilingWith(final Map<String, Long> compiled) {
            shapes = compiled;
        }

        Set<String> pending(final String switchId) {
            return records.get(switchId).pendingEntries();
        }

        boolean replacing(final String switchId) {
            return records.get(switchId).replacing();
        }
    }

    private long now;

    private Reconciler leader() {
        return new Reconciler(switches, Duration.ofSeconds(1), ledger, () -> now);
    }

    private static FlowRecord flow(final String id, final long cookie, final long port) {
        return new FlowRecord(id, Table.CLASSIFY, 10 + (int) (cookie & 0xff), cookie, FlowMatch.builder()
            .inPort(id.hashCode() & 0xffff).build(),
            List.of(new Instruction.ApplyActions(List.of(new Action.Output(port)))));
    }

    private static Map<String, Map<String, FlowRecord>> desired(final FlowRecord... flows) {
        final var byId = new LinkedHashMap<String, FlowRecord>();
        for (FlowRecord flow : flows) {
            byId.put(flow.id(), flow);
        }
        return Map.of(SWITCH, byId);
    }

    private Map<String, FlowRecord> held() {
        return switches.tables().get(SWITCH);
    }

    @Test
    public void aSwitchHoldingWhatWasCommittedIsTakenOverWithoutAWrite() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals(1, switches.applied().size());

        final Reconciler successor = leader();
        final var result = successor.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2))).get(SWITCH);
        assertEquals("nothing written on takeover", 1, switches.applied().size());
        assertEquals(new Reconciler.SwitchResult(2, 2, 0, Optional.empty()), result);

        // What it adopted is what it diffs against: a change is written as a change, not as a replacement.
        successor.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 3)));
        assertEquals(List.of(SWITCH), switches.replaced());
        final FlowDiff change = switches.applied().get(1);
        assertEquals(List.of(flow("b1", PORT_B, 3)), change.writes());
        assertEquals(Map.of(), change.removals());
        assertEquals(Set.of(), change.sweeps());
    }

    @Test
    public void intentChangedWhileNoOneLedIsWrittenAsAChangeNotAReplacement() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("a2", PORT_A, 2), flow("b1", PORT_B, 3)));
        final FlowRecord keptA1 = held().get("a1");

        // While no member led, port B changed and port C was created.
        final Reconciler successor = leader();
        successor.reconcile(desired(flow("a1", PORT_A, 1), flow("a2", PORT_A, 2), flow("b1", PORT_B, 4),
            flow("c1", PORT_C, 5)));

        assertEquals("only the first write replaced", List.of(SWITCH), switches.replaced());
        final FlowDiff takeover = switches.applied().get(1);
        assertEquals(Set.of(new FlowSweep(Table.CLASSIFY, PORT_B)), takeover.sweeps());
        assertEquals(List.of(flow("b1", PORT_B, 4), flow("c1", PORT_C, 5)), takeover.writes());
        assertSame("port A's flows are left as they are", keptA1, held().get("a1"));
        assertEquals(Set.of("a1", "a2", "b1", "c1"), held().keySet());
        assertEquals(flow("b1", PORT_B, 4), held().get("b1"));

        // Port B deleted while no member led: its flows are swept, nothing is added for it.
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("a2", PORT_A, 2), flow("c1", PORT_C, 5)));
        final FlowDiff deletion = switches.applied().get(2);
        assertEquals(Set.of(new FlowSweep(Table.CLASSIFY, PORT_B)), deletion.sweeps());
        assertEquals(List.of(), deletion.writes());
        assertEquals(Set.of("a1", "a2", "c1"), held().keySet());
        assertEquals(List.of(SWITCH), switches.replaced());
    }

    @Test
    public void aWriteAcceptedButNotRecordedIsKnownByItsStampAndRewrittenOnlyWhereTheIntentMovedOn() {
        final Reconciler first = leader();
        first.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final FlowRecord keptA1 = held().get("a1");

        // The member dies after the switch took port B's change and before the ledger recorded it.
        loseTheRecordOf(() -> first.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7))));
        assertEquals(flow("b1", PORT_B, 7), held().get("b1"));
        assertEquals(Set.of(ContentSums.key(flow("b1", PORT_B, 7))), ledger.pending(SWITCH));

        // The change was undone in the meantime: the record equals the intent again, but the switch shows the lost
        // write's stamp, so it holds the in-flight b1, which is rewritten, and only that.
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final FlowDiff takeover = switches.applied().get(2);
        assertEquals(Set.of(new FlowSweep(Table.CLASSIFY, PORT_B)), takeover.sweeps());
        assertEquals(List.of(flow("b1", PORT_B, 2)), takeover.writes());
        assertEquals(flow("b1", PORT_B, 2), held().get("b1"));
        assertSame(keptA1, held().get("a1"));
        assertEquals(List.of(SWITCH), switches.replaced());
        assertEquals("recorded and no longer pending", Set.of(), ledger.pending(SWITCH));

        // Recorded now: the next member takes it over without a write.
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals(3, switches.applied().size());
    }

    @Test
    public void aWriteAcceptedButNotRecordedThatTheIntentStillWantsIsKeptAsItIs() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final Reconciler first = leader();
        loseTheRecordOf(() -> first.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7),
            flow("c1", PORT_C, 8))));
        final FlowRecord landedB1 = held().get("b1");

        final var result = leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7),
            flow("c1", PORT_C, 8))).get(SWITCH);
        assertEquals("nothing written: the switch shows the lost write landed", 2, switches.applied().size());
        assertEquals(new Reconciler.SwitchResult(3, 3, 0, Optional.empty()), result);
        assertSame(landedB1, held().get("b1"));
        assertEquals("the record now holds what landed", Set.of(), ledger.pending(SWITCH));
        assertRecordIsWhatTheSwitchHolds();

        // A later write that touches another object keeps what landed in the record.
        final Reconciler next = leader();
        next.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7), flow("c1", PORT_C, 8)));
        next.reconcile(desired(flow("a1", PORT_A, 3), flow("b1", PORT_B, 7), flow("c1", PORT_C, 8)));
        assertRecordIsWhatTheSwitchHolds();
    }

    @Test
    public void aWriteNamedButNeverSentLeavesTheSwitchUntouched() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final FlowRecord keptB1 = held().get("b1");
        // A leader without a majority named its write, was refused, and sent nothing; the cluster committed the
        // name later anyway (a Raft entry logged before its leader stood down).
        switches.refuse(true);
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 9)));
        switches.refuse(false);
        assertEquals(Set.of(ContentSums.key(flow("b1", PORT_B, 9))), ledger.pending(SWITCH));

        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals("the switch still shows the recorded stamp: nothing rewritten", 1, switches.applied().size());
        assertSame(keptB1, held().get("b1"));
        assertEquals("the record says it never landed", Set.of(), ledger.pending(SWITCH));
        assertRecordIsWhatTheSwitchHolds();
    }

    @Test
    public void aSwitchShowingNeitherStampHasItsInFlightEntriesRewritten() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final FlowRecord keptA1 = held().get("a1");
        final Reconciler first = leader();
        loseTheRecordOf(() -> first.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7))));
        switchLosesItsStamp();

        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 7)));
        final FlowDiff takeover = switches.applied().get(2);
        assertEquals(Set.of(new FlowSweep(Table.CLASSIFY, PORT_B)), takeover.sweeps());
        assertEquals(List.of(flow("b1", PORT_B, 7)), takeover.writes());
        assertSame(keptA1, held().get("a1"));
        assertEquals("the write sets a stamp again", Set.of(SWITCH), switches.stamps().keySet());
    }

    @Test
    public void aSwitchLeftWithoutContentShowsNoStampAndIsTakenOverEmpty() {
        leader().reconcile(desired(flow("a1", PORT_A, 1)));
        assertEquals(Set.of(SWITCH), switches.stamps().keySet());
        final Reconciler reconciler = leader();
        reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        ledger.recording = false;
        reconciler.reconcile(Map.of());
        assertEquals(Map.of(), held());
        assertEquals("the last write removed the stamp with the content", Map.of(), switches.stamps());
        assertEquals("an emptying write is named as leaving nothing, not entry by entry",
            Optional.of(new ContentLedger.PendingWrite(FlowDiff.REMOVE_STAMP, true, Map.of())),
            ledger.records.get(SWITCH).pending());
        ledger.recording = true;

        // The switch shows no stamp: the write in flight landed, and the switch is known to be empty.
        final int writes = switches.applied().size();
        leader().reconcile(Map.of(SWITCH, Map.of()));
        assertEquals("an empty switch is taken over without a write", writes, switches.applied().size());
        assertEquals(Map.of(), ledger.records.get(SWITCH).sums());
    }

    @Test
    public void anyDoubtRewritesTheSwitchInFull() {
        // No record at all.
        new Reconciler(switches, Duration.ofSeconds(1), ContentLedger.NONE)
            .reconcile(desired(flow("a1", PORT_A, 1)));
        leader().reconcile(desired(flow("a1", PORT_A, 1)));
        assertEquals(List.of(SWITCH, SWITCH), switches.replaced());

        // The switch lost a flow behind the controller's back: its count differs from the record's.
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        assertEquals(3, switches.applied().size());
        held().remove("a1");
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        assertEquals(List.of(SWITCH, SWITCH, SWITCH), switches.replaced());
        assertEquals(2, held().size());

        // A replacement was in flight when its member died, and the switch shows neither its stamp nor the last.
        final Reconciler dying = leader();
        dying.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        dying.forget(SWITCH);
        loseTheRecordOf(() -> dying.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5))));
        assertTrue(ledger.replacing(SWITCH));
        switchLosesItsStamp();
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        assertEquals(5, switches.replaced().size());

        // The same replacement, shown landed by the switch's stamp, is adopted.
        final Reconciler another = leader();
        another.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        another.forget(SWITCH);
        loseTheRecordOf(() -> another.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5))));
        assertTrue(ledger.replacing(SWITCH));
        final int written = switches.applied().size();
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 5)));
        assertEquals(written, switches.applied().size());
    }

    @Test
    public void aGroupALostWriteMayHaveAddedIsNotGuessedButAGroupItOnlyChangedIsUpdated() {
        final var flows = desired(flow("a1", PORT_A, 1));
        final var bucket = new GroupRecord.Bucket(0, List.of(new Action.Output(1)));
        final var wider = new GroupRecord.Bucket(1, List.of(new Action.Output(2)));
        final Reconciler first = leader();
        first.reconcile(flows, Map.of(), Map.of(SWITCH, Map.of(7L, new GroupRecord(7, List.of(bucket), PORT_A))));

        // In flight, lost, and the switch's stamp gone with it: group 7 gains a bucket. It exists before and after,
        // so the successor updates it.
        loseTheRecordOf(() -> first.reconcile(flows, Map.of(), Map.of(SWITCH, Map.of(7L, new GroupRecord(7,
            List.of(bucket, wider), PORT_A)))));
        switchLosesItsStamp();
        leader().reconcile(flows, Map.of(), Map.of(SWITCH, Map.of(7L, new GroupRecord(7, List.of(bucket, wider),
            PORT_A))));
        final FlowDiff update = switches.applied().get(2);
        assertEquals(List.of(new GroupRecord(7, List.of(bucket, wider), PORT_A)), update.groupWrites());
        assertEquals(List.of(SWITCH), switches.replaced());

        // The same, where group 8 is created. Whether the switch holds it is unknown: replaced in full.
        final Reconciler second = leader();
        second.reconcile(flows, Map.of(), Map.of(SWITCH, Map.of(7L, new GroupRecord(7, List.of(bucket, wider),
            PORT_A))));
        final var both = Map.of(7L, new GroupRecord(7, List.of(bucket, wider), PORT_A), 8L,
            new GroupRecord(8, List.of(bucket), PORT_B));
        loseTheRecordOf(() -> second.reconcile(flows, Map.of(), Map.of(SWITCH, both)));
        switchLosesItsStamp();
        leader().reconcile(flows, Map.of(), Map.of(SWITCH, both));
        assertEquals(List.of(SWITCH, SWITCH), switches.replaced());
    }

    private void assertRecordIsWhatTheSwitchHolds() {
        assertEquals(ContentSums.of(new SwitchContent(held(), Map.of(), Map.of())).entries(),
            ledger.records.get(SWITCH).sums());
    }

    /** The member dies after its switches accepted this write and before the ledger recorded it. */
    private void loseTheRecordOf(final Runnable write) {
        ledger.recording = false;
        write.run();
        ledger.recording = true;
    }

    /** Someone deleted the switch's stamp flow by hand: it shows no stamp the ledger knows. */
    private void switchLosesItsStamp() {
        switches.stamps().remove(SWITCH);
    }

    @Test
    public void nothingIsSentWhileTheComingWriteCannotBeNamedInTheLedger() {
        final Reconciler reconciler = leader();
        reconciler.reconcile(desired(flow("a1", PORT_A, 1)));
        ledger.refusingIntents = true;
        final var refused = reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2))).get(SWITCH);
        assertTrue(refused.error().orElseThrow().contains("content ledger"));
        assertEquals(1, switches.applied().size());
        assertEquals(Set.of("a1"), held().keySet());

        ledger.refusingIntents = false;
        final var written = reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2))).get(SWITCH);
        assertEquals(Optional.empty(), written.error());
        assertEquals(List.of(flow("b1", PORT_B, 2)), switches.applied().get(1).writes());
        assertEquals(List.of(SWITCH), switches.replaced());
    }

    @Test
    public void aTakeoverWhoseWriteCouldNotBeNamedSweepsInTheNextRound() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2), flow("b2", PORT_B, 3)));
        final Reconciler successor = leader();
        ledger.refusingIntents = true;
        successor.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 4)));
        assertEquals(1, switches.applied().size());

        ledger.refusingIntents = false;
        successor.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 4)));
        assertEquals(Set.of(new FlowSweep(Table.CLASSIFY, PORT_B)), switches.applied().get(1).sweeps());
        assertEquals("b2 is gone with the sweep", Set.of("a1", "b1"), held().keySet());
    }

    @Test
    public void aTakeoverWaitsUntilTheSwitchesReportsHaveSettled() {
        leader().reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        final Reconciler successor = leader();
        successor.inventoryChanged();
        // Compiled while port B's switch was not reported yet: taking over now would drop B's flows.
        final var early = successor.reconcile(desired(flow("a1", PORT_A, 1))).get(SWITCH);
        assertTrue(early.error().orElseThrow().contains("waiting"));
        assertEquals(1, switches.applied().size());

        now += Reconciler.INVENTORY_SETTLE.toNanos();
        successor.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals("taken over untouched once settled", 1, switches.applied().size());

        // Reports that never settle do not hold a takeover back for ever.
        final Reconciler starved = leader();
        for (int round = 0; round <= 60; round++) {
            starved.inventoryChanged();
            starved.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 3)));
            now += Duration.ofSeconds(1).toNanos();
        }
        assertEquals(flow("b1", PORT_B, 3), held().get("b1"));
    }

    /** The inventory as the OpenFlow plugin rebuilds it: switch 2 and its port B's network arrive last. */
    private static final Map<String, Long> BOTH = Map.of(SWITCH, 11L, "openflow:2", 22L);
    private static final Map<String, Long> FIRST_ONLY = Map.of(SWITCH, 11L);
    private static final Map<String, Long> SECOND_WITHOUT_PORTS = Map.of(SWITCH, 11L, "openflow:2", 20L);

    private SortedMap<String, Reconciler.SwitchResult> reconcileWith(final Reconciler reconciler,
            final Map<String, Long> shapes, final FlowRecord... flows) {
        reconciler.compilingWith(shapes);
        return reconciler.reconcile(desired(flows));
    }

    @Test
    public void aTakeoverWaitsUntilEverySwitchItsRecordWasCompiledFromIsReportedAsItWas() {
        reconcileWith(leader(), BOTH, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2));
        assertEquals(BOTH, ledger.shapes);
        final Reconciler successor = leader();
        // Compiled before switch 2 (then its ports) were reported again: port B's flows are missing.
        for (var partial : List.of(FIRST_ONLY, SECOND_WITHOUT_PORTS)) {
            final var early = reconcileWith(successor, partial, flow("a1", PORT_A, 1)).get(SWITCH);
            assertTrue(early.error().orElseThrow().contains("waiting"));
            assertEquals("nothing removed while " + partial, 1, switches.applied().size());
            assertEquals("the record keeps what the flows were compiled from", BOTH, ledger.shapes);
            now += Duration.ofSeconds(5).toNanos();
        }
        final var result = reconcileWith(successor, BOTH, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)).get(SWITCH);
        assertEquals(Optional.empty(), result.error());
        assertEquals("taken over untouched once every switch is reported", 1, switches.applied().size());

        // A switch that connected since, unknown to the record, is not waited for; its shape is recorded.
        final Map<String, Long> three = Map.of(SWITCH, 11L, "openflow:2", 22L, "openflow:3", 33L);
        reconcileWith(leader(), three, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2));
        assertEquals(1, switches.applied().size());
        assertEquals(three, ledger.shapes);
    }

    @Test
    public void aSwitchGoneForGoodHoldsATakeoverBackOnlyUntilPatienceRunsOut() {
        reconcileWith(leader(), BOTH, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2));
        final Reconciler successor = leader();
        reconcileWith(successor, FIRST_ONLY, flow("a1", PORT_A, 1));
        now += Reconciler.TAKEOVER_PATIENCE.toNanos() - 1;
        reconcileWith(successor, FIRST_ONLY, flow("a1", PORT_A, 1));
        assertEquals(1, switches.applied().size());
        now += 1;
        assertEquals(Optional.empty(), reconcileWith(successor, FIRST_ONLY, flow("a1", PORT_A, 1)).get(SWITCH)
            .error());
        assertEquals(Set.of("a1"), held().keySet());
        assertEquals("what it compiled from is recorded once written", FIRST_ONLY, ledger.shapes);
    }

    @Test
    public void aSwitchNotAnsweringDuringARebuildDoesNotLetTheIncompleteShapesBeRecorded() {
        reconcileWith(leader(), BOTH, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2));
        ledger.answering = false;
        final Reconciler successor = leader();
        reconcileWith(successor, FIRST_ONLY, flow("a1", PORT_A, 1));
        assertEquals(BOTH, ledger.shapes);
        ledger.answering = true;
        reconcileWith(successor, FIRST_ONLY, flow("a1", PORT_A, 1));
        assertEquals(1, switches.applied().size());
        reconcileWith(successor, BOTH, flow("a1", PORT_A, 1), flow("b1", PORT_B, 2));
        assertEquals("taken over untouched", 1, switches.applied().size());
    }

    @Test
    public void aSwitchWithNothingToKeepIsWrittenWithoutWaitingForIt() {
        // Never connected: its first write failed after the ledger named it a replacement.
        switches.refuse(true);
        leader().reconcile(desired(flow("a1", PORT_A, 1)));
        assertTrue(ledger.replacing(SWITCH));
        switches.refuse(false);
        ledger.answering = false;
        final var result = leader().reconcile(desired(flow("a1", PORT_A, 1))).get(SWITCH);
        assertEquals(Optional.empty(), result.error());
        assertEquals(List.of(SWITCH), switches.replaced());
    }

    @Test
    public void aSwitchThatDoesNotAnswerWaitsInsteadOfBeingRewritten() {
        leader().reconcile(desired(flow("a1", PORT_A, 1)));
        ledger.answering = false;
        final Reconciler successor = leader();
        final var result = successor.reconcile(desired(flow("a1", PORT_A, 1))).get(SWITCH);
        assertTrue(result.error().isPresent());
        assertEquals(1, switches.applied().size());

        ledger.answering = true;
        assertEquals(Optional.empty(), successor.reconcile(desired(flow("a1", PORT_A, 1))).get(SWITCH).error());
        assertEquals("taken over once it answered", 1, switches.applied().size());

        // One that never answers is programmed all the same, once a master change would long have ended.
        ledger.answering = false;
        final Reconciler patient = leader();
        patient.reconcile(desired(flow("a1", PORT_A, 1)));
        now += Reconciler.TAKEOVER_PATIENCE.toNanos() - 1;
        patient.reconcile(desired(flow("a1", PORT_A, 1)));
        assertEquals(1, switches.applied().size());
        now += 1;
        assertEquals(Optional.empty(), patient.reconcile(desired(flow("a1", PORT_A, 1))).get(SWITCH).error());
        assertEquals(List.of(SWITCH, SWITCH), switches.replaced());
    }

    @Test
    public void aReconnectedSwitchThatKeptItsFlowsIsNotRewrittenButOneThatLostThemIs() {
        final Reconciler reconciler = leader();
        reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        reconciler.reconnected(SWITCH);
        reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals(1, switches.applied().size());

        held().clear();
        reconciler.reconnected(SWITCH);
        reconciler.reconcile(desired(flow("a1", PORT_A, 1), flow("b1", PORT_B, 2)));
        assertEquals(2, switches.applied().size());
        assertEquals(2, held().size());
    }

    @Test
    public void sumsFollowTheDiffsAndAreOfTheContentNotOfTheMapOrder() {
        final var forward = new LinkedHashMap<String, FlowRecord>();
        forward.put("a1", flow("a1", PORT_A, 1));
        forward.put("a2", flow("a2", PORT_A, 2));
        final var backward = new LinkedHashMap<String, FlowRecord>();
        backward.put("a2", flow("a2", PORT_A, 2));
        backward.put("a1", flow("a1", PORT_A, 1));
        final Map<String, Sum> sums = ContentSums.of(new SwitchContent(forward, Map.of(), Map.of())).entries();
        assertEquals(sums, ContentSums.of(new SwitchContent(backward, Map.of(), Map.of())).entries());
        assertNotEquals(sums, ContentSums.of(new SwitchContent(Map.of("a1", flow("a1", PORT_A, 1), "a2",
            flow("a2", PORT_A, 3)), Map.of(), Map.of())).entries());

        // Kept up to date by diffs, they equal the sums of the content the diffs lead to.
        final var running = ContentSums.of(new SwitchContent(forward, Map.of(), Map.of()));
        final var held = new HeldSnapshot(true, 2, forward, new TreeSet<>(), new TreeSet<>());
        final var removals = new java.util.TreeMap<String, Table>(Map.of("a1", Table.CLASSIFY));
        running.apply(new FlowDiff(SWITCH, List.of(flow("a2", PORT_A, 9), flow("b1", PORT_B, 4)), removals), held);
        assertEquals(ContentSums.of(new SwitchContent(Map.of("a2", flow("a2", PORT_A, 9), "b1",
            flow("b1", PORT_B, 4)), Map.of(), Map.of())).entries(), running.entries());
        assertEquals(2, running.flowCount());
        assertEquals(new FlowSweep(Table.CLASSIFY, PORT_B), ContentSums.sweepOf(ContentSums.key(
            flow("b1", PORT_B, 4))));
        final var meter = new MeterRecord(3, 1000, 100, PORT_A);
        assertEquals(Set.of(ContentSums.meterKey(3)), new HashSet<>(ContentSums.of(new SwitchContent(Map.of(),
            Map.of(3L, meter), Map.of())).entries().keySet()));
    }
}
