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
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.RoundReport;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.core.trace.PacketTrace;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.junit.After;
import org.junit.Test;

/**
 * The worker's trace walks what the reconciler installed, not what the last round wants: a desired flow whose write
 * failed is not followed, and a switch whose content is unknown says so. Wrong fields and a member that does not
 * lead are refused.
 */
public class RoundWorkerTraceTest {
    private static final FlowRecord FORWARD = new FlowRecord("forward", Table.CLASSIFY, 10, 1,
        FlowMatch.builder().inPort(3).build(), List.of(new Instruction.ApplyActions(List.of(new Action.Output(1)))));
    private static final FlowRecord DROP = new FlowRecord("drop", Table.CLASSIFY, 20, 1,
        FlowMatch.builder().inPort(3).build(), List.of());
    private static final TraceRequest FROM_PORT_3 = TraceRequest.of(Map.of("from", "openflow:1:3", "eth-src",
        "02:00:00:00:00:03", "eth-dst", "02:00:00:00:00:01", "ip-src", "10.0.0.3", "ip-dst", "10.0.0.1"));

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean refuse = new AtomicBoolean();
    private final AtomicReference<FlowRecord> wanted = new AtomicReference<>(FORWARD);
    private final AtomicInteger rounds = new AtomicInteger();
    private final RoundWorker worker = new RoundWorker(() -> new Snapshot(Intent.EMPTY, Map.of("openflow:1",
        new SwitchFacts("openflow:1", Map.of("p1", 1L, "p3", 3L)))), new Reconciler((diff, held) -> refuse.get()
            ? Futures.immediateFailedFuture(new IllegalStateException("refused by the switch"))
            : Futures.immediateFuture(null), Duration.ofSeconds(1)), executor, Duration.ofMillis(20),
        Duration.ofMinutes(5));
    private final PipelineStage binding = new PipelineStage() {
        @Override
        public String name() {
            return "binding";
        }

        @Override
        public int order() {
            return BINDING;
        }

        @Override
        public StageFlows compile(final RoundInput input) {
            return StageFlows.of(Map.of("openflow:1", Map.of(wanted.get().id(), wanted.get())));
        }

        @Override
        public void written(final RoundReport report) {
            rounds.incrementAndGet();
        }
    };

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void theTraceFollowsTheInstalledFlowsNotTheDesiredOnes() throws Exception {
        worker.register(binding);
        await(() -> rounds.get() == 1);
        final TraceReport installed = worker.trace(FROM_PORT_3);
        assertEquals(List.of(1L), installed.trace().deliveredPorts("openflow:1"));
        assertTrue(installed.text(), installed.text().contains("through the flows installed on 1 switches\n"));

        refuse.set(true);
        wanted.set(DROP);
        worker.stageChanged(binding);
        await(() -> rounds.get() == 2);
        assertEquals(Map.of("drop", DROP), worker.desiredFlows("openflow:1"));
        final TraceReport afterFailure = worker.trace(FROM_PORT_3);
        assertEquals("the desired drop was never installed: not followed", List.of(),
            afterFailure.trace().deliveredPorts("openflow:1"));
        final var fate = (PacketTrace.Fate.Dropped) afterFailure.trace().fates().get(0);
        assertTrue(fate.why(), fate.why().contains("table miss"));
        assertTrue(afterFailure.text(), afterFailure.text().contains("(1 desired flows are not installed yet)"));
        assertTrue(afterFailure.text(), afterFailure.text().contains("openflow:1: what it holds is not known"));
    }

    @Test
    public void aWrongFieldIsNamedAndAMemberThatDoesNotLeadDoesNotTrace() throws Exception {
        worker.register(binding);
        await(() -> rounds.get() == 1);
        final var unknownSwitch = assertThrows(TraceRequest.FieldException.class, () -> worker.trace(
            TraceRequest.of(Map.of("from", "openflow:9:1", "ip-dst", "10.0.0.1"))));
        assertEquals("from", unknownSwitch.field());
        worker.deactivate().get(5, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> worker.trace(FROM_PORT_3));
    }
}
