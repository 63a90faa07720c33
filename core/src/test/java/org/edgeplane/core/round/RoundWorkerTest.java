/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import static org.edgeplane.core.testing.Deadline.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.stage.Fabric;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.RoundReport;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.StageFlows;
import org.junit.After;
import org.junit.Test;

/**
 * The core's worker with hand-written stages: no round before a binding stage, stages in order with the binding
 * stage's facts, a stage that throws keeps its flows, and stages cannot share an order or a group id.
 */
public class RoundWorkerTest {
    private static final EdgeFacts FACTS = EdgeFacts.of(Map.of("vm1", new PortPlace("openflow:1", 3)),
        Set.of(), Map.of(), Fabric.NONE);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<FlowDiff> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final RoundWorker worker = new RoundWorker(() -> {
        reads.incrementAndGet();
        return new Snapshot(Intent.EMPTY, Map.of(), Map.of("firewall", "allow web"));
    }, new Reconciler((diff, held) -> {
        written.add(diff);
        return Futures.immediateFuture(null);
    }, Duration.ofSeconds(1)), executor, Duration.ofMillis(20), Duration.ofMillis(50));

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void noRoundRunsBeforeTheBindingStageAndStagesRunInOrderOnItsFacts() throws Exception {
        final var seen = new CopyOnWriteArrayList<String>();
        final var firewall = new FakeStage("firewall", PipelineStage.FIREWALL, input -> {
            seen.add("firewall saw " + input.facts().places().keySet() + " and "
                + input.snapshot().slice("firewall", String.class, "nothing"));
            return StageFlows.of(Map.of("openflow:1", Map.of("fw", flow("fw", Table.FIREWALL_FROM_PORT))));
        });
        worker.register(firewall);
        worker.markDirty("intent");
        Thread.sleep(300);
        assertEquals("without a binding stage nothing is read or written", 0, reads.get());

        worker.register(new FakeStage("binding", PipelineStage.BINDING, input -> {
            seen.add("binding saw " + input.facts().places().keySet());
            return new StageFlows(Map.of("openflow:1", Map.of("iso", flow("iso", Table.CLASSIFY))), Map.of(),
                Map.of(), Optional.of(FACTS), StageFlows.StageWork.NONE);
        }));
        await(() -> firewall.reports.size() == 1);
        assertEquals(List.of("binding saw []", "firewall saw [vm1] and allow web"), seen);
        assertEquals(Set.of("fw", "iso"), worker.desiredFlows("openflow:1").keySet());
        assertEquals(2, firewall.reports.get(0).results().get("openflow:1").desired());
        assertEquals(List.of("binding", "firewall"), worker.stageNames());
    }

