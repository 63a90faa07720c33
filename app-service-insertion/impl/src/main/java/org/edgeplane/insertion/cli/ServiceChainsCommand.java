/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.insertion.status.ChainStatus;
import org.edgeplane.insertion.status.ServiceInsertionOperations;

/**
 * {@code edgeplane:service-chains}: per chain, each hop's live instances and the packets steered to it, then each
 * chain whose compile failed with the reason.
 */
@Service
@Command(scope = "edgeplane", name = "service-chains",
    description = "Show each service chain's hops, their live instances and packets, from the flow statistics")
public final class ServiceChainsCommand implements Action {
    @Reference
    ServiceInsertionOperations operations;

    /** Where the command prints: Karaf prints what a command returns on an interactive console only, not over SSH. */
    @Reference
    Session session;

    @Override
    public Object execute() throws SnapshotUnavailableException {
        session.getConsole().print(render(operations.status()));
        return null;
    }

    static String render(final ChainStatus status) {
        final var out = new StringBuilder(String.format("%-32s %4s %-20s %12s  %s%n", "CHAIN", "HOP", "NAME",
            "PACKETS", "LIVE-INSTANCES"));
        status.chains().forEach((chain, hops) -> hops.forEach(hop -> out.append(String.format(
            "%-32s %4d %-20s %12d  %s%n", chain, hop.index(), hop.name(), hop.packets(),
            hop.liveInstances().isEmpty() ? "(none)" : String.join(",", hop.liveInstances())))));
        status.errors().forEach((chain, error) -> out.append(String.format("%-32s ERROR %s%n", chain, error)));
        return out.toString();
    }
}
