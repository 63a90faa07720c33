/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every port of the intent by the network id it names (whether or not that network exists), in port id order,
 * kept from round to round and updated for the ports that changed: a stage that reads a network's ports does not
 * walk every port each round. Not thread-safe: one round's thread updates and reads it.
 */
public final class PortsByNetwork {
    private final Map<String, TreeMap<String, Port>> byNetwork = new HashMap<>();
    private final Map<String, String> networkOfPort = new HashMap<>();

    /**
     * Takes in the ports that changed (present in {@code ports} or not any more) and returns the networks whose
     * ports changed: those a changed port left or is in.
     */
    public Set<String> update(final Collection<String> changedPorts, final Map<String, Port> ports) {
        final var touched = new HashSet<String>();
        for (String portId : changedPorts) {
            final String before = networkOfPort.remove(portId);
            if (before != null) {
                final TreeMap<String, Port> left = byNetwork.get(before);
                left.remove(portId);
                if (left.isEmpty()) {
                    byNetwork.remove(before);
                }
                touched.add(before);
            }
            final Port port = ports.get(portId);
            if (port != null && port.networkId() != null) {
                networkOfPort.put(portId, port.networkId());
                byNetwork.computeIfAbsent(port.networkId(), key -> new TreeMap<>()).put(portId, port);
                touched.add(port.networkId());
            }
        }
        return touched;
    }

    /** A network's ports by id, in id order; empty when none names it. Read-only. */
    public SortedMap<String, Port> in(final String networkId) {
        final TreeMap<String, Port> ports = byNetwork.get(networkId);
        return ports == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(ports);
    }
}
