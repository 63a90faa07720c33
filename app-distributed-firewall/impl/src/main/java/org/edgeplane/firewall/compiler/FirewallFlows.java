/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.LazySortedMap;
import org.edgeplane.core.flow.FlowRecord;

/**
 * What the firewall wants on the switches, and how to read their statistics back.
 *
 * @param flowsBySwitch desired flows by switch, then by flow id
 * @param ruleByCookie the rule label (tenant/group/rule or tenant/policy/priority) each rule cookie stands for
 * @param portByCookie the port each drop-counting cookie stands for
 * @param problems rules that could not be installed somewhere, with the reason (fail closed: not installed), and
 *                 the ports' errors
 * @param portErrors the governed ports whose firewall could not be compiled, with the reason (fail closed: all
 *                   their traffic is dropped)
 */
public record FirewallFlows(SortedMap<String, Map<String, FlowRecord>> flowsBySwitch, Map<Long, String> ruleByCookie,
        Map<Long, String> portByCookie, List<String> problems, Map<String, String> portErrors) {
    public static final FirewallFlows EMPTY = new FirewallFlows(new TreeMap<>(), Map.of(), Map.of(), List.of(),
        Map.of());

    public FirewallFlows {
        flowsBySwitch = Collections.unmodifiableSortedMap(new TreeMap<>(flowsBySwitch));
        // The compiler hands over maps made when first read (see LazySortedMap): copying them would make them now.
        ruleByCookie = ruleByCookie instanceof LazySortedMap ? ruleByCookie : Map.copyOf(ruleByCookie);
        portByCookie = portByCookie instanceof LazySortedMap ? portByCookie : Map.copyOf(portByCookie);
        problems = List.copyOf(problems);
        portErrors = Map.copyOf(portErrors);
    }

    public Map<String, FlowRecord> flowsOf(final String switchId) {
        return flowsBySwitch.getOrDefault(switchId, Map.of());
    }
}
