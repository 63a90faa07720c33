/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

import org.edgeplane.core.endpoint.Fnv1a;

/**
 * Cookie layout: which app made a flow, and for which object.
 * <pre>
 *  bits 56..63  0xED: an Edgeplane flow
 *  bits 48..55  app id ({@link Owner#appId()})
 *  bits 40..47  object kind ({@link ObjectKind})
 *  bits  0..39  FNV-1a hash of the object id
 * </pre>
 * {@code ovs-ofctl dump-flows br cookie=0xed00000000000000/0xff00000000000000} lists every Edgeplane flow;
 * {@code cookie=0xee00000000000000/0xffff000000000000} the switch's write stamp ({@link #WRITE_STAMP}).
 */
public final class Cookies {
    public static final long EDGEPLANE = 0xEDL << 56;
    public static final long EDGEPLANE_MASK = 0xFFL << 56;
    public static final long APP_MASK = 0xFFFFL << 48;
    /**
     * The cookie prefix of a switch's write stamp: the one flow (table {@link #STAMP_TABLE}, never reached by a
     * packet) whose cookie's low 48 bits name the last write the switch committed. Every bundle sets it, so what a
     * switch holds after a write whose outcome was not recorded can be told from the switch itself. It is outside
     * {@link #EDGEPLANE}'s prefix, so that counting and deleting Edgeplane's flows leaves it out: it is no content.
     */
    public static final long WRITE_STAMP = 0xEEL << 56;
    /** The bits of a write stamp's cookie that carry its value. */
    public static final long STAMP_VALUE_MASK = (1L << 48) - 1;
    /** The table of the write stamp: no pipeline table sends a packet there (Open vSwitch keeps 254 to itself). */
    public static final short STAMP_TABLE = 253;
    private static final long HASH_MASK = (1L << 40) - 1;

    /** What kind of object produced a flow. */
    public enum ObjectKind {
        SWITCH(1),
        NETWORK(2),
        PORT(3),
        /** A firewall rule: its flows' statistics are the rule's counters. */
        RULE(4),
        /** A hop of a service chain: the statistics of the flows that steer into it are its packet counts. */
        CHAIN_HOP(5);

        private final int code;

        ObjectKind(final int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private Cookies() {
    }

    /** The cookie of every flow one app made for one object. */
    public static long of(final Owner owner, final ObjectKind kind, final String objectId) {
        return EDGEPLANE | (long) owner.appId() << 48 | (long) kind.code() << 40
            | Fnv1a.hash64(objectId) & HASH_MASK;
    }

    /** The prefix of every cookie one app makes. */
    public static long appPrefix(final Owner owner) {
        return EDGEPLANE | (long) owner.appId() << 48;
    }

    public static boolean isEdgeplane(final long cookie) {
        return (cookie & EDGEPLANE_MASK) == EDGEPLANE;
    }

    /** Whether an Edgeplane cookie belongs to an object of this kind. */
    public static boolean isOf(final long cookie, final ObjectKind kind) {
        return isEdgeplane(cookie) && (cookie >>> 40 & 0xFF) == kind.code();
    }
}
