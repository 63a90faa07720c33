/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what the switches report against what Edgeplane installed. A switch that lost
 * installed flows, or keeps flows no longer desired, changed behind the controller's back: its content is no longer
 * known, and the next round replaces Edgeplane's content on it in full (one atomic write). Runs on the worker's
 * thread, on its own timer: statistics never start a compile round by themselves.
 */
final class SwitchAuditor {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchAuditor.class);

    private final FlowAudit audit;
    private final Clock clock;
    private final Consumer<String> replaceSwitch;

    SwitchAuditor(final FlowAudit audit, final Clock clock, final Consumer<String> replaceSwitch) {
        this.audit = requireNonNull(audit);
        this.clock = requireNonNull(clock);
        this.replaceSwitch = requireNonNull(replaceSwitch);
    }

    /**
     * {@link FlowAudit#identities} of the flows a switch should hold: those installed and still desired (installed
     * flows no longer desired are being deleted; they are not expected on the switch).
     */
    static Set<String> expected(final String switchId, final Map<String, FlowRecord> wanted,
            final Reconciler reconciler) {
        return FlowAudit.identities(reconciler.installedIds(switchId).stream().map(wanted::get)
            .filter(Objects::nonNull).map(FlowRecord::cookie).toList());
    }

    /**
     * Compares the reported flows with the last round's.
     *
     * @param reported {@link FlowAudit#identities} of Edgeplane's flows each switch reports
     * @param installed {@link #expected} of each switch, as the audit computed them for its counts
     * @param desired the last round's desired flows of a switch, by id
     */
    void check(final Map<String, Set<String>> reported, final Map<String, Set<String>> installed,
            final Function<String, Map<String, FlowRecord>> desired) {
        final var changed = new TreeSet<String>();
        final var desiredCookies = new HashMap<String, Map<Long, Integer>>();
        reported.keySet().forEach(switchId -> desiredCookies.put(switchId, desired.apply(switchId).values().stream()
            .collect(Collectors.toMap(FlowRecord::cookie, flow -> 1, Integer::sum))));
        audit.audit(installed, reported, clock.instant()).forEach((switchId, missing) -> {
            LOG.warn("Switch {} lacks {} installed flows; replacing its flows", switchId, missing);
            changed.add(switchId);
        });
        audit.strays(desiredCookies, reported, clock.instant()).forEach((switchId, cookies) -> {
            LOG.warn("Switch {} holds flows no longer desired under {} cookies; replacing its flows", switchId,
                cookies.size());
            changed.add(switchId);
        });
        changed.forEach(replaceSwitch);
    }
}
