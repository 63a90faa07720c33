/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.ConntrackMatch;

/**
 * A set of packets at one point of a walk: the frames the endpoint may have sent to get here (a cube minus the
 * cubes that higher-priority flows took), where each header field now comes from (a field of the frame as sent, or
 * a constant an action wrote), the metadata (always known: it starts at zero and only constants are written) and
 * the path so far. Immutable.
 */
final class SymbolicPacket {
    private static final int[] FRAME_AS_SENT = new int[HeaderField.COUNT];
    private static final long[] NOTHING_WRITTEN = new long[HeaderField.COUNT];
    private static final long TRACKED = ConntrackMatch.TRACKED;

    static {
        for (int field = 0; field < HeaderField.COUNT; field++) {
            FRAME_AS_SENT[field] = field < HeaderField.FRAME_FIELDS ? field : -1;
        }
    }

    private final Cube cube;
    private final List<Cube> excluded;
    /**
     * Packets of this set known to be in none of the exclusions, or null when not known yet: a walk narrows a set
     * step by step, and the part of the last proof inside the narrower cube usually proves the next step too.
     */
    private final @Nullable Cube proof;
    /** By header field: the frame word it holds, or -1 when it holds {@link #constants}' value. */
    private final int[] sources;
    private final long[] constants;
    private final long metadata;
    private final int lookups;
    private final Trail trail;

    private SymbolicPacket(final Cube cube, final List<Cube> excluded, final @Nullable Cube proof,
            final int[] sources, final long[] constants, final long metadata, final int lookups, final Trail trail) {
        this.cube = cube;
        this.excluded = excluded;
        this.proof = proof;
        this.sources = sources;
        this.constants = constants;
        this.metadata = metadata;
        this.lookups = lookups;
        this.trail = trail;
    }

    /**
     * Everything an endpoint can send into a switch port: any frame; no tunnel metadata and no connection state
     * yet (both constants zero, as the switch sets them).
     */
    static SymbolicPacket fromEndpoint(final String switchId, final long inPort) {
        final int[] sources = FRAME_AS_SENT.clone();
        sources[HeaderField.TUNNEL_ID.ordinal()] = -1;
        sources[HeaderField.TUNNEL_DST.ordinal()] = -1;
        return new SymbolicPacket(Cube.ALL, List.of(), Cube.ALL, sources, NOTHING_WRITTEN, 0, 0,
            Trail.arrival(null, switchId, inPort, ""));
    }

    int source(final int field) {
        return sources[field];
    }

    long constant(final int field) {
        return constants[field];
    }

    Cube cube() {
        return cube;
    }

    List<Cube> excluded() {
        return excluded;
    }

    long metadata() {
        return metadata;
    }

    int lookups() {
        return lookups;
    }

    Trail trail() {
        return trail;
    }

    /** The field's value when every packet here has the same one; -1 otherwise. */
    long known(final HeaderField field) {
        return known(field, field.fullMask());
    }

    /** The field's bits under {@code mask} when every packet here has the same ones; -1 otherwise. */
    long known(final HeaderField field, final long mask) {
        final int source = sources[field.ordinal()];
        if (source < 0) {
            return constants[field.ordinal()] & mask;
        }
        return (cube.mask(source) & mask) == mask ? cube.value(source) & mask : -1;
    }

    /**
     * The packets of {@code region} (a subset of this cube) that no cube of {@code taken} holds; only the cubes
     * that overlap the region are kept, so the lists stay short.
     */
    SymbolicPacket narrowed(final Cube region, final List<MatchCube> taken, final Trail step) {
        Cube narrowedProof = proof == null || region == cube ? proof : proof.intersect(region);
        List<Cube> kept = excluded;
        if (region != cube && !excluded.isEmpty()) {
            kept = new ArrayList<>();
            for (Cube cut : excluded) {
                if (cut.intersects(region)) {
                    kept.add(cut);
                }
            }
        }
        for (MatchCube higher : taken) {
            if (higher.meets(this, region)) {
                if (kept == excluded) {
                    kept = new ArrayList<>(excluded);
                }
                final Cube cut = higher.constraintOn(this);
                kept.add(cut);
                if (narrowedProof != null && cut.intersects(narrowedProof)) {
                    narrowedProof = null;
                }
            }
        }
        return new SymbolicPacket(region, kept, narrowedProof, sources, constants, metadata, lookups, step);
    }

