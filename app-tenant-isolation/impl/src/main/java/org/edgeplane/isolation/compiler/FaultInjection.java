/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

/**
 * A seam where tests make one member's compile throw, to prove that a failure stays with its object. Production
 * compilers use {@link #NONE}.
 */
@FunctionalInterface
interface FaultInjection {
    FaultInjection NONE = port -> { };

    /** Called before a member's own flows are compiled on a switch; may throw. */
    void beforeMember(BoundPort port);
}
