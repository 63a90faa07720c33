/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.edgeplane.core.flow.IpMatch.PortMask;

/**
 * A port range as a switch can match it: the fewest value/mask pairs (the prefix decomposition OVS and OVN use)
 * where the switch masks ports, every port exactly (up to {@link #MAX_EXACT_PORTS}) where it cannot. One home for
 * this policy: the firewall's rules and service insertion's classifiers both expand ranges here.
 */
public final class PortRanges {
    public static final int MAX_PORT = 0xFFFF;
    /** Most exact matches one range may expand to on a switch that cannot mask ports (the of13 profile). */
    public static final int MAX_EXACT_PORTS = 64;

    private PortRanges() {
    }

    /** Masks covering exactly [min, max]; empty list for the whole range, which needs no match. */
    public static List<PortMask> masks(final int min, final int max) {
        if (min < 0 || max > MAX_PORT || min > max) {
            throw new IllegalArgumentException("bad port range " + min + "-" + max);
        }
        final var masks = new ArrayList<PortMask>();
        if (min == 0 && max == MAX_PORT) {
            return masks;
        }
        int start = min;
        while (start <= max) {
            // The largest aligned block that starts at start and ends within max.
            int size = start == 0 ? 1 << 16 : Integer.lowestOneBit(start);
            while (start + size - 1 > max) {
                size >>= 1;
            }
            masks.add(new PortMask(start, MAX_PORT & ~(size - 1)));
            start += size;
        }
        return masks;
    }

    /**
     * The matches [min, max] needs on a switch: masks when it masks ports, else every port exactly; empty when the
     * range spans more than {@link #MAX_EXACT_PORTS} ports on a switch that cannot mask them (the caller says why
     * its rule or classifier is not installed there). A whole-range answer is an empty list: no port match.
     */
    public static Optional<List<PortMask>> forSwitch(final int min, final int max, final boolean masksPorts) {
        if (masksPorts || min == max) {
            return Optional.of(masks(min, max));
        }
        return max - min + 1 > MAX_EXACT_PORTS ? Optional.empty() : Optional.of(exact(min, max));
    }

    /** Every port of [min, max] as an exact match, for switches that cannot mask ports. */
    public static List<PortMask> exact(final int min, final int max) {
        final var ports = new ArrayList<PortMask>();
        for (int port = min; port <= max; port++) {
            ports.add(PortMask.exact(port));
        }
        return ports;
    }
}
