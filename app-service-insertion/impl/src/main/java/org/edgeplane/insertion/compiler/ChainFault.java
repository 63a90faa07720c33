/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import org.edgeplane.insertion.intent.ServiceChain;

/**
 * A seam where tests make one chain's compile throw, to prove that a failure stays with its chain. Production
 * compiles use {@link #NONE}.
 */
@FunctionalInterface
interface ChainFault {
    ChainFault NONE = (chain, blackhole) -> { };

    /**
     * Called once a classifier's flows for one direction are added, before the hops' return flows; may throw.
     *
     * @param blackhole whether the chain is being compiled as if no hop had a live instance
     */
    void afterClassify(ServiceChain chain, boolean blackhole);
}
