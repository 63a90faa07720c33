/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

/**
 * Named priority bands. Within one table, flows of the same band never overlap, so the order of installation
 * does not matter.
 */
public final class Priority {
    /** Table-miss: drop, or hand over to the next stage in pass-through tables. */
    public static final int TABLE_MISS = 0;
    /** Broadcast and multicast flooding within a network. */
    public static final int FLOOD = 50;
    /** Exact bindings: a port, a (network, MAC), a (network, egress port), an uplink VLAN. */
    public static final int BINDING = 100;
    /** Allowed address pairs: below the bindings, whose addresses a pair's prefix may cover. */
    public static final int ALLOWED_PAIR = 90;
    /** Refinements of a binding, such as the source of an isolated port arriving from the fabric. */
    public static final int SPECIFIC = 150;

    private Priority() {
    }
}
