/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.counters;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.firewall.compiler.FirewallFlows;

/**
 * The firewall's counters: per rule, what the flows it produced matched; per port, what the firewall dropped to or
 * from it. Every rule and port of the compiled firewall appears, at zero until a switch reports its flows.
 *
 * @param rules by rule label (tenant/security-group/rule-id or tenant/policy/priority)
 * @param droppedByPort by port id
 * @param errorsByPort the ports whose firewall could not be compiled (all their traffic is dropped), with the reason
 */
public record FirewallCounters(SortedMap<String, FlowCounter> rules, SortedMap<String, FlowCounter> droppedByPort,
        SortedMap<String, String> errorsByPort) {
    public static final FirewallCounters EMPTY = new FirewallCounters(new TreeMap<>(), new TreeMap<>(),
        new TreeMap<>());

    public FirewallCounters {
        rules = Collections.unmodifiableSortedMap(new TreeMap<>(rules));
        droppedByPort = Collections.unmodifiableSortedMap(new TreeMap<>(droppedByPort));
        errorsByPort = Collections.unmodifiableSortedMap(new TreeMap<>(errorsByPort));
    }

    /** Sums the flow statistics of every cookie under the rule or port it stands for. */
    public static FirewallCounters of(final FirewallFlows flows, final Map<Long, FlowCounter> byCookie) {
        return new FirewallCounters(sum(flows.ruleByCookie(), byCookie), sum(flows.portByCookie(), byCookie),
            new TreeMap<>(flows.portErrors()));
    }

    private static SortedMap<String, FlowCounter> sum(final Map<Long, String> owners,
            final Map<Long, FlowCounter> byCookie) {
        final var sums = new TreeMap<String, FlowCounter>();
        owners.forEach((cookie, owner) -> sums.merge(owner, byCookie.getOrDefault(cookie, FlowCounter.ZERO),
            FlowCounter::plus));
        return sums;
    }
}
