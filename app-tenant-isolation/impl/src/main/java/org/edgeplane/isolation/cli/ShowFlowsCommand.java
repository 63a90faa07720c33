/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.edgeplane.isolation.service.IsolationOperations;

/** {@code edgeplane:flows openflow:1}: the flows Edgeplane owns on a switch, each with the object behind it. */
@Service
@Command(scope = "edgeplane", name = "flows", description = "Show the flows Edgeplane owns on a switch")
public final class ShowFlowsCommand implements Action {
    @Reference
    IsolationOperations operations;

    /** Where the command prints: Karaf prints what a command returns on an interactive console only, not over SSH. */
    @Reference
    Session session;

    @Argument(index = 0, name = "switch", description = "Inventory node id, such as openflow:1", required = true)
    String switchId;

    @Override
    public Object execute() {
        session.getConsole().print(OperatorViews.flows(switchId, operations.desiredFlows(switchId),
            operations.installedFlowIds(switchId)));
        return null;
    }
}
