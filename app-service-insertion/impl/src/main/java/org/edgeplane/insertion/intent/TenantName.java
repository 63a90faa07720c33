/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

/** A tenant-scoped name: service functions, hops and chains are named within their tenant. */
public record TenantName(String tenantId, String name) implements Comparable<TenantName> {
    @Override
    public int compareTo(final TenantName other) {
        final int byTenant = tenantId.compareTo(other.tenantId);
        return byTenant != 0 ? byTenant : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return tenantId + "/" + name;
    }
}
