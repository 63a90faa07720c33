/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An immutable snapshot of everything orchestration asked for. Maps are sorted by id so that everything derived
 * from a snapshot comes out in the same order every time.
 */
public record Intent(SortedMap<String, Tenant> tenants, SortedMap<String, Network> networks,
        SortedMap<String, Port> ports, SortedMap<String, SwitchConfig> switches) {

    public static final Intent EMPTY = of(java.util.List.of(), java.util.List.of(), java.util.List.of(),
        java.util.List.of());

    public Intent {
        tenants = frozen(tenants);
        networks = frozen(networks);
        ports = frozen(ports);
        switches = frozen(switches);
    }

    public static Intent of(final Collection<Tenant> tenants, final Collection<Network> networks,
            final Collection<Port> ports, final Collection<SwitchConfig> switches) {
        return new Intent(index(tenants, Tenant::id), index(networks, Network::id), index(ports, Port::id),
            index(switches, SwitchConfig::nodeId));
    }

    private static <T> SortedMap<String, T> index(final Collection<T> values, final Function<T, String> key) {
        final var map = new TreeMap<String, T>();
        for (T value : values) {
            map.put(key.apply(value), value);
        }
        return map;
    }

    private static <T> SortedMap<String, T> frozen(final Map<String, T> map) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
