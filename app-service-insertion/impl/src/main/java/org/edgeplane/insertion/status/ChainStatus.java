/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.insertion.compiler.ChainFlows;
import org.edgeplane.insertion.compiler.ChainFlows.HopRef;
import org.edgeplane.insertion.intent.TenantName;

/**
 * What operators see of the chains: per chain, each hop's live instances and the packets steered to it. Every
 * compiled chain and hop appears, at zero packets until a switch reports its flows.
 *
 * @param chains by chain, the hops in chain order
 * @param errors the chains whose compile failed, with the reason and what happens to their traffic
 */
public record ChainStatus(SortedMap<TenantName, List<HopState>> chains, SortedMap<TenantName, String> errors) {
    public static final ChainStatus EMPTY = new ChainStatus(new TreeMap<>(), new TreeMap<>());

    /**
     * One hop of one chain.
     *
     * @param index 1 for the first hop
     * @param name the hop's name
     * @param liveInstances service functions of the hop whose ports are bound and up
     * @param packets packets the switches steered to the hop (both directions of a symmetric chain; with
     *                fail-closed and no live instance, the packets dropped in its place)
     */
    public record HopState(int index, String name, List<String> liveInstances, long packets) {
        public HopState {
            liveInstances = List.copyOf(liveInstances);
        }
    }

    public ChainStatus {
        final var copy = new TreeMap<TenantName, List<HopState>>();
        chains.forEach((chain, hops) -> copy.put(chain, List.copyOf(hops)));
        chains = Collections.unmodifiableSortedMap(copy);
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /** Chains that all compiled. */
    public ChainStatus(final SortedMap<TenantName, List<HopState>> chains) {
        this(chains, new TreeMap<>());
    }

    /** Sums the flow statistics of every steering cookie under the hop it steers to. */
    public static ChainStatus of(final ChainFlows flows, final Map<Long, FlowCounter> byCookie) {
        final var packets = new HashMap<HopRef, Long>();
        flows.hopByCookie().forEach((cookie, hop) -> packets.merge(hop, byCookie.getOrDefault(cookie,
            FlowCounter.ZERO).packets(), Long::sum));
        final var chains = new TreeMap<TenantName, List<HopState>>();
        flows.status().forEach((chain, hops) -> {
            final var states = new ArrayList<HopState>();
            hops.forEach(hop -> states.add(new HopState(hop.index(), hop.name(), hop.liveInstances(),
                packets.getOrDefault(new HopRef(chain, hop.index()), 0L))));
            chains.put(chain, states);
        });
        return new ChainStatus(chains, new TreeMap<>(flows.errors()));
    }
}
