/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.edgeplane.isolation.service.IsolationOperations;

/** {@code edgeplane:counters}: rounds, their cost, and per switch flows desired and installed and writes. */
@Service
@Command(scope = "edgeplane", name = "counters", description = "Show rounds, writes per switch and last errors")
public final class CountersCommand implements Action {
    @Reference
    IsolationOperations operations;

    /** Where the command prints: Karaf prints what a command returns on an interactive console only, not over SSH. */
    @Reference
    Session session;

    @Override
    public Object execute() {
        session.getConsole().print(OperatorViews.counters(operations.status()));
        return null;
    }
}
