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
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.Tenant;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.FlowAudit;
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
 * The round guard in the worker: a round whose flows carry one tenant's frames to another's port is not written
 * when verification blocks (the switch keeps the last proven flows, both ports get the property as their error),
 * is written and reported when it is report-only, and a corrected round is written again.
 */
public class RoundGuardTest {
    private static final Intent INTENT = Intent.of(List.of(new Tenant("red", ""), new Tenant("blue", "")),
        List.of(new Network("r", "red", SegmentationType.VLAN, 1L), new Network("b", "blue", SegmentationType.VLAN,
            2L)),
        List.of(new Port("r1", "red", "r", "openflow:1", "1", "02:00:00:00:00:01", List.of("10.0.0.1")),
            new Port("b1", "blue", "b", "openflow:1", "2", "02:00:00:00:00:02", List.of("10.0.0.2"))),
        List.of());
    private static final EdgeFacts FACTS = EdgeFacts.of(Map.of("r1", new PortPlace("openflow:1", 1), "b1",
        new PortPlace("openflow:1", 2)), Set.of(), Map.of(), Fabric.NONE);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<FlowDiff> written = new CopyOnWriteArrayList<>();
    private final List<RoundReport> reports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leak = new AtomicBoolean(true);
    private final AtomicBoolean broken = new AtomicBoolean();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void aLeakingRoundIsNotInstalledAndItsPortsSayWhyUntilItIsMended() throws Exception {
        final RoundWorker worker = worker(RoundGuard.Mode.BLOCK);
        await(() -> !reports.isEmpty());
        assertEquals("nothing written", List.of(), written);
        final Map<String, String> errors = reports.get(0).verificationErrors();
        assertEquals(Set.of("r1", "b1"), errors.keySet());
        assertTrue(errors.get("r1"), errors.get("r1").startsWith("flows not installed, breaks tenant-isolation: "
            + "port r1 of tenant red reaches port b1 of tenant blue; witness: "));
        assertTrue(reports.get(0).results().get("openflow:1").error().orElseThrow().contains("tenant-isolation"));

        leak.set(false);
        worker.markDirty("intent");
        await(() -> !written.isEmpty());
        await(() -> reports.get(reports.size() - 1).verificationErrors().isEmpty());
        assertEquals(Set.of("classify", "flood"), worker.desiredFlows("openflow:1").keySet());
        assertTrue(worker.verify(false).proven());
        final var installed = worker.verify(true);
        assertTrue(installed.text(), installed.proven());
        assertEquals(2, installed.sources());
    }

    @Test
    public void reportOnlyInstallsTheRoundAndReportsItsFindings() throws Exception {
        final RoundWorker worker = worker(RoundGuard.Mode.REPORT_ONLY);
        await(() -> !written.isEmpty() && !reports.isEmpty());
        assertTrue(reports.get(0).verificationErrors().get("b1").startsWith("breaks tenant-isolation: "));
        assertEquals(Optional.empty(), reports.get(0).results().get("openflow:1").error());
        assertEquals("tenant-isolation", worker.verify(true).findings().get(0).property().label());
    }

    @Test
    public void aRoundTheVerifierCannotFollowIsNotInstalledEither() throws Exception {
        // An IP match without its ethertype: no switch takes it, and the verifier refuses to read it.
        broken.set(true);
        leak.set(false);
        final RoundWorker worker = worker(RoundGuard.Mode.BLOCK);
        await(() -> !reports.isEmpty());
        assertEquals("nothing written", List.of(), written);
        assertTrue(reports.get(0).results().get("openflow:1").error().orElseThrow()
            .startsWith("round not installed: the isolation verifier failed ("));
        broken.set(false);
        worker.markDirty("intent");
        await(() -> !written.isEmpty());
    }

    private RoundWorker worker(final RoundGuard.Mode mode) {
        final var snapshot = new Snapshot(INTENT, Map.of("openflow:1", new SwitchFacts("openflow:1", Map.of())));
        final var reconciler = new Reconciler((diff, held) -> {
            written.add(diff);
            return Futures.immediateFuture(null);
        }, Duration.ofSeconds(1));
        final var worker = new RoundWorker(() -> snapshot, reconciler, executor, Duration.ofMillis(10),
            Duration.ofMillis(50), new FlowAudit(Duration.ofDays(1), Duration.ofDays(1)), Clock.systemUTC(),
            new RoundGuard(mode));
        worker.register(new PipelineStage() {
            @Override
            public String name() {
                return "binding";
            }

            @Override
            public int order() {
                return PipelineStage.BINDING;
            }

            @Override
            public StageFlows compile(final RoundInput input) {
                final FlowRecord flood = broken.get() ? unreadable() : flood();
                return new StageFlows(Map.of("openflow:1", Map.of("classify", classify(), "flood", flood)),
                    Map.of(), Map.of(), Optional.of(FACTS), StageFlows.StageWork.NONE);
            }

            @Override
            public void written(final RoundReport report) {
                reports.add(report);
            }
        });
        return worker;
    }

    /** Red's port into red's network. */
    private static FlowRecord classify() {
        return new FlowRecord("classify", Table.CLASSIFY, 100, 0, FlowMatch.builder().inPort(1).build(),
            List.of(new Instruction.WriteMetadata(1L << 16, 0xFFFF_FFFFL << 16),
                new Instruction.GotoTable(Table.L2_FORWARD)));
    }

    private static FlowRecord unreadable() {
        return new FlowRecord("flood", Table.L2_FORWARD, 50, 0, new FlowMatch(null, 1L << 16, 0xFFFF_FFFFL << 16,
            null, null, null, null, null, null, null, null, null, null, null, null, null, IpMatch.ANY, null),
            List.of(new Instruction.ApplyActions(List.of(new Action.Output(1)))));
    }

    /** Red's broadcasts: to its own port, and (the defect) to blue's. */
    private FlowRecord flood() {
        final List<Action> outputs = leak.get() ? List.of(new Action.Output(1), new Action.Output(2))
            : List.of(new Action.Output(1));
        return new FlowRecord("flood", Table.L2_FORWARD, 50, 0, FlowMatch.builder().metadata(1L << 16,
            0xFFFF_FFFFL << 16).build(), List.of(new Instruction.ApplyActions(outputs)));
    }
}
