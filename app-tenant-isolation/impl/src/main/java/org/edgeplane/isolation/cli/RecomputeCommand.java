/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.edgeplane.isolation.service.IsolationOperations;

/** {@code edgeplane:recompute openflow:1}: recompile a switch from a fresh snapshot and rewrite all its flows. */
@Service
@Command(scope = "edgeplane", name = "recompute", description = "Force a full recompute of one switch")
public final class RecomputeCommand implements Action {
    private static final long TIMEOUT_SECONDS = 60;

    @Reference
    IsolationOperations operations;

    /** Where the command prints: Karaf prints what a command returns on an interactive console only, not over SSH. */
    @Reference
    Session session;

    @Argument(index = 0, name = "switch", description = "Inventory node id, such as openflow:1", required = true)
    String switchId;

    @Override
    public Object execute() throws InterruptedException {
        String text;
        try {
            text = operations.recompute(switchId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .map(result -> String.format("%s: recomputed, %d flows desired, %d written or removed%s", switchId,
                    result.desired(), result.changes(), result.error().map(error -> ", error: " + error).orElse("")))
                .orElse(switchId + ": recomputed, Edgeplane wants no flow on it");
        } catch (ExecutionException | TimeoutException e) {
            text = switchId + ": recompute failed: " + e;
        }
        session.getConsole().println(text);
        return null;
    }
}
