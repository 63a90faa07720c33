/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.core.stage.RoundCounters.RoundTimes;
import org.edgeplane.core.stage.RoundCounters.StageRound;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.RoundOperations;
import org.edgeplane.core.stage.RoundReport;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotSource;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.edgeplane.core.stage.SwitchFlowReader.ReportedFlow;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.edgeplane.core.verify.Steering;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that turns intent into flows. Listeners only call {@link #markDirty(String)}; the worker then
 * reads one snapshot, runs every registered stage in order (the binding stage first, whose edge facts the others
 * build on), lets the reconciler write the difference of their union and tells each stage what was written.
 * Events that arrive during a round coalesce into the next one, so spurious or repeated events cost one idempotent
 * round at most. A round that fails, or that leaves a switch unwritten, is retried after a delay. What the switches
 * report in their flow statistics is checked on a timer of its own ({@link #startAudit}), never by a round.
 *
 * <p>No round runs before a binding stage is registered: without it no port has a place, and a round would remove
 * every flow an earlier run installed.
 */
public final class RoundWorker implements PipelineStages, RoundOperations {
    private static final Logger LOG = LoggerFactory.getLogger(RoundWorker.class);
    /** The prefix of the key a switch's reports (connection, ports) mark dirty with. */
    public static final String SWITCH_KEY = "switch:";
    private static final String RETRY = "retry";

    private final SnapshotSource source;
    private final Reconciler reconciler;
    private final ScheduledExecutorService executor;
    private final Duration coalesceDelay;
    private final Duration retryDelay;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** When the first change not yet taken by a round was noticed (epoch milliseconds), 0 when none waits. */
    private final AtomicLong firstNoticed = new AtomicLong();
    /** When the worker was made ({@link System#nanoTime}): the changes of a start coalesce from then on. */
    private final long created = System.nanoTime();
    private volatile boolean roundRan;
    /**
     * Whether this worker runs rounds and audits: always on a single controller; in a cluster only on the member that
     * holds the rounds' cluster singleton. An inactive worker only collects what changed.
     */
    private volatile boolean active;
    private final SwitchAuditor auditor;
    private final RoundGuard guard;
    /** Whether the last round broke an isolation property and was not installed; worker thread only. */
    private boolean lastRoundBlocked;
    /** Registered stages in round order. */
    private final Map<String, PipelineStage> stages = new ConcurrentSkipListMap<>();
    /** The last flows each stage compiled, reused when it fails: a broken stage must not open its tables. */
    private final Map<String, StageFlows> lastStageFlows = new HashMap<>();
    private boolean stageFailed;
    private RoundCounters counters = RoundCounters.NONE;
    private volatile RoundUnion lastUnion = RoundUnion.EMPTY;
    private volatile Map<String, SwitchFacts> lastInventory = Map.of();
    /** The last round's snapshot and binding facts, for traces; read and written on the worker thread. */
    private Snapshot lastSnapshot;
    private EdgeFacts lastFacts = EdgeFacts.NONE;
    private List<Steering> lastSteering = List.of();
    /** What each switch held at its last audit, as {@link FlowAudit#identities}; worker thread only. */
    private final Map<String, Set<String>> audited = new HashMap<>();
    /** Switches known to hold exactly their installed flows since a bundle of theirs committed; worker thread. */
    private final Set<String> holdingInstalled = new HashSet<>();

    /** A worker whose audit, if started, never finds a switch changed. */
    public RoundWorker(final SnapshotSource source, final Reconciler reconciler,
            final ScheduledExecutorService executor, final Duration coalesceDelay, final Duration retryDelay) {
        this(source, reconciler, executor, coalesceDelay, retryDelay,
            new FlowAudit(Duration.ofDays(1), Duration.ofDays(1)), Clock.systemUTC());
    }

    public RoundWorker(final SnapshotSource source, final Reconciler reconciler,
            final ScheduledExecutorService executor, final Duration coalesceDelay, final Duration retryDelay,
            final FlowAudit audit, final Clock clock) {
        this(source, reconciler, executor, coalesceDelay, retryDelay, audit, clock,
            new RoundGuard(RoundGuard.Mode.BLOCK));
    }

    /**
     * A worker whose rounds the guard proves isolated before they are written.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public RoundWorker(final SnapshotSource source, final Reconciler reconciler,
            final ScheduledExecutorService executor, final Duration coalesceDelay, final Duration retryDelay,
            final FlowAudit audit, final Clock clock, final RoundGuard guard) {
        this.guard = requireNonNull(guard);
        this.source = requireNonNull(source);
        this.reconciler = requireNonNull(reconciler);
        active = true;
        this.executor = requireNonNull(executor);
        this.coalesceDelay = requireNonNull(coalesceDelay);
        this.retryDelay = requireNonNull(retryDelay);
        auditor = new SwitchAuditor(audit, clock, switchId -> {
            reconciler.forget(switchId);
            markDirty("audit:" + switchId);
        });
    }

    /** Something under this key may have changed. Cheap and safe to call from any thread, any number of times. */
    public void markDirty(final String key) {
        firstNoticed.compareAndSet(0, System.currentTimeMillis());
        dirty.add(key);
        if (active && scheduled.compareAndSet(false, true)) {
            // A change finds the worker idle and starts a round at once: one port added reaches its switch without
            // waiting. Changes that come while a round runs wait for it to end (the executor has one thread), and
            // the next round takes them all: a round is its own coalescing window, so a burst costs few rounds.
            // Only a start (every listener fires at once, before any round) waits for the coalescing delay.
            final boolean starting = !roundRan && System.nanoTime() - created < coalesceDelay.toNanos();
            executor.schedule(this::runRound, starting ? coalesceDelay.toMillis() : 0, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops rounds and audits until {@link #activate()}, and forgets everything this worker believed about the
     * switches: another member writes them meanwhile. Completes once a round that was running has ended, so no
     * write of this member follows it.
     */
    public ListenableFuture<?> deactivate() {
        active = false;
        final SettableFuture<Void> stopped = SettableFuture.create();
        try {
            executor.execute(() -> {
                active = false;
                reconciler.forgetAll();
                audited.clear();
                holdingInstalled.clear();
                LOG.info("This member does not run rounds");
                stopped.set(null);
            });
        } catch (RejectedExecutionException e) {
            // The worker stopped: no round runs any more.
            stopped.set(null);
        }
        return stopped;
    }

    /**
     * Runs rounds again, starting with one that takes over the switches from what the datastore says was committed
     * to them (see {@link Reconciler}): a switch that holds exactly that keeps its flows untouched.
     */
    public void activate() {
        executor.execute(() -> {
            reconciler.forgetAll();
            firstNoticed.set(0);
            active = true;
            LOG.info("Rounds run on this member");
            markDirty("leader");
        });
    }

    /** Whether this worker runs the rounds (on a cluster: this member holds the singleton). */
    public boolean isActive() {
        return active;
    }

    /**
     * A switch (re)connected: what it holds is not known (it may have restarted empty, or kept flows while the
     * controller was away), so the next round takes it over if it holds exactly what was last committed to it, and
     * else replaces Edgeplane's content on it in full.
     */
    public void switchConnected(final String switchId) {
        executor.execute(() -> reconciler.reconnected(switchId));
        markDirty(SWITCH_KEY + switchId);
    }

    /** Whether the switch was connected when the last round read the inventory. */
    public boolean isConnected(final String switchId) {
        return lastInventory.containsKey(switchId);
    }

    // The boundary of one round: whatever goes wrong is logged and retried, and the worker keeps running.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void runRound() {
        scheduled.set(false);
        if (!active) {
            LOG.debug("Not the member that runs rounds; {} wait", dirty);
            return;
        }
        if (!hasBindingStage()) {
            LOG.debug("No binding stage registered yet; {} wait", dirty);
            return;
        }
        final var keys = new TreeSet<String>();
        final long noticed = firstNoticed.getAndSet(0);
        dirty.removeIf(keys::add);
        if (keys.stream().anyMatch(key -> key.startsWith(SWITCH_KEY))) {
            reconciler.inventoryChanged();
        }
        boolean retry;
        try {
            // A switch that is not connected is written when it connects, not on a timer.
            // A round the verifier refused runs again when the intent changes, not on a timer.
            retry = round(keys, Optional.empty(), noticed).values().stream()
                .anyMatch(result -> result.error().isPresent() && !result.awaitsSwitch()) && !lastRoundBlocked
                || stageFailed;
        } catch (SnapshotUnavailableException e) {
            LOG.warn("Recompute for {} could not read the datastore, retrying in {}", keys, retryDelay, e);
            retry = true;
        } catch (RuntimeException e) {
            LOG.error("Recompute for {} failed, retrying in {}", keys, retryDelay, e);
            retry = true;
        }
        roundRan = true;
        if (retry) {
            executor.schedule(() -> markDirty(RETRY), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean hasBindingStage() {
        return stages.values().stream().anyMatch(stage -> stage.order() == PipelineStage.BINDING);
    }

    /**
     * One round; {@code recompile} names a switch whose stages compile everything on it afresh, {@code noticed} is
     * when its first change was noticed (epoch milliseconds, 0 if unknown).
     */
    private SortedMap<String, SwitchResult> round(final Set<String> keys, final Optional<String> recompile,
            final long noticed) throws SnapshotUnavailableException {
        final long startedAt = System.currentTimeMillis();
        final long started = System.nanoTime();
        final Snapshot snapshot = source.read();
        final long read = System.nanoTime();
        lastInventory = snapshot.inventory();
        lastSnapshot = snapshot;
        final var stageRounds = new TreeMap<String, StageRound>();
        final RoundUnion union = compileStages(snapshot, recompile, stageRounds);
        final long compiled = System.nanoTime();
        final var shapes = new HashMap<String, Long>();
        snapshot.inventory().forEach((nodeId, facts) -> shapes.put(nodeId, facts.shape()));
        lastSteering = steering(snapshot);
        final VerificationReport verdict = guard.verify(union, snapshot, lastFacts, lastSteering);
        lastRoundBlocked = guard.blocks(verdict);
        if (verdict.unfinished()) {
            // The verifier goes on where its budget stopped it, a round at a time, leaving the worker (and a core)
            // mostly free between: at most a fifth of the time goes to catching up.
            executor.schedule(() -> markDirty("verify:continue"), retryDelay.toMillis() * 5, TimeUnit.MILLISECONDS);
        }
        final SortedMap<String, SwitchResult> results;
        if (lastRoundBlocked) {
            // The switches keep the last proven flows; every switch of the round says why it got nothing.
            results = new TreeMap<>();
            final String why = guard.refusal(verdict);
            union.flowsBySwitch().forEach((switchId, flows) -> results.put(switchId, new SwitchResult(flows.size(),
                reconciler.installedIds(switchId).size(), 0, Optional.of(why))));
        } else {
            reconciler.compilingWith(shapes);
            results = reconciler.reconcile(union.flowsBySwitch(), union.metersBySwitch(), union.groupsBySwitch());
            lastUnion = union;
        }
        final long changeCount = results.values().stream().mapToLong(SwitchResult::changes).sum();
        final var written = reconciler.lastTimes();
        final var times = new RoundTimes(noticed == 0 ? startedAt : noticed,
            noticed == 0 ? 0 : Math.max(0, startedAt - noticed), millis(read - started), millis(compiled - read),
            millis(written.diffNanos()), millis(written.sendNanos()), millis(written.ackNanos()));
        counters = counters.afterRound(String.join(" ", keys), millis(System.nanoTime() - started),
            changeCount, stageRounds, times, results);
        results.forEach((switchId, result) -> {
            if (result.error().isPresent()) {
                holdingInstalled.remove(switchId);
            } else if (result.changes() > 0) {
                holdingInstalled.add(switchId);
                audited.remove(switchId);
            }
        });
        final RoundUnion held = lastUnion;
        final var report = new RoundReport(snapshot, results, counters, Suppliers.memoize(() -> held(held)),
            RoundGuard.portErrors(verdict, guard.mode()));
        stages.values().forEach(stage -> tellStage(stage, "publish its status", () -> stage.written(report)));
        LOG.debug("Recomputed for {}: {} switches, {} flow changes", keys, results.size(), changeCount);
        return results;
    }

    /**
     * What the switches hold now: a switch whose last write committed holds exactly its installed flows (a bundle
     * commits whole); any other, what its last audit read.
     */
    private Map<String, Set<String>> held(final RoundUnion union) {
        final var held = new TreeMap<>(audited);
        holdingInstalled.forEach(switchId -> held.put(switchId,
            SwitchAuditor.expected(switchId, union.flowsOf(switchId), reconciler)));
        return held;
    }

    private static long millis(final long nanos) {
        return nanos / 1_000_000;
    }

    // The boundary of one stage: a stage that throws keeps its previous flows and the round is retried.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private RoundUnion compileStages(final Snapshot snapshot, final Optional<String> recompile,
            final Map<String, StageRound> stageRounds) {
        stageFailed = false;
        lastStageFlows.keySet().retainAll(stages.keySet());
        final var union = new RoundUnion.Builder();
        EdgeFacts facts = EdgeFacts.NONE;
        for (Map.Entry<String, PipelineStage> entry : stages.entrySet()) {
            final PipelineStage stage = entry.getValue();
            StageFlows flows;
            final long started = System.nanoTime();
            try {
                flows = stage.compile(new RoundInput(snapshot, facts, recompile));
                lastStageFlows.put(entry.getKey(), flows);
            } catch (RuntimeException e) {
                LOG.error("Stage {} failed to compile; keeping its previous flows", stage.name(), e);
                stageFailed = true;
                flows = lastStageFlows.getOrDefault(entry.getKey(), StageFlows.NONE);
            }
            stageRounds.put(stage.name(), new StageRound((System.nanoTime() - started) / 1_000_000, flows.work()));
            if (flows.facts().isPresent()) {
                facts = flows.facts().orElseThrow();
            }
            union.add(stage.name(), flows);
        }
        lastFacts = facts;
        return union.build();
    }

    /**
     * The paths every stage steers traffic on by design; a stage that cannot say declares none, so its steering is
     * judged as any other path (refused if it crosses networks).
     */
    // The boundary of one stage's declaration, as compileStages' is of its compile.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private List<Steering> steering(final Snapshot snapshot) {
        final var steering = new ArrayList<Steering>();
        for (PipelineStage stage : stages.values()) {
            try {
                steering.addAll(stage.steering(snapshot, lastFacts));
            } catch (RuntimeException e) {
                LOG.error("Stage {} could not declare the paths it steers", stage.name(), e);
            }
        }
        return steering;
    }

    // A stage's status is its own: one that fails to publish must not stop the others or the worker.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void tellStage(final PipelineStage stage, final String what, final Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Stage {} could not {}", stage.name(), what, e);
        }
    }

    /**
     * Audits the connected switches every {@code period}, on the worker's thread, until the executor stops. Each
     * audit asks every switch for the number of Edgeplane's flows it holds (one small request each); only a switch
     * whose number differs from what was installed is asked for the flows themselves.
     */
    public void startAudit(final Duration period, final SwitchFlowReader reader) {
        requireNonNull(reader);
        executor.scheduleWithFixedDelay(() -> auditRound(reader), period.toMillis(), period.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    // The boundary of one audit: whatever goes wrong is logged, and the next audit runs on time.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void auditRound(final SwitchFlowReader reader) {
        if (!active) {
            return;
        }
        try {
            final RoundUnion union = lastUnion;
            final var expected = new HashMap<String, Set<String>>();
            lastInventory.keySet().forEach(switchId -> expected.put(switchId,
                SwitchAuditor.expected(switchId, union.flowsOf(switchId), reconciler)));
            final var reported = new TreeMap<String, Set<String>>();
            final var doubtful = new ArrayList<String>();
            reader.counts(expected.keySet(), Cookies.EDGEPLANE, Cookies.EDGEPLANE_MASK).forEach((switchId, count) -> {
                if (count == expected.get(switchId).size()) {
                    reported.put(switchId, expected.get(switchId));
                } else {
                    doubtful.add(switchId);
                }
            });
            if (!doubtful.isEmpty()) {
                reader.flows(doubtful, Cookies.EDGEPLANE, Cookies.EDGEPLANE_MASK).forEach((switchId, flows) ->
                    reported.put(switchId, FlowAudit.identities(flows.stream().map(ReportedFlow::cookie).toList())));
            }
            holdingInstalled.removeAll(reported.keySet());
            audited.putAll(reported);
            counters = counters.afterAudit();
            auditor.check(reported, expected, union::flowsOf);
            final RoundCounters now = counters;
            stages.values().forEach(stage -> tellStage(stage, "take the audit",
                () -> stage.audited(reported, now)));
        } catch (RuntimeException e) {
            LOG.warn("Audit failed; the next one retries", e);
        }
    }

    /** The switches connected when the last round read the inventory. */
    public Set<String> connectedSwitches() {
        return lastInventory.keySet();
    }

    @Override
    public AutoCloseable register(final PipelineStage stage) {
        final String key = String.format(Locale.ROOT, "%04d", stage.order());
        if (stages.putIfAbsent(key, stage) != null) {
            throw new IllegalStateException("stage " + stages.get(key).name() + " already has order "
                + stage.order() + "; " + stage.name() + " cannot share it");
        }
        stageChanged(stage);
        return () -> {
            stages.remove(key, stage);
            markDirty("stage:" + stage.name());
        };
    }

    @Override
    public void stageChanged(final PipelineStage stage) {
        markDirty("stage:" + stage.name());
    }

    @Override
    public PortNames portNames() {
        final Map<String, SwitchFacts> inventory = lastInventory;
        return switchId -> {
            final SwitchFacts facts = inventory.get(switchId);
            return facts == null ? Map.of() : facts.portNumbersByName();
        };
    }

    @Override
    public Map<String, FlowRecord> desiredFlows(final String switchId) {
        return lastUnion.flowsOf(switchId);
    }

    @Override
    public Set<String> installedFlowIds(final String switchId) {
        return onWorker("read the installed flows of " + switchId, () -> Set.copyOf(reconciler.installedIds(
            switchId)));
    }

    @Override
    public TraceReport trace(final TraceRequest request) {
        if (!active) {
            throw new IllegalStateException("this member does not run Edgeplane's rounds; the member that does traces");
        }
        return onWorker("trace", () -> {
            if (lastSnapshot == null) {
                throw new IllegalStateException("no round has run yet");
            }
            return TraceScene.trace(request, lastSnapshot, lastFacts, lastUnion, reconciler, stages.values());
        });
    }

    @Override
    public VerificationReport verify(final boolean installed) {
        if (!active) {
            throw new IllegalStateException("this member does not run Edgeplane's rounds; the member that does "
                + "verifies");
        }
        return onWorker("verify", () -> {
            if (lastSnapshot == null) {
                throw new IllegalStateException("no round has run yet");
            }
            if (!installed) {
                return guard.last();
            }
            final var flows = new TreeMap<String, Map<String, FlowRecord>>();
            final var groups = new TreeMap<String, Map<Long, GroupRecord>>();
            for (String switchId : lastSnapshot.inventory().keySet()) {
                final var content = reconciler.installedContent(switchId, lastUnion.flowsOf(switchId),
                    lastUnion.groupsBySwitch().getOrDefault(switchId, Map.of()),
                    lastUnion.metersBySwitch().getOrDefault(switchId, Map.of()));
                final var byId = new HashMap<String, FlowRecord>();
                content.flows().forEach(flow -> byId.put(flow.id(), flow));
                flows.put(switchId, byId);
                groups.put(switchId, content.groups());
            }
            return new Verifier().verify(new VerificationInput(flows, groups, lastSnapshot.intent(), lastFacts,
                lastSteering));
        });
    }

    /** Asks on the worker thread, which owns the reconciler; what the question throws is thrown as it is. */
    // The question's own exception (a trace request's wrong field) is what the caller must see, not its wrapper.
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    private <T> T onWorker(final String what, final Callable<T> question) {
        try {
            return executor.submit(question).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("could not " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Future<Optional<SwitchResult>> recompute(final String switchId) {
        return executor.submit(() -> {
            reconciler.forget(switchId);
            return Optional.ofNullable(round(Set.of("recompute:" + switchId), Optional.of(switchId), 0)
                .get(switchId));
        });
    }

    /** The stages registered now, in round order (for tests and operators). */
    public List<String> stageNames() {
        return stages.values().stream().map(PipelineStage::name).toList();
    }
}
