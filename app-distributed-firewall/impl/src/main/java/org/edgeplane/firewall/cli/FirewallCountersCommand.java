/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.edgeplane.firewall.counters.FirewallOperations;

/** {@code edgeplane:firewall-counters}: packets and bytes per firewall rule, and what it dropped per port. */
@Service
@Command(scope = "edgeplane", name = "firewall-counters",
    description = "Show packets and bytes per firewall rule and per-port drops, from the switches' flow statistics")
public final class FirewallCountersCommand implements Action {
    @Reference
    FirewallOperations operations;

    /** Where the command prints: Karaf prints what a command returns on an interactive console only, not over SSH. */
    @Reference
    Session session;

    @Override
    public Object execute() throws SnapshotUnavailableException {
        session.getConsole().print(render(operations.counters()));
        return null;
    }

    static String render(final FirewallCounters counters) {
        final var out = new StringBuilder(String.format("%-48s %12s %14s%n", "RULE", "PACKETS", "BYTES"));
        counters.rules().forEach((rule, counter) -> out.append(String.format("%-48s %12d %14d%n", rule,
            counter.packets(), counter.bytes())));
        out.append(String.format("%n%-48s %12s %14s%n", "PORT", "DROPPED-PKTS", "DROPPED-BYTES"));
        counters.droppedByPort().forEach((port, counter) -> out.append(String.format("%-48s %12d %14d%n", port,
            counter.packets(), counter.bytes())));
        if (!counters.errorsByPort().isEmpty()) {
            out.append(String.format("%n%-48s %s%n", "QUARANTINED PORT", "ERROR"));
            counters.errorsByPort().forEach((port, error) -> out.append(String.format("%-48s %s%n", port, error)));
        }
        return out.toString();
    }
}
