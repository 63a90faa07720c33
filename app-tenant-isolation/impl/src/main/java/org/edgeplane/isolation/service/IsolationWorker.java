/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.reconcile.SwitchResync;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IntentChanges;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that turns intent into flows. Listeners only call {@link #markDirty(String)}; the worker then
 * reads a fresh snapshot, compiles it, lets the reconciler write the difference and publishes status. Events that
 * arrive during a round coalesce into the next one, so spurious or repeated events cost one idempotent round at
 * most. A round that fails, or that leaves a switch unwritten, is retried after a delay. What the switches report in
 * their flow statistics is checked on a timer of its own ({@link #startAudit}), never by a round.
 */
public final class IsolationWorker implements IsolationOperations, PipelineStages {
    private static final Logger LOG = LoggerFactory.getLogger(IsolationWorker.class);
    private static final String RETRY = "retry";
    private static final SwitchResync NO_RESYNC = new SwitchResync() {
        @Override
        public ListenableFuture<?> resync(final String switchId) {
            return Futures.immediateVoidFuture();
        }

        @Override
        public ListenableFuture<?> removeByCookie(final String switchId,
                final long cookie) {
            return Futures.immediateVoidFuture();
        }
    };

    private final SnapshotSource source;
    private final Reconciler reconciler;
    private final StatusSink status;
    private final ScheduledExecutorService executor;
    private final Duration coalesceDelay;
    private final Duration retryDelay;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final IsolationCompiler compiler = new IsolationCompiler();
    private final SwitchAuditor auditor;
    private final Map<String, PipelineStage> stages = new ConcurrentSkipListMap<>();
    /** The last flows each stage compiled, reused when it fails: a broken stage must not open its tables. */
    private final Map<String, StageFlows> lastStageFlows = new HashMap<>();
    private boolean stageFailed;
    private volatile CompiledIntent lastCompiled = IsolationCompiler.compile(Intent.EMPTY, Map.of());
    private volatile StatusReport lastStatus = StatusReport.of(lastCompiled, Map.of(), Set.of());
    /** The last round's report, before ports being removed are added to it. */
    private StatusReport lastRoundReport = lastStatus;
    private RoundCounters counters = RoundCounters.NONE;
    private final Map<String, Long> stageMillis = new HashMap<>();
    private volatile Map<String, SwitchFacts> lastInventory = Map.of();

    /** A worker that never resynchronises switches (for hosts without a forwarding-rules manager). */
    public IsolationWorker(final SnapshotSource source, final Reconciler reconciler, final StatusSink status,
            final ScheduledExecutorService executor, final Duration coalesceDelay, final Duration retryDelay) {
        this(source, reconciler, status, executor, coalesceDelay, retryDelay,
            NO_RESYNC, new FlowAudit(Duration.ofDays(1), Duration.ofDays(1)),
            Clock.systemUTC());
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public IsolationWorker(final SnapshotSource source, final Reconciler reconciler, final StatusSink status,
            final ScheduledExecutorService executor, final Duration coalesceDelay, final Duration retryDelay,
            final SwitchResync resync, final FlowAudit audit, final Clock clock) {
        this.source = requireNonNull(source);
        this.reconciler = requireNonNull(reconciler);
        this.status = requireNonNull(status);
        this.executor = requireNonNull(executor);
        this.coalesceDelay = requireNonNull(coalesceDelay);
        this.retryDelay = requireNonNull(retryDelay);
        auditor = new SwitchAuditor(resync, audit, clock);
    }

    /** Something under this key may have changed. Cheap and safe to call from any thread, any number of times. */
    public void markDirty(final String key) {
        dirty.add(key);
        if (scheduled.compareAndSet(false, true)) {
            executor.schedule(this::runRound, coalesceDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // The boundary of one round: whatever goes wrong is logged and retried, and the worker keeps running.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void runRound() {
        scheduled.set(false);
        final var keys = new TreeSet<String>();
        dirty.removeIf(keys::add);
        boolean retry;
        try {
            retry = round(keys);
        } catch (SnapshotUnavailableException e) {
            LOG.warn("Recompute for {} could not read the datastore, retrying in {}", keys, retryDelay, e);
            retry = true;
        } catch (RuntimeException e) {
            LOG.error("Recompute for {} failed, retrying in {}", keys, retryDelay, e);
            retry = true;
        }
        if (retry) {
            executor.schedule(() -> markDirty(RETRY), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean round(final Set<String> keys) throws SnapshotUnavailableException {
        return round(keys, Optional.empty()).values().stream().anyMatch(result -> result.error().isPresent())
            || stageFailed;
    }

    /** One round; {@code recompile} names a switch whose networks are all recompiled, whatever changed. */
    private SortedMap<String, SwitchResult> round(final Set<String> keys, final Optional<String> recompile)
            throws SnapshotUnavailableException {
        final long started = System.nanoTime();
        final Snapshot snapshot = source.read();
        lastInventory = snapshot.inventory();
        IntentChanges changes = IntentChanges.between(compiler.intent(), snapshot.intent());
        if (recompile.isPresent()) {
            final var networks = new HashSet<>(changes.networks());
            networks.addAll(compiler.networksOn(recompile.orElseThrow()));
            final var switches = new HashSet<>(changes.switches());
            switches.add(recompile.orElseThrow());
            changes = new IntentChanges(networks, changes.ports(), switches);
        }
        final CompiledIntent compiled = withStages(snapshot.intent(),
            compiler.update(snapshot.intent(), snapshot.inventory(), changes));
        final SortedMap<String, SwitchResult> results = reconciler.reconcile(compiled.flowsBySwitch(),
            compiled.metersBySwitch(), compiled.groupsBySwitch());
        final long changeCount = results.values().stream().mapToLong(SwitchResult::changes).sum();
        counters = counters.afterRound(String.join(" ", keys), (System.nanoTime() - started) / 1_000_000,
            changeCount, stageMillis);
        lastRoundReport = StatusReport.of(compiled, results, snapshot.inventory().keySet());
        final StatusReport report = lastRoundReport.withRemovals(lastStatus, snapshot.reportedFlows())
            .withCounters(counters);
        logNewCompileFailures(report);
        status.publish(report);
        lastCompiled = compiled;
        lastStatus = report;
        LOG.debug("Recomputed for {}: {} switches, {} flow changes", keys, results.size(), changeCount);
        return results;
    }

    /** Audits what the switches report every {@code period}, on the worker's thread, until the executor stops. */
    public void startAudit(final Duration period) {
        executor.scheduleWithFixedDelay(this::auditRound, period.toMillis(), period.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    // The boundary of one audit: whatever goes wrong is logged, and the next audit runs on time.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void auditRound() {
        try {
            final Map<String, Set<String>> reported = source.reportedFlows();
            auditor.check(reported, lastCompiled, reconciler);
            counters = counters.afterAudit();
            final StatusReport report = lastRoundReport.withRemovals(lastStatus, reported);
            // The counters alone changing is not worth a datastore write.
            if (!report.ports().equals(lastStatus.ports())) {
                lastStatus = report.withCounters(counters);
                status.publish(lastStatus);
            }
        } catch (SnapshotUnavailableException e) {
            LOG.debug("Audit could not read the inventory; the next one retries", e);
        } catch (RuntimeException e) {
            LOG.warn("Audit failed; the next one retries", e);
        }
    }

    /** Each object whose compile failed is logged once, with its key, when its failure first appears. */
    private void logNewCompileFailures(final StatusReport report) {
        report.ports().forEach((portId, port) -> port.lastError()
            .filter(error -> error.startsWith(IsolationCompiler.COMPILE_FAILED))
            .filter(error -> {
                final var previous = lastStatus.ports().get(portId);
                return previous == null || !port.lastError().equals(previous.lastError());
            })
            .ifPresent(error -> LOG.warn("Port {}: {}", portId, error)));
    }

    // The boundary of one stage: a stage that throws keeps its previous flows and the round is retried.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private CompiledIntent withStages(final Intent intent, final CompiledIntent compiled) {
        stageFailed = false;
        lastStageFlows.keySet().retainAll(stages.keySet());
        stageMillis.clear();
        final var extra = new HashMap<String, List<Map<String, FlowRecord>>>();
        CompiledIntent withGroups = compiled;
        final EdgeFacts facts = compiled.edgeFacts();
        for (PipelineStage stage : stages.values()) {
            StageFlows flows;
            final long started = System.nanoTime();
            try {
                flows = stage.compile(intent, facts);
                lastStageFlows.put(stage.name(), flows);
            } catch (RuntimeException e) {
                LOG.error("Stage {} failed to compile; keeping its previous flows", stage.name(), e);
                stageFailed = true;
                flows = lastStageFlows.getOrDefault(stage.name(), StageFlows.NONE);
            }
            stageMillis.put(stage.name(), (System.nanoTime() - started) / 1_000_000);
            flows.flowsBySwitch().forEach((switchId, switchFlows) -> extra.computeIfAbsent(switchId,
                key -> new ArrayList<>()).add(switchFlows));
            withGroups = withGroups.withGroups(flows.groupsBySwitch());
        }
        return withGroups.withExtraFlows(extra);
    }

    @Override
    public AutoCloseable register(final PipelineStage stage) {
        if (stages.putIfAbsent(stage.name(), stage) != null) {
            throw new IllegalStateException("a stage named " + stage.name() + " is already registered");
        }
        stageChanged(stage);
        return () -> {
            stages.remove(stage.name(), stage);
            markDirty("stage:" + stage.name());
        };
    }

    @Override
    public void stageChanged(final PipelineStage stage) {
        markDirty("stage:" + stage.name());
    }

    /** The port names of the switches the last round saw, for the validator. Any thread. */
    public PortNames portNames() {
        final Map<String, SwitchFacts> inventory = lastInventory;
        return switchId -> {
            final SwitchFacts facts = inventory.get(switchId);
            return facts == null ? Map.of() : facts.portNumbersByName();
        };
    }

    @Override
    public Intent intent() {
        return compiler.intent();
    }

    @Override
    public StatusReport status() {
        return lastStatus;
    }

    @Override
    public Map<String, FlowRecord> desiredFlows(final String switchId) {
        return lastCompiled.flowsOf(switchId);
    }

    @Override
    public Set<String> installedFlowIds(final String switchId) {
        // The reconciler belongs to the worker thread; ask it there.
        try {
            return executor.submit(() -> Set.copyOf(reconciler.installedIds(switchId))).get(30,
                TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the installed flows of " + switchId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Future<Optional<SwitchResult>> recompute(final String switchId) {
        return executor.submit(() -> {
            reconciler.forget(switchId);
            return Optional.ofNullable(round(Set.of("recompute:" + switchId), Optional.of(switchId)).get(switchId));
        });
    }

    /** Runs on the worker thread: for wiring that must happen before the first round. */
    public void execute(final Runnable task) {
        executor.execute(task);
    }
}
