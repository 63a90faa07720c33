/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.isolation.service.StatusReport;

/** The text the shell commands print; plain functions of what the worker knows, so tests need no shell. */
public final class OperatorViews {
    private OperatorViews() {
    }

    /** Tenants, then their networks, then their ports with status. */
    public static String ports(final Intent intent, final StatusReport status) {
        final var text = new StringBuilder();
        for (var tenant : intent.tenants().values()) {
            text.append(String.format("tenant %s (%s)%n", tenant.id(), tenant.name()));
            for (Network network : intent.networks().values()) {
                if (!tenant.id().equals(network.tenantId())) {
                    continue;
                }
                text.append(String.format("  network %s %s %s%n", network.id(),
                    network.segmentationType() == null ? "?" : network.segmentationType().yangName(),
                    network.segmentationId()));
                for (Port port : intent.ports().values()) {
                    if (network.id().equals(port.networkId())) {
                        text.append(portLine(port, status.ports().get(port.id())));
                    }
                }
            }
        }
        return text.toString();
    }

    private static String portLine(final Port port, final StatusReport.PortStatus status) {
        final String state = status == null ? "pending"
            : (status.flowsInstalled() ? "installed" : "not-installed") + " flows=" + status.flowCount()
                + (status.switchConnected() ? "" : " switch-disconnected")
                + status.lastError().map(error -> " error=\"" + error + "\"").orElse("");
        return String.format("    port %s %s %s %s %s%s%s %s%n", port.id(), port.switchId(), port.switchPort(),
            port.macAddress(), String.join(",", port.ipAddresses()), port.isolated() ? " isolated" : "",
            port.rateLimit() == null ? "" : " limit=" + port.rateLimit().kbps() + "kbps", state);
    }

    /**
     * How the controller has been running: rounds and their last duration and cause, where the last round's time
     * went, and per switch the flows desired and installed, the writes accepted and failed, and the last error; then
     * every port with an error.
     */
    public static String counters(final StatusReport status) {
        final RoundCounters counters = status.counters();
        final RoundCounters.RoundTimes times = counters.lastTimes();
        final var text = new StringBuilder(String.format("rounds %d, audits %d; last round %d ms, %d flow changes, "
            + "cause: %s%n", counters.rounds(), counters.audits(), counters.lastRoundMillis(),
            counters.lastFlowChanges(), counters.lastCause().isEmpty() ? "-" : counters.lastCause()));
        text.append(String.format("  last round, ms: wait %d, read %d, compile %d, diff %d, send %d, ack %d%n",
            times.waitMillis(), times.readMillis(), times.compileMillis(), times.diffMillis(), times.sendMillis(),
            times.ackMillis()));
        text.append(String.format("%-22s %-12s %8s %10s %7s %7s  %s%n", "switch", "connected", "desired",
            "installed", "writes", "failed", "last error"));
        status.switches().forEach((switchId, switchStatus) -> {
            final RoundCounters.SwitchWrites writes = counters.writes().getOrDefault(switchId,
                RoundCounters.SwitchWrites.NONE);
            text.append(String.format("%-22s %-12s %8d %10d %7d %7d  %s%n", switchId,
                switchStatus.connected() ? "yes" : "no", switchStatus.desiredFlows(), switchStatus.installedFlows(),
                writes.accepted(), writes.failed(), switchStatus.lastError().orElse("-")));
        });
        status.ports().forEach((portId, port) -> port.lastError().ifPresent(error -> text.append(
            String.format("port %s on %s: %s%n", portId, port.switchId(), error))));
        return text.toString();
    }

    /** One line per flow: table, priority, the object that produced it, its id, and whether it is installed. */
    public static String flows(final String switchId, final Map<String, FlowRecord> desired,
            final Set<String> installed) {
        final var text = new StringBuilder(String.format("%s: %d flows desired, %d installed%n", switchId,
            desired.size(), installed.size()));
        desired.values().stream().sorted(Comparator.comparing((FlowRecord flow) -> flow.table().id())
            .thenComparing(FlowRecord::priority, Comparator.reverseOrder()).thenComparing(FlowRecord::flowId))
            .forEach(flow -> text.append(String.format("%-14s prio=%-3d cookie=0x%016x %-24s %s %s%n",
                flow.table(), flow.priority(), flow.cookie(), producer(flow.id()), flow.id(),
                installed.contains(flow.id()) ? "installed" : "pending")));
        installed.stream().filter(id -> !desired.containsKey(id)).sorted()
            .forEach(id -> text.append(String.format("%-14s %s %s stale%n", "?", producer(id), id)));
        return text.toString();
    }

    /** The object a flow id names: {@code isolation:<stage>:<kind>=<id>[:detail]} gives {@code kind=id}. */
    static String producer(final String flowId) {
        final String[] parts = flowId.split(":", 3);
        if (parts.length < 3 || !parts[2].contains("=")) {
            return "switch";
        }
        final String object = parts[2];
        final int detail = object.indexOf(':', object.indexOf('='));
        return detail < 0 ? object : object.substring(0, detail);
    }
}
