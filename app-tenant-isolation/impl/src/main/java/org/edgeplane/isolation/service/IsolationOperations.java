/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;

/** What operators can ask of tenant isolation (the Karaf shell commands use it). */
public interface IsolationOperations {
    /** The intent of the last round, as compiled. */
    Intent intent();

    /** The status the last round published. */
    StatusReport status();

    /** The flows Edgeplane wants on a switch, by id. */
    Map<String, FlowRecord> desiredFlows(String switchId);

    /** The ids of the flows the reconciler believes are installed on a switch. */
    Set<String> installedFlowIds(String switchId);

    /**
     * Recompiles every network of a switch from a fresh snapshot and rewrites all of its flows and meters.
     *
     * @return completes with the switch's result, empty when the switch should hold nothing
     */
    Future<Optional<SwitchResult>> recompute(String switchId);
}
