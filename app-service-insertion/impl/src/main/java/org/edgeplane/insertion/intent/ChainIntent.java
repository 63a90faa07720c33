/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;

/** Every tenant's service functions, hops and chains, by tenant-scoped name, in name order. Immutable. */
public record ChainIntent(Map<TenantName, ServiceFunction> functions, Map<TenantName, Hop> hops,
        Map<TenantName, ServiceChain> chains) {
    public static final ChainIntent EMPTY = new ChainIntent(Map.of(), Map.of(), Map.of());

    public ChainIntent {
        functions = Collections.unmodifiableSortedMap(new TreeMap<>(functions));
        hops = Collections.unmodifiableSortedMap(new TreeMap<>(hops));
        chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
    }

    public static ChainIntent of(final Collection<ServiceFunction> functions, final Collection<Hop> hops,
            final Collection<ServiceChain> chains) {
        final var functionMap = new TreeMap<TenantName, ServiceFunction>();
        functions.forEach(function -> functionMap.put(function.key(), function));
        final var hopMap = new TreeMap<TenantName, Hop>();
        hops.forEach(hop -> hopMap.put(hop.key(), hop));
        final var chainMap = new TreeMap<TenantName, ServiceChain>();
        chains.forEach(chain -> chainMap.put(chain.key(), chain));
        return new ChainIntent(functionMap, hopMap, chainMap);
    }

    public @Nullable ServiceFunction function(final String tenantId, final String name) {
        return functions.get(new TenantName(tenantId, name));
    }

    public @Nullable Hop hop(final String tenantId, final String name) {
        return hops.get(new TenantName(tenantId, name));
    }
}
