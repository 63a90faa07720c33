/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

/** Packets and bytes counted by one or more flows, as the switches' flow statistics report them. */
public record FlowCounter(long packets, long bytes) {
    public static final FlowCounter ZERO = new FlowCounter(0, 0);

    public FlowCounter {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative counter: " + packets + " packets, " + bytes + " bytes");
        }
    }

    public FlowCounter plus(final FlowCounter other) {
        return new FlowCounter(packets + other.packets, bytes + other.bytes);
    }
}
