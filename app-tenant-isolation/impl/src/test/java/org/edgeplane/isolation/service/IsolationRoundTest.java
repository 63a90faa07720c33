/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import static org.edgeplane.core.testing.Deadline.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.round.RoundWorker;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotSource;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Tenant isolation's stage on the core's worker, with hand-written fakes: events coalesce into rounds, a datastore
 * that cannot be read is retried, and status follows what was written and what the switches report.
 */
public class IsolationRoundTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<FlowDiff> written = new CopyOnWriteArrayList<>();
    private final List<StatusReport> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Intent intent = IntentFixtures.twoTenants();
    private volatile int failingReads;
    private volatile Map<String, Set<String>> reported = Map.of();

    private final SnapshotSource source = () -> {
        reads.incrementAndGet();
        if (failingReads > 0) {
            failingReads--;
            throw new SnapshotUnavailableException("datastore down", new IllegalStateException());
        }
        return new Snapshot(intent, Map.of(), reported);
    };

    private final RoundWorker worker = new RoundWorker(source,
        new Reconciler((diff, held) -> {
            written.add(diff);
            return Futures.immediateFuture(null);
        }, Duration.ofSeconds(1)), executor, Duration.ofMillis(100), Duration.ofMillis(100));

    @Before
    public void plugIn() throws Exception {
        worker.register(new IsolationStage(published::add));
    }

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void aBurstOfEventsCoalescesIntoOneRound() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            worker.markDirty("intent");
            worker.markDirty("switch:openflow:" + i);
        }
        await(() -> published.size() == 1);
        Thread.sleep(300);
        assertEquals(1, reads.get());
        assertEquals(2, written.size());
    }

    @Test
    public void anUnreadableDatastoreIsRetriedUntilItAnswers() throws InterruptedException {
        failingReads = 3;
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        assertEquals(4, reads.get());
        assertTrue(published.get(0).ports().get("r1").lastError().orElseThrow().contains("not connected"));
    }

    @Test
    public void deletedIntentRemovesTheFlowsOfTheLastRound() throws InterruptedException {
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        intent = Intent.EMPTY;
        worker.markDirty("intent");
        await(() -> published.size() == 2);
        assertTrue(written.stream().skip(2).allMatch(diff -> diff.writes().isEmpty() && !diff.removals().isEmpty()));
        assertEquals(Map.of(), published.get(1).ports());
    }

    @Test
    public void aDeletedPortStaysInTheStatusWhileASwitchStillReportsItsFlows() throws InterruptedException {
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        final long r1 = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "r1");
        reported = Map.of("openflow:1", FlowAudit.identities(List.of(r1, r1, 7L)));
        final var ports = new TreeMap<>(intent.ports());
        ports.remove("r1");
        intent = new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
        worker.markDirty("intent");
        await(() -> published.size() == 2);
        final StatusReport.PortStatus removing = published.get(1).ports().get("r1");
        assertEquals(2, removing.flowsRemaining());
        assertEquals(false, removing.flowsInstalled());
        assertTrue(removing.lastError().orElseThrow(), removing.lastError().orElseThrow().startsWith("deleted; 2 "));
        assertEquals(0, published.get(1).ports().get("r2").flowsRemaining());
        // Statistics of a later round still show one; then none, and the port is gone.
        reported = Map.of("openflow:1", FlowAudit.identities(List.of(r1)));
        worker.markDirty("switch:openflow:1");
        await(() -> published.size() == 3);
        assertEquals(1, published.get(2).ports().get("r1").flowsRemaining());
        reported = Map.of("openflow:1", Set.of());
        worker.markDirty("switch:openflow:1");
        await(() -> published.size() == 4);
        assertEquals(null, published.get(3).ports().get("r1"));
    }

    @Test
    public void theAuditAloneFollowsWhatTheSwitchesReportWithoutARound() throws InterruptedException {
        final long r1 = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "r1");
        reported = Map.of("openflow:1", FlowAudit.identities(List.of(r1)));
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        final var ports = new TreeMap<>(intent.ports());
        ports.remove("r1");
        intent = new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
        worker.markDirty("intent");
        await(() -> published.size() == 2);
        assertEquals(1, published.get(1).ports().get("r1").flowsRemaining());
        assertEquals(2, published.get(1).counters().rounds());
        assertEquals("intent", published.get(1).counters().lastCause());
        worker.startAudit(Duration.ofMillis(20));
        reported = Map.of("openflow:1", Set.of());
        await(() -> published.size() == 3);
        assertEquals(null, published.get(2).ports().get("r1"));
        assertEquals("no round ran for it", 2, published.get(2).counters().rounds());
        assertTrue(published.get(2).counters().audits() > 0);
    }

}
