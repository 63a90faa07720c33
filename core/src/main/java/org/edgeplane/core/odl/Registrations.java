/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import com.google.common.collect.Iterables;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohortRegistry;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an app registered with the platform, closed in reverse order when the app stops. */
public final class Registrations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
    /** A periodic publication waits at least this many times as long as its last read took. */
    private static final int BUSY_SHARE = 10;

    private final Deque<AutoCloseable> registrations = new ArrayDeque<>();

    public synchronized void add(final AutoCloseable registration) {
        registrations.push(registration);
    }

    /**
     * Registers a cohort that validates the intent before every commit. A data broker without commit cohorts
     * (never the case in the distribution) is logged as an error: bad input would then be written.
     */
    public void addCohort(final DOMDataBroker domBroker, final IntentCommitCohort cohort, final String app) {
        final var cohortRegistry = domBroker.getExtensions().getInstance(DOMDataTreeCommitCohortRegistry.class);
        if (cohortRegistry == null) {
            LOG.error("The data broker cannot validate commits: bad {} intent will not be rejected", app);
            return;
        }
        add(cohortRegistry.registerCommitCohort(
            new DOMDataTreeIdentifier(LogicalDatastoreType.CONFIGURATION, cohort.path()), cohort));
    }

    /**
     * Plugs an app into the core: its write-time checks into the one commit cohort (in the stage's order), the
     * decoder of its part of the intent into every snapshot, and its stage into the rounds. All are removed when the
     * app stops.
     */
    public void plugIn(final IntentChecks checks, final PipelineStages stages, final PipelineStage stage,
            final IntentChecks.IntentCheck check, final Function<@Nullable Intent, Object> slice) {
        add(checks.addSlice(stage.name(), slice));
        plugIn(checks, stages, stage, check);
    }

    /** Plugs in an app whose intent is the endpoints every snapshot holds anyway (tenant isolation). */
    public void plugIn(final IntentChecks checks, final PipelineStages stages, final PipelineStage stage,
            final IntentChecks.IntentCheck check) {
        add(checks.addCheck(stage.order(), stage.name(), check));
        add(stages.register(stage));
    }

    /**
     * Follows the configured intent: after every batch of changes, {@code onChange} gets the intent as it now is
     * (null when it was deleted).
     */
    public void followIntent(final DataBroker broker, final Consumer<@Nullable Intent> onChange) {
        add(broker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH),
            (ClusteredDataTreeChangeListener<Intent>) changes -> {
                if (!changes.isEmpty()) {
                    onChange.accept(Iterables.getLast(changes).getRootNode().getDataAfter());
                }
            }));
    }

    /** What an app publishes: read from the switches' latest statistics, so it may be unavailable for a round. */
    @FunctionalInterface
    public interface StatusSource<V> {
        V read() throws SnapshotUnavailableException;
    }

    /**
     * Publishes what {@code source} reads, on a thread of its own, until the app stops: every {@code period}, or,
     * when a read takes long (it asks every switch for its flows), after {@value #BUSY_SHARE} times its duration, so
     * that publishing never takes more than a small share of the controller's time, whatever the number of flows.
     */
    public <V> void publishEvery(final String threadName, final Duration period, final StatusSource<V> source,
            final OperationalPublisher<V, ?> publisher) {
        publishEvery(threadName, period, () -> true, source, publisher);
    }

    /**
     * As {@link #publishEvery(String, Duration, StatusSource, OperationalPublisher)}, only while {@code leading}:
     * on a cluster, only the member that runs the rounds reads the switches and publishes.
     */
    public <V> void publishEvery(final String threadName, final Duration period, final BooleanSupplier leading,
            final StatusSource<V> source, final OperationalPublisher<V, ?> publisher) {
        final ScheduledExecutorService executor = newScheduler(threadName);
        executor.schedule(new Runnable() {
            @Override
            public void run() {
                final long started = System.nanoTime();
                if (leading.getAsBoolean()) {
                    publishOnce(threadName, source, publisher);
                } else {
                    publisher.forget();
                }
                final long nextMillis = Math.max(period.toMillis(),
                    BUSY_SHARE * TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                executor.schedule(this, nextMillis, TimeUnit.MILLISECONDS);
            }
        }, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    // One failed round must not end the periodic task: the next one tries again.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static <V> void publishOnce(final String threadName, final StatusSource<V> source,
            final OperationalPublisher<V, ?> publisher) {
        try {
            publisher.publish(source.read());
        } catch (SnapshotUnavailableException | RuntimeException e) {
            LOG.warn("{}: not published this round", threadName, e);
        }
    }

    /** A pool of daemon threads, stopped when the app stops (after what was added later). */
    public ExecutorService newPool(final String threadName, final int threads) {
        final var count = new AtomicInteger();
        final ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            final var thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        add(executor::shutdownNow);
        return executor;
    }

    /** A single daemon thread for an app's own work, stopped when the app stops (after what was added later). */
    public ScheduledExecutorService newScheduler(final String threadName) {
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final var thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        add(executor::shutdownNow);
        return executor;
    }

    // Closing must go on past a registration that fails to close.
    @SuppressWarnings("checkstyle:IllegalCatch")
    @Override
    public synchronized void close() {
        while (!registrations.isEmpty()) {
            final AutoCloseable registration = registrations.pop();
            try {
                registration.close();
            } catch (Exception e) {
                LOG.warn("Failed to close {}", registration, e);
            }
        }
    }
}
