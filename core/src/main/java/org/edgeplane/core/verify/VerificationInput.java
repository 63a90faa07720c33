/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.stage.EdgeFacts;

/**
 * What one verification reads. The maps are not modified afterwards (a round's desired flows, or a copy of what
 * the switches hold).
 *
 * @param flowsBySwitch the flows of every switch, by switch then flow id
 * @param groupsBySwitch the groups of every switch, by switch then group id
 * @param intent the intent the properties are checked against
 * @param facts where the usable ports are, and the fabric and tunnels between the switches
 * @param steering the paths the stages steer traffic on by design (service chains)
 */
public record VerificationInput(Map<String, ? extends Map<String, FlowRecord>> flowsBySwitch,
        Map<String, ? extends Map<Long, GroupRecord>> groupsBySwitch, Intent intent, EdgeFacts facts,
        List<Steering> steering) {
    public VerificationInput {
        requireNonNull(flowsBySwitch);
        requireNonNull(groupsBySwitch);
        requireNonNull(intent);
        requireNonNull(facts);
        steering = List.copyOf(steering);
    }
}
