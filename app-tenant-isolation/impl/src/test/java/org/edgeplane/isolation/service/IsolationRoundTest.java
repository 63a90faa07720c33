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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.round.RoundWorker;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotSource;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.edgeplane.core.stage.SwitchFlowReader.ReportedFlow;
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
    private volatile Map<String, SwitchFacts> inventory = Map.of();
    private volatile boolean writesFail;
    /** The cookies of the flows each switch holds, as the fake switches answer the audit. */
    private final Map<String, List<Long>> held = new ConcurrentHashMap<>();
    private final AtomicInteger flowReads = new AtomicInteger();

    private final SnapshotSource source = () -> {
        reads.incrementAndGet();
        if (failingReads > 0) {
            failingReads--;
            throw new SnapshotUnavailableException("datastore down", new IllegalStateException());
        }
        return new Snapshot(intent, inventory);
    };

    private final RoundWorker worker = new RoundWorker(source,
        new Reconciler((diff, heldBefore) -> {
            if (writesFail) {
                return Futures.immediateFailedFuture(new IllegalStateException("switch refused the bundle"));
            }
            written.add(diff);
            return Futures.immediateFuture(null);
        }, Duration.ofSeconds(1)), executor, Duration.ofMillis(100), Duration.ofMillis(100));

    /** Answers from {@link #held}; a switch not in it is silent. */
    private final SwitchFlowReader switches = new SwitchFlowReader() {
        @Override
        public Map<String, Long> counts(final Collection<String> switchIds, final long cookie, final long mask) {
            final var counts = new HashMap<String, Long>();
            switchIds.stream().filter(held::containsKey)
                .forEach(switchId -> counts.put(switchId, (long) held.get(switchId).size()));
            return counts;
        }

        @Override
        public Map<String, List<ReportedFlow>> flows(final Collection<String> switchIds, final long cookie,
                final long mask) {
            flowReads.incrementAndGet();
            final var flows = new HashMap<String, List<ReportedFlow>>();
            switchIds.stream().filter(held::containsKey).forEach(switchId -> flows.put(switchId,
                held.get(switchId).stream().map(each -> new ReportedFlow(each, FlowCounter.ZERO)).toList()));
            return flows;
        }
    };

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
    public void aDeletedPortLeavesTheStatusOnceItsSwitchCommittedTheRound() throws InterruptedException {
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        intent = withoutPort("r1");
        worker.markDirty("intent");
        await(() -> published.size() == 2);
        assertEquals(null, published.get(1).ports().get("r1"));
    }

    @Test
    public void aDeletedPortStaysInTheStatusWhileItsSwitchStillHoldsItsFlows() throws InterruptedException {
        inventory = connected("openflow:1", "openflow:2");
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        final long r1 = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "r1");
        // openflow:1 holds two flows of r1 and one of no one Edgeplane knows: not what was installed.
        held.put("openflow:1", List.of(r1, r1, 7L));
        worker.startAudit(Duration.ofMillis(20), switches);
        await(() -> flowReads.get() > 0);
        writesFail = true;
        intent = withoutPort("r1");
        worker.markDirty("intent");
        await(() -> lastStatusOf("r1").map(port -> port.flowsRemaining() == 2).orElse(false));
        final StatusReport.PortStatus removing = lastStatusOf("r1").orElseThrow();
        assertEquals(false, removing.flowsInstalled());
        assertTrue(removing.lastError().orElseThrow(), removing.lastError().orElseThrow().startsWith("deleted; 2 "));
        // The switch lets one go, then the other: each audit says so, without a round.
        held.put("openflow:1", List.of(r1));
        await(() -> lastStatusOf("r1").map(port -> port.flowsRemaining() == 1).orElse(false));
        held.put("openflow:1", List.of());
        await(() -> lastStatusOf("r1").isEmpty());
    }

    @Test
    public void anAuditReadsTheFlowsOnlyOfASwitchWhoseCountDiffers() throws InterruptedException {
        inventory = connected("openflow:1", "openflow:2");
        worker.markDirty("intent");
        await(() -> published.size() == 1);
        final long audits = published.get(0).counters().audits();
        // Each switch holds as many flows as were installed on it.
        held.put("openflow:1", cookiesInstalledOn(1));
        held.put("openflow:2", cookiesInstalledOn(2));
        worker.startAudit(Duration.ofMillis(20), switches);
        await(() -> published.get(published.size() - 1).counters().audits() > audits + 3);
        assertEquals(0, flowReads.get());
        held.put("openflow:2", List.of());
        await(() -> flowReads.get() > 0);
    }

    private List<Long> cookiesInstalledOn(final int switchNumber) {
        return written.stream().filter(diff -> diff.switchId().equals("openflow:" + switchNumber))
            .flatMap(diff -> diff.writes().stream()).map(FlowRecord::cookie).toList();
    }

    private Optional<StatusReport.PortStatus> lastStatusOf(final String portId) {
        return Optional.ofNullable(published.get(published.size() - 1).ports().get(portId));
    }

    private Intent withoutPort(final String portId) {
        final var ports = new TreeMap<>(intent.ports());
        ports.remove(portId);
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    private static Map<String, SwitchFacts> connected(final String... switchIds) {
        final var facts = new HashMap<String, SwitchFacts>();
        for (String switchId : switchIds) {
            facts.put(switchId, new SwitchFacts(switchId, Map.of(), SwitchProfile.OVS, Set.of()));
        }
        return facts;
    }
}