    @Test
    public void aStageThatThrowsKeepsItsPreviousFlowsAndTheRoundIsRetried() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean breakNext = new AtomicBoolean();
        worker.register(new FakeStage("binding", PipelineStage.BINDING,
            input -> StageFlows.of(Map.of("openflow:1", Map.of("iso", flow("iso", Table.CLASSIFY))))));
        final var firewall = new FakeStage("firewall", PipelineStage.FIREWALL, input -> {
            calls.incrementAndGet();
            if (breakNext.getAndSet(false)) {
                throw new IllegalStateException("broken rule");
            }
            return StageFlows.of(Map.of("openflow:1", Map.of("fw", flow("fw", Table.FIREWALL_FROM_PORT))));
        });
        worker.register(firewall);
        await(() -> !firewall.reports.isEmpty());
        // Past the coalescing delay on the worker's one thread: the rounds the registrations started have run.
        executor.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get();
        final int before = calls.get();
        breakNext.set(true);
        worker.stageChanged(firewall);
        // The failing round keeps "fw"; its retry, the only round left to come, compiles again and succeeds.
        await(() -> calls.get() >= before + 2);
        assertEquals(Set.of("fw", "iso"), worker.desiredFlows("openflow:1").keySet());
        assertTrue(written.stream().noneMatch(diff -> diff.removals().containsKey("fw")));
    }

    /**
     * The changes of a start wait for the coalescing delay and share one round; afterwards a change that finds the
     * worker idle is scheduled without delay, and the changes that come while a round runs all share the next round.
     * The executor records the delays it is asked for; the delay is a second, so that only a stall of that long
     * could make the start look over.
     */
    @Test
    public void theChangesOfAStartCoalesceAndAChangeAfterARoundRunsAtOnce() throws Exception {
        final var delays = new CopyOnWriteArrayList<Long>();
        final var recording = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(final Runnable command, final long delay, final TimeUnit unit) {
                delays.add(unit.toMillis(delay));
                return super.schedule(command, delay, unit);
            }
        };
        try {
            final var snapshots = new AtomicInteger();
            final var roundRunning = new CountDownLatch(1);
            final var release = new CountDownLatch(1);
            final var coalescing = new RoundWorker(() -> {
                if (snapshots.incrementAndGet() == 3) {
                    roundRunning.countDown();
                    Uninterruptibles.awaitUninterruptibly(release);
                }
                return new Snapshot(Intent.EMPTY, Map.of());
            }, new Reconciler((diff, held) -> Futures.immediateFuture(null), Duration.ofSeconds(1)), recording,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
            coalescing.register(new FakeStage("binding", PipelineStage.BINDING, input -> StageFlows.NONE));
            coalescing.markDirty("a");
            assertEquals("changes right after the start: the delay, once for both", List.of(1000L), delays);
            await(() -> snapshots.get() == 1);
            // The worker has one thread: once this no-op ran, the round has ended.
            recording.submit(() -> { }).get();
            delays.clear();
            coalescing.markDirty("b");
            assertEquals("a change right after a round: at once", List.of(0L), delays);
            await(() -> snapshots.get() == 2);
            recording.submit(() -> { }).get();
            coalescing.markDirty("c");
            roundRunning.await();
            coalescing.markDirty("d");
            coalescing.markDirty("e");
            coalescing.markDirty("f");
            release.countDown();
            await(() -> snapshots.get() == 4);
            recording.submit(() -> { }).get();
            assertEquals("d, e and f came during the round of c and share the next", 4, snapshots.get());
        } finally {
            recording.shutdownNow();
        }
    }

    /**
     * On a cluster only the member that holds the rounds' singleton runs rounds: an inactive worker reads and writes
     * nothing however much changes, and the round it runs once elected takes everything it collected. Losing the
     * singleton completes only after a running round ended, so no write of the old leader follows its successor's.
     */
    @Test
    public void onlyTheElectedWorkerRunsRoundsAndStandingDownWaitsForTheRunningRound() throws Exception {
        worker.deactivate().get(5, TimeUnit.SECONDS);
        final var binding = new FakeStage("binding", PipelineStage.BINDING,
            input -> StageFlows.of(Map.of("openflow:1", Map.of("iso", flow("iso", Table.CLASSIFY)))));
        worker.register(binding);
        worker.markDirty("intent");
        executor.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get();
        assertEquals("a worker that does not lead reads nothing", 0, reads.get());
        assertEquals(List.of(), written);
        assertFalse(worker.isActive());

        worker.activate();
        await(() -> binding.reports.size() == 1);
        assertTrue(worker.isActive());
        final String cause = binding.reports.get(0).counters().lastCause();
        assertTrue(cause, cause.contains("leader") && cause.contains("intent") && cause.contains("stage:binding"));
        assertEquals(1, written.size());

        final var roundRunning = new CountDownLatch(1);
        final var release = new CountDownLatch(1);
        final var blocking = new RoundWorker(() -> {
            roundRunning.countDown();
            Uninterruptibles.awaitUninterruptibly(release);
            return new Snapshot(Intent.EMPTY, Map.of());
        }, new Reconciler((diff, held) -> Futures.immediateFuture(null), Duration.ofSeconds(1)), executor,
            Duration.ofMillis(1), Duration.ofSeconds(30));
        blocking.register(new FakeStage("binding", PipelineStage.BINDING, input -> StageFlows.NONE));
        roundRunning.await();
        final var stoodDown = blocking.deactivate();
        Thread.sleep(100);
        assertFalse("standing down waits for the running round", stoodDown.isDone());
        release.countDown();
        stoodDown.get(5, TimeUnit.SECONDS);
    }

    @Test
    public void stagesCannotShareAnOrderOrAGroupId() throws Exception {
        worker.register(new FakeStage("binding", PipelineStage.BINDING, input -> StageFlows.NONE));
        assertThrows(IllegalStateException.class,
            () -> worker.register(new FakeStage("other", PipelineStage.BINDING, input -> StageFlows.NONE)));
        final var group = new GroupRecord(1, List.of(), 1);
        final Function<RoundInput, StageFlows> withGroup = input -> new StageFlows(Map.of(),
            Map.of("openflow:1", Map.of(1L, group)));
        final var union = new RoundUnion.Builder();
        union.add("a", withGroup.apply(null));
        assertThrows(IllegalArgumentException.class, () -> union.add("b", withGroup.apply(null)));
    }

    private static FlowRecord flow(final String id, final Table table) {
        return new FlowRecord(id, table, 10, 1, FlowMatch.builder().build(), List.of(new Instruction.GotoTable(
            table.next())));
    }

    /** A stage that compiles with a function and records what was written. */
    private static final class FakeStage implements PipelineStage {
        final List<RoundReport> reports = new CopyOnWriteArrayList<>();
        private final String name;
        private final int order;
        private final Function<RoundInput, StageFlows> compile;

        FakeStage(final String name, final int order, final Function<RoundInput, StageFlows> compile) {
            this.name = name;
            this.order = order;
            this.compile = compile;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public StageFlows compile(final RoundInput input) {
            return compile.apply(input);
        }

        @Override
        public void written(final RoundReport report) {
            reports.add(report);
        }
    }
}
