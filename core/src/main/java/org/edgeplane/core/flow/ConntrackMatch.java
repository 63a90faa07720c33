/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.List;
import java.util.StringJoiner;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Connection-tracking state a flow matches after a {@link Action.Conntrack} recirculation (Nicira ct_state and
 * ct_mark; the ovs profile only).
 *
 * @param state ct_state bits that must be set or clear, as selected by {@code stateMask}
 * @param stateMask which ct_state bits are matched
 * @param mark ct_mark value, or null when not matched
 * @param markMask which ct_mark bits are matched
 */
public record ConntrackMatch(int state, int stateMask, @Nullable Long mark, long markMask) {
    public static final int NEW = 0x01;
    public static final int ESTABLISHED = 0x02;
    public static final int RELATED = 0x04;
    public static final int REPLY = 0x08;
    public static final int INVALID = 0x10;
    public static final int TRACKED = 0x20;
    /** The names of the ct_state bits, bit 0 first, as Open vSwitch writes them. */
    public static final List<String> FLAG_NAMES = List.of("new", "est", "rel", "rpl", "inv", "trk");

    /** Flags set (+) and clear (-), e.g. {@code state(TRACKED | ESTABLISHED, REPLY)} is +trk+est-rpl. */
    public static ConntrackMatch state(final int set, final int clear) {
        return new ConntrackMatch(set, set | clear, null, 0);
    }

    public ConntrackMatch withMark(final long value, final long mask) {
        return new ConntrackMatch(state, stateMask, value, mask);
    }

    /** The bits set in a state, as {@code +trk+new}. */
    public static String flagsSet(final int state) {
        final var flags = new StringBuilder();
        for (int bit = 0; bit < FLAG_NAMES.size(); bit++) {
            if ((state & 1 << bit) != 0) {
                flags.append('+').append(FLAG_NAMES.get(bit));
            }
        }
        return flags.toString();
    }

    void describe(final StringJoiner text) {
        if (stateMask != 0) {
            final var flags = new StringBuilder();
            for (int bit = 0; bit < FLAG_NAMES.size(); bit++) {
                if ((stateMask & 1 << bit) != 0) {
                    flags.append((state & 1 << bit) != 0 ? '+' : '-').append(FLAG_NAMES.get(bit));
                }
            }
            text.add("ct_state=" + flags);
        }
        if (mark != null) {
            text.add(String.format("ct_mark=0x%x/0x%x", mark, markMask));
        }
    }
}
