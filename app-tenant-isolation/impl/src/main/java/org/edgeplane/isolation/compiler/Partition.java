/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.MeterRecord;

/**
 * The flows and meters one network needs on one switch. A pure function of the network, its bound ports on
 * every switch and the contexts of the switches they sit on, which is what makes incremental updates exact.
 *
 * @param flows flows by id
 * @param meters meters by id
 * @param flowCountByPort flows whose cookie names a port, by port id
 * @param failures why a member's flows could not be compiled, by port id; the partition holds none of its flows
 */
record Partition(SortedMap<String, FlowRecord> flows, SortedMap<Long, MeterRecord> meters,
        Map<String, Integer> flowCountByPort, Map<String, String> failures) {
    Partition {
        failures = Map.copyOf(failures);
        flows = Collections.unmodifiableSortedMap(new TreeMap<>(flows));
        meters = Collections.unmodifiableSortedMap(new TreeMap<>(meters));
        flowCountByPort = Map.copyOf(flowCountByPort);
    }
}
