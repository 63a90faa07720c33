/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.Map;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;

/**
 * What a {@link PipelineStage} wants on the switches.
 *
 * @param flowsBySwitch flows by switch, then by flow id, in the tables the stage's app owns
 * @param groupsBySwitch groups by switch, then by group id
 */
public record StageFlows(Map<String, Map<String, FlowRecord>> flowsBySwitch,
        Map<String, Map<Long, GroupRecord>> groupsBySwitch) {
    public static final StageFlows NONE = new StageFlows(Map.of(), Map.of());

    public StageFlows {
        flowsBySwitch = Map.copyOf(flowsBySwitch);
        groupsBySwitch = Map.copyOf(groupsBySwitch);
    }

    /** Flows only. */
    public static StageFlows of(final Map<String, Map<String, FlowRecord>> flowsBySwitch) {
        return new StageFlows(flowsBySwitch, Map.of());
    }
}