    /**
     * This set with a proof that it is not empty, or null when it is empty: a cube of packets none of the
     * exclusions overlaps.
     */
    @Nullable SymbolicPacket proven() {
        if (proof != null) {
            return this;
        }
        final Cube found = Cube.outside(cube, excluded);
        return found == null ? null
            : new SymbolicPacket(cube, excluded, found, sources, constants, metadata, lookups, trail);
    }

    SymbolicPacket written(final HeaderField field, final long value) {
        final int[] newSources = sources.clone();
        final long[] newConstants = constants.clone();
        newSources[field.ordinal()] = -1;
        newConstants[field.ordinal()] = value & field.fullMask();
        return new SymbolicPacket(cube, excluded, proof, newSources, newConstants, metadata, lookups, trail);
    }

    /** A field now holds what another held (a Nicira move). */
    SymbolicPacket copied(final HeaderField from, final HeaderField to) {
        final int[] newSources = sources.clone();
        final long[] newConstants = constants.clone();
        newSources[to.ordinal()] = sources[from.ordinal()];
        newConstants[to.ordinal()] = constants[from.ordinal()] & to.fullMask();
        return new SymbolicPacket(cube, excluded, proof, newSources, newConstants, metadata, lookups, trail);
    }

    SymbolicPacket withMetadata(final long value, final long mask) {
        return new SymbolicPacket(cube, excluded, proof, sources, constants, metadata & ~mask | value & mask,
            lookups, trail);
    }

    /**
     * After a connection-tracking lookup: its state and mark are a fresh free variable of the path, except that
     * the frame is tracked.
     *
     * @throws IllegalStateException when the path makes more lookups than the verifier can hold
     */
    SymbolicPacket tracked(final Trail step) {
        if (lookups == Cube.MAX_CONNTRACK) {
            throw new IllegalStateException("a path makes more than " + Cube.MAX_CONNTRACK
                + " connection-tracking lookups");
        }
        final int[] newSources = sources.clone();
        newSources[HeaderField.CT_STATE.ordinal()] = Cube.conntrackStateWord(lookups);
        newSources[HeaderField.CT_MARK.ordinal()] = Cube.conntrackMarkWord(lookups);
        final int word = Cube.conntrackStateWord(lookups);
        return new SymbolicPacket(cube.with(word, TRACKED, TRACKED), excluded,
            proof == null ? null : proof.with(word, TRACKED, TRACKED), newSources, constants, metadata, lookups + 1,
            step);
    }

    /**
     * The packet as it arrives at another switch's port: metadata and connection state start afresh; the tunnel
     * id is kept through a tunnel and zero from the fabric; the tunnel destination is the switch's own.
     */
    SymbolicPacket arriving(final String switchId, final long inPort, final boolean throughTunnel,
            final String came) {
        final int[] newSources = sources.clone();
        final long[] newConstants = constants.clone();
        for (HeaderField field : new HeaderField[] {HeaderField.CT_STATE, HeaderField.CT_MARK,
            HeaderField.TUNNEL_DST}) {
            newSources[field.ordinal()] = -1;
            newConstants[field.ordinal()] = 0;
        }
        if (!throughTunnel) {
            newSources[HeaderField.TUNNEL_ID.ordinal()] = -1;
            newConstants[HeaderField.TUNNEL_ID.ordinal()] = 0;
        }
        return new SymbolicPacket(cube, excluded, proof, newSources, newConstants, 0, lookups,
            Trail.arrival(trail, switchId, inPort, came));
    }

    SymbolicPacket withTrail(final Trail step) {
        return new SymbolicPacket(cube, excluded, proof, sources, constants, metadata, lookups, step);
    }
}
