/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.edgeplane.core.verify.VerificationReport;

/** What apps and operators may ask of the core's rounds (validators, Karaf shell commands). */
public interface RoundOperations {
    /** Every stage's flows Edgeplane wants on a switch, by id, as the last round compiled them. */
    Map<String, FlowRecord> desiredFlows(String switchId);

    /** The ids of the flows the reconciler believes are installed on a switch. */
    Set<String> installedFlowIds(String switchId);

    /**
     * Recompiles everything on a switch from a fresh snapshot and rewrites all of its flows, groups and meters.
     *
     * @return completes with the switch's result, empty when the switch should hold nothing
     */
    Future<Optional<SwitchResult>> recompute(String switchId);

    /** The port names of the switches the last round saw, so that validators compare a name and a number. */
    PortNames portNames();

    /**
     * Walks a frame through the flows installed on the switches (as the reconciler wrote them) and names every
     * flow it matched and its fate.
     *
     * @throws org.edgeplane.core.trace.TraceRequest.FieldException when a field of the request is wrong
     * @throws IllegalStateException when this member does not run the rounds, or none has run yet
     */
    TraceReport trace(TraceRequest request);

    /**
     * Proves the isolation properties of the flows the switches hold (as the reconciler wrote them) or, with
     * {@code installed} false, of the last round's (its verdict: refused when it broke one).
     *
     * @throws IllegalStateException when this member does not run the rounds, or none has run yet
     */
    VerificationReport verify(boolean installed);
}
