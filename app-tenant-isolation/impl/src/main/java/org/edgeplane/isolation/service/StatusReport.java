/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.PortOutcome;

/**
 * The operational status of ports and switches after one recompute.
 *
 * @param ports per port id
 * @param switches per switch node id
 * @param counters how the worker has been running
 */
public record StatusReport(SortedMap<String, PortStatus> ports, SortedMap<String, SwitchStatus> switches,
        RoundCounters counters) {

    /**
     * Status of one port.
     *
     * @param contestedBy ports that claim the switch port this one holds: they get no flows while it does
     * @param flowsRemaining for a port deleted from the intent, its flows the switches still report; 0 otherwise
     */
    public record PortStatus(String switchId, boolean switchConnected, boolean flowsInstalled, int flowCount,
            Optional<String> lastError, List<String> contestedBy, int flowsRemaining) {
        public PortStatus {
            contestedBy = List.copyOf(contestedBy);
        }
    }

    /** Status of one switch. */
    public record SwitchStatus(boolean connected, Optional<SwitchProfile> profile, int desiredFlows,
            int installedFlows, Optional<String> lastError) {
    }

    public StatusReport {
        ports = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ports));
        switches = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(switches));
    }

    /**
     * Derives status from what was compiled, what the reconciler achieved and which switches are connected. A port's
     * flows count as installed when they were written and its switch is connected, because the forwarding-rules
     * manager pushes the written flows to a connected switch.
     */
    public static StatusReport of(final CompiledIntent compiled, final Map<String, SwitchResult> results,
            final Set<String> connected) {
        return of(compiled, results, connected, Map.of());
    }

    /**
     * As {@link #of(CompiledIntent, Map, Set)}, where a port through which the round's flows break an isolation
     * property has that as its error, ahead of any other.
     *
     * @param verificationErrors the verifier's error by port
     */
    public static StatusReport of(final CompiledIntent compiled, final Map<String, SwitchResult> results,
            final Set<String> connected, final Map<String, String> verificationErrors) {
        final var switchIds = new TreeSet<>(results.keySet());
        compiled.ports().values().forEach(port -> switchIds.add(port.switchId()));
        final var switches = new TreeMap<String, SwitchStatus>();
        for (String switchId : switchIds) {
            final SwitchResult result = results.get(switchId);
            switches.put(switchId, new SwitchStatus(connected.contains(switchId),
                Optional.ofNullable(compiled.profiles().get(switchId)), result == null ? 0 : result.desired(),
                result == null ? 0 : result.installed(),
                result == null ? Optional.empty() : result.error()));
        }
        final var contested = new TreeMap<String, List<String>>();
        compiled.ports().values().forEach(outcome -> outcome.heldBy().ifPresent(holder -> contested
            .computeIfAbsent(holder, key -> new ArrayList<>()).add(outcome.portId())));
        final var ports = new TreeMap<String, PortStatus>();
        for (PortOutcome outcome : compiled.ports().values()) {
            final boolean switchConnected = connected.contains(outcome.switchId());
            final SwitchStatus switchStatus = switches.get(outcome.switchId());
            Optional<String> error = Optional.ofNullable(verificationErrors.get(outcome.portId()));
            if (error.isEmpty()) {
                error = outcome.error();
            }
            if (error.isEmpty()) {
                error = switchStatus.lastError();
            }
            if (error.isEmpty() && !switchConnected) {
                error = Optional.of("switch " + outcome.switchId() + " is not connected");
            }
            ports.put(outcome.portId(), new PortStatus(outcome.switchId(), switchConnected, error.isEmpty(),
                outcome.flowCount(), error, contested.getOrDefault(outcome.portId(), List.of()), 0));
        }
        return new StatusReport(ports, switches, RoundCounters.NONE);
    }

    /** This report with the worker's counters. */
    public StatusReport withCounters(final RoundCounters newCounters) {
        return new StatusReport(ports, switches, newCounters);
    }

    /**
     * This report with the ports that the previous one listed, that the intent no longer has, and whose flows (by
     * their cookie) a switch still reports: a deleted port is gone from the status only once no switch holds any of
     * its flows.
     *
     * @param held {@link FlowAudit#identities} of Edgeplane's flows each switch holds, asked for only when a port was
     *     deleted
     */
    public StatusReport withRemovals(final StatusReport previous, final Supplier<Map<String, Set<String>>> held) {
        // Every round and audit calls this: without a deleted port there is nothing to count.
        if (ports.keySet().containsAll(previous.ports().keySet())) {
            return this;
        }
        final var remaining = new HashMap<Long, Integer>();
        held.get().values().forEach(identities -> identities.forEach(identity -> remaining.merge(
            Long.parseUnsignedLong(identity.substring(0, identity.indexOf('#')), 16), 1, Integer::sum)));
        final var withRemovals = new TreeMap<>(ports);
        previous.ports().forEach((portId, before) -> {
            final int flows = remaining.getOrDefault(Cookies.of(Owner.ISOLATION, ObjectKind.PORT, portId), 0);
            if (!ports.containsKey(portId) && flows > 0) {
                final SwitchStatus switchStatus = switches.get(before.switchId());
                withRemovals.put(portId, new PortStatus(before.switchId(), switchStatus != null
                    && switchStatus.connected(), false, 0, Optional.of("deleted; " + flows + " of its flows are "
                    + "still on the switches and being removed"), List.of(), flows));
            }
        });
        return withRemovals.size() == ports.size() ? this : new StatusReport(withRemovals, switches, counters);
    }
}
