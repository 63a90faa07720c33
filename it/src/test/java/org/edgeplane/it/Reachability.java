/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which host reaches which: what the isolation intent allows, and what pings show. Keys are "host destination-ip". */
final class Reachability {
    private Reachability() {
    }

    /** Same network: reachable; anything else: not. */
    static Map<String, Boolean> expected(final List<Topology.Host> hosts) {
        final var expected = new TreeMap<String, Boolean>();
        for (Topology.Host src : hosts) {
            for (Topology.Host dst : hosts) {
                if (src != dst) {
                    expected.put(src.name() + " " + dst.ip(), src.network().equals(dst.network()));
                }
            }
        }
        return expected;
    }

    /** Every ordered pair of distinct hosts pinged (two pings each). */
    static Map<String, Boolean> measured(final MininetAgent mininet, final List<Topology.Host> hosts) {
        final var pairs = new ArrayList<List<String>>();
        for (Topology.Host src : hosts) {
            for (Topology.Host dst : hosts) {
                if (src != dst) {
                    pairs.add(List.of(src.name(), dst.ip()));
                }
            }
        }
        return mininet.pings(pairs, 2);
    }
}
