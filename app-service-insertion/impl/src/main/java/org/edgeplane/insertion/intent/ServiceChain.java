/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

import java.util.List;

/** Classified traffic of a tenant passes the hops in order, then goes on to its destination. */
public record ServiceChain(String tenantId, String name, List<String> hops, List<Classifier> classifiers,
        boolean symmetric, FailurePolicy failurePolicy) {
    /** Hops per chain: a hop's position has five bits in the label a steered frame carries. */
    public static final int MAX_HOPS = 1 << 5;

    public ServiceChain {
        hops = List.copyOf(hops);
        classifiers = List.copyOf(classifiers);
        failurePolicy = failurePolicy == null ? FailurePolicy.FAIL_CLOSED : failurePolicy;
    }

    public TenantName key() {
        return new TenantName(tenantId, name);
    }
}
