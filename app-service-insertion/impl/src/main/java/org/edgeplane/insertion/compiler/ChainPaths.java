/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.TenantName;

/**
 * How a chain's frames are told apart on the fabric: a path number per chain, unique within its network, and the
 * MPLS label that carries path, position, instance, direction and address family. Pure functions of the intent.
 */
final class ChainPaths {
    /** Label layout: path (10 bits) | position (5) | instance (3) | direction (1) | IPv6 (1). */
    static final int PATH_COUNT = 1 << 10;

    private ChainPaths() {
    }

    /** Which way traffic passes the hops: a symmetric chain's replies pass them backwards. */
    enum Direction {
        FORWARD, REVERSE
    }

    /**
     * The label of a steered frame: path (10 bits), position in the chain (5 bits: {@link ServiceChain#MAX_HOPS}),
     * instance within the hop (3 bits: {@link Hop#MAX_SERVICE_FUNCTIONS}), direction and IPv6 (a bit each).
     */
    static int label(final int path, final int position, final int instance, final Direction direction,
            final boolean v6) {
        return path << 10 | position << 5 | instance << 2 | (direction == Direction.REVERSE ? 2 : 0) | (v6 ? 1 : 0);
    }

    /**
     * A path number per chain, unique within its network (labels are read only inside one network). Derived from
     * the chain's name, so that adding or removing a chain changes no other chain's labels (unless two names
     * collide, which moves the later one in name order).
     */
    static Map<TenantName, Integer> paths(final ChainIntent chains, final Intent intent) {
        final var byNetwork = new HashMap<String, List<ServiceChain>>();
        chains.chains().values().forEach(chain -> byNetwork.computeIfAbsent(pathNetworkOf(chain, intent),
            key -> new ArrayList<>()).add(chain));
        final var paths = new HashMap<TenantName, Integer>();
        byNetwork.values().forEach(inNetwork -> paths.putAll(pathsIn(inNetwork)));
        return paths;
    }

    /** The network whose path numbers a chain's is unique among ("" for a chain without one). */
    static String pathNetworkOf(final ServiceChain chain, final Intent intent) {
        final String networkId = networkIdOf(chain, intent);
        return networkId == null ? "" : networkId;
    }

    /** The path numbers of one network's chains, given in name order. */
    static Map<TenantName, Integer> pathsIn(final Collection<ServiceChain> inNetwork) {
        final var paths = new HashMap<TenantName, Integer>();
        final var taken = new HashSet<Integer>();
        for (ServiceChain chain : inNetwork) {
            int path = 1 + Math.floorMod(chain.key().toString().hashCode(), PATH_COUNT - 1);
            while (!taken.add(path)) {
                path = path % (PATH_COUNT - 1) + 1;
            }
            paths.put(chain.key(), path);
        }
        return paths;
    }

    /** The chain's network: that of its classifiers' source ports. */
    static @Nullable Network networkOf(final ServiceChain chain, final Intent intent) {
        final String networkId = networkIdOf(chain, intent);
        return networkId == null ? null : intent.networks().get(networkId);
    }

    /** The network of the chain's source ports (the validator keeps a chain within one network). */
    private static @Nullable String networkIdOf(final ServiceChain chain, final Intent intent) {
        for (Classifier classifier : chain.classifiers()) {
            final Port port = classifier.logicalSourcePort() == null ? null
                : intent.ports().get(classifier.logicalSourcePort());
            if (port != null && port.networkId() != null) {
                return port.networkId();
            }
        }
        return null;
    }
}
