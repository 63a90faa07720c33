/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
 */
package org.edgeplane.isolation.pipeline;

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

    private Priority() {
    }
}
