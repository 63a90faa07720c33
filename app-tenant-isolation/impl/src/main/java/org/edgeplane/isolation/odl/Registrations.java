/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohortRegistry;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an app registered with the platform, closed in reverse order when the app stops. */
public final class Registrations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

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
