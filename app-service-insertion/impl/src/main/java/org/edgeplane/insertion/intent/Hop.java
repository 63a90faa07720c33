/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

import java.util.List;

/** Interchangeable service functions; a flow is spread over the live ones by the load-balance fields. */
public record Hop(String tenantId, String name, List<String> serviceFunctions, List<LoadBalanceField> fields) {
    /** The IP and L4 5-tuple: what a hop balances on unless told otherwise. */
    public static final List<LoadBalanceField> FIVE_TUPLE = List.of(LoadBalanceField.IP_SRC, LoadBalanceField.IP_DST,
        LoadBalanceField.IP_PROTO, LoadBalanceField.L4_SRC, LoadBalanceField.L4_DST);
    /** Service functions per hop: an instance's index has three bits in the label a steered frame carries. */
    public static final int MAX_SERVICE_FUNCTIONS = 1 << 3;

    public Hop {
        serviceFunctions = List.copyOf(serviceFunctions);
        fields = fields.isEmpty() ? FIVE_TUPLE : List.copyOf(fields);
    }

    public TenantName key() {
        return new TenantName(tenantId, name);
    }
}
