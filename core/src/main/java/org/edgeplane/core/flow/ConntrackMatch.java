/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

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

    /** Flags set (+) and clear (-), e.g. {@code state(TRACKED | ESTABLISHED, REPLY)} is +trk+est-rpl. */
    public static ConntrackMatch state(final int set, final int clear) {
        return new ConntrackMatch(set, set | clear, null, 0);
    }

    public ConntrackMatch withMark(final long value, final long mask) {
        return new ConntrackMatch(state, stateMask, value, mask);
    }

    void describe(final StringJoiner text) {
        if (stateMask != 0) {
            final var flags = new StringBuilder();
            final String[] names = {"new", "est", "rel", "rpl", "inv", "trk"};
            for (int bit = 0; bit < names.length; bit++) {
                if ((stateMask & 1 << bit) != 0) {
                    flags.append((state & 1 << bit) != 0 ? '+' : '-').append(names[bit]);
                }
            }
            text.add("ct_state=" + flags);
        }
        if (mark != null) {
            text.add(String.format("ct_mark=0x%x/0x%x", mark, markMask));
        }
    }
}
