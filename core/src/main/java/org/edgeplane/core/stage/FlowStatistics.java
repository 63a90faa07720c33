/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.Map;
import org.edgeplane.core.pipeline.Owner;

/** The switches' flow counters, for apps that count traffic by the cookies of the flows they produced. */
public interface FlowStatistics {
    /**
     * Counters of one app's flows as the connected switches report them now, summed by cookie over every switch. A
     * cookie whose flows no switch holds is absent, and so is every flow of a switch that did not answer.
     *
     * @throws SnapshotUnavailableException when the statistics cannot be read
     */
    Map<Long, FlowCounter> countersByCookie(Owner owner) throws SnapshotUnavailableException;

    /**
     * Whether this controller runs the rounds, and so is the one that reads and publishes counters: on a cluster,
     * the member that holds the rounds' singleton; a controller alone always.
     */
    default boolean leads() {
        return true;
    }
}
