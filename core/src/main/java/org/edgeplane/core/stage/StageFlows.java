/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;

/**
 * What a {@link PipelineStage} wants on the switches, and what it resolved for the stages after it.
 *
 * @param flowsBySwitch flows by switch, then by flow id, in the tables the stage's app owns
 * @param groupsBySwitch groups by switch, then by group id
 * @param metersBySwitch meters by switch, then by meter id
 * @param facts the edge facts the stages after this one build on, when this stage resolves them (the binding stage)
 * @param work how much of its input the stage compiled again and how much it reused
 */
public record StageFlows(Map<String, Map<String, FlowRecord>> flowsBySwitch,
        Map<String, Map<Long, GroupRecord>> groupsBySwitch, Map<String, Map<Long, MeterRecord>> metersBySwitch,
        Optional<EdgeFacts> facts, StageWork work) {
    public static final StageFlows NONE = new StageFlows(Map.of(), Map.of());

    public StageFlows {
        flowsBySwitch = Map.copyOf(flowsBySwitch);
        groupsBySwitch = Map.copyOf(groupsBySwitch);
        metersBySwitch = Map.copyOf(metersBySwitch);
        requireNonNull(facts);
        requireNonNull(work);
    }

    /** Flows and groups, resolving nothing for later stages. */
    public StageFlows(final Map<String, Map<String, FlowRecord>> flowsBySwitch,
            final Map<String, Map<Long, GroupRecord>> groupsBySwitch) {
        this(flowsBySwitch, groupsBySwitch, Map.of(), Optional.empty(), StageWork.NONE);
    }

    /** Flows only. */
    public static StageFlows of(final Map<String, Map<String, FlowRecord>> flowsBySwitch) {
        return new StageFlows(flowsBySwitch, Map.of());
    }

    /** The same flows, with what the stage compiled again and reused this round. */
    public StageFlows withWork(final StageWork newWork) {
        return new StageFlows(flowsBySwitch, groupsBySwitch, metersBySwitch, facts, newWork);
    }

    /**
     * How much a memoized stage did in one round.
     *
     * @param unit what it counts: switches, networks, chains
     * @param recompiled units compiled again because their inputs changed
     * @param reused units whose last result was reused
     */
    public record StageWork(String unit, long recompiled, long reused) {
        public static final StageWork NONE = new StageWork("", 0, 0);

        public StageWork {
            requireNonNull(unit);
        }
    }
}
