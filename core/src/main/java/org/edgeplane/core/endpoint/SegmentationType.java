/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

/**
 * How a network is carried between switches.
 */
public enum SegmentationType {
    /** 802.1Q tag on the uplinks, id 1..4094. */
    VLAN(1, 4094),
    /** VXLAN tunnel id between hypervisor switches, id 1..16777215. */
    VXLAN(1, 16_777_215);

    private final long minId;
    private final long maxId;

    SegmentationType(final long minId, final long maxId) {
        this.minId = minId;
        this.maxId = maxId;
    }

    public long minId() {
        return minId;
    }

    public long maxId() {
        return maxId;
    }

    /** The YANG enum name, as orchestration writes it. */
    public String yangName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
