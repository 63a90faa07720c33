/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.insertion.intent.TenantName;

/**
 * What service insertion wants on the switches, and how to read its counters back.
 *
 * @param flowsBySwitch flows by switch, then by flow id
 * @param groupsBySwitch select groups by switch, then by group id
 * @param hopByCookie the chain and hop (1-based) each steering cookie counts packets for
 * @param status per chain, each hop's live instances in chain order
 * @param problems what could not be steered, with the reason
 * @param errors the chains whose compile failed, with the reason and what happens to their traffic
 */
public record ChainFlows(Map<String, Map<String, FlowRecord>> flowsBySwitch,
        Map<String, Map<Long, GroupRecord>> groupsBySwitch, Map<Long, HopRef> hopByCookie,
        SortedMap<TenantName, List<HopStatus>> status, List<String> problems, Map<TenantName, String> errors) {
    public static final ChainFlows EMPTY = new ChainFlows(Map.of(), Map.of(), Map.of(), new TreeMap<>(), List.of(),
        Map.of());

    /** One hop of one chain. */
    public record HopRef(TenantName chain, int index) {
    }

    /**
     * A hop's state in a chain.
     *
     * @param index position in the chain, 1 for the first hop
     * @param name the hop's name
     * @param liveInstances service functions of the hop whose ports are bound and up
     */
    public record HopStatus(int index, String name, List<String> liveInstances) {
        public HopStatus {
            liveInstances = List.copyOf(liveInstances);
        }
    }

    public ChainFlows {
        flowsBySwitch = Map.copyOf(flowsBySwitch);
        groupsBySwitch = Map.copyOf(groupsBySwitch);
        hopByCookie = Map.copyOf(hopByCookie);
        problems = List.copyOf(problems);
        errors = Map.copyOf(errors);
    }
}
