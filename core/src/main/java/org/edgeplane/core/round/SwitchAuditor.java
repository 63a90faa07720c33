/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.reconcile.SwitchResync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what the switches report in their flow statistics against what Edgeplane installed: a switch that lost
 * installed flows is resynchronised, and flows a switch keeps although no longer desired are removed by cookie.
 * Runs on the worker's thread, on its own timer: statistics never start a compile round.
 */
final class SwitchAuditor {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchAuditor.class);

    private final SwitchResync resync;
    private final FlowAudit audit;
    private final Clock clock;

    SwitchAuditor(final SwitchResync resync, final FlowAudit audit, final Clock clock) {
        this.resync = requireNonNull(resync);
        this.audit = requireNonNull(audit);
        this.clock = requireNonNull(clock);
    }

    /**
     * Compares the reported flows with the last round's.
     *
     * @param reported {@link FlowAudit#identities} of Edgeplane's flows each switch reports
     * @param desired the last round's desired flows of a switch, by id
     */
    void check(final Map<String, Set<String>> reported, final Function<String, Map<String, FlowRecord>> desired,
            final Reconciler reconciler) {
        resyncSwitchesMissingFlows(reported, desired, reconciler);
        removeStrays(reported, desired);
    }

    /** Switches that lost installed flows (seen in their statistics) are re-pushed. */
    private void resyncSwitchesMissingFlows(final Map<String, Set<String>> reported,
            final Function<String, Map<String, FlowRecord>> desiredOf, final Reconciler reconciler) {
        final var installed = new HashMap<String, Set<String>>();
        reported.keySet().forEach(switchId -> {
            final Map<String, FlowRecord> desired = desiredOf.apply(switchId);
            // Installed flows no longer desired are being deleted; they are not expected on the switch.
            installed.put(switchId, FlowAudit.identities(reconciler.installedIds(switchId).stream()
                .map(desired::get).filter(Objects::nonNull).map(FlowRecord::cookie).toList()));
        });
        audit.audit(installed, reported, clock.instant()).forEach((switchId, missing) -> {
            LOG.warn("Switch {} lacks {} installed flows; asking for a resync", switchId, missing);
            logOutcome(submit(() -> resync.resync(switchId)), switchId, "resync started", "resync failed");
        });
    }

    /**
     * Flows a switch still holds after the grace period although they are no longer desired are removed by their
     * cookie. When the cookie also names desired flows (a deleted part of a live object), those are removed with it
     * and the switch is then resynchronised, so it ends with exactly the desired flows.
     */
    private void removeStrays(final Map<String, Set<String>> reported,
            final Function<String, Map<String, FlowRecord>> desiredOf) {
        final var desired = new HashMap<String, Map<Long, Integer>>();
        reported.keySet().forEach(switchId -> desired.put(switchId, desiredOf.apply(switchId).values().stream()
            .collect(Collectors.toMap(FlowRecord::cookie, flow -> 1, Integer::sum))));
        audit.strays(desired, reported, clock.instant()).forEach((switchId, cookies) -> {
            final boolean shared = cookies.stream().anyMatch(desired.get(switchId)::containsKey);
            LOG.warn("Switch {} holds flows no longer desired under {} cookies; removing them{}", switchId,
                cookies.size(), shared ? " and resynchronising the switch" : "");
            final var removals = cookies.stream().map(cookie -> submit(() -> resync.removeByCookie(switchId, cookie)))
                .toList();
            final ListenableFuture<?> done = shared ? Futures.transformAsync(Futures.allAsList(removals),
                ignored -> resync.resync(switchId), MoreExecutors.directExecutor()) : Futures.allAsList(removals);
            logOutcome(done, switchId, "stray flows removed", "stray flows could not be removed");
        });
    }

    // A switch whose request cannot even be made fails alone: the audit of the other switches goes on.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static ListenableFuture<?> submit(final Supplier<ListenableFuture<?>> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return Futures.immediateFailedFuture(e);
        }
    }

    private static void logOutcome(final ListenableFuture<?> future, final String switchId, final String success,
            final String failure) {
        Futures.addCallback(future, new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                LOG.info("Switch {}: {}", switchId, success);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Switch {}: {}", switchId, failure, cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
