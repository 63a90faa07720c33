/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.SwitchFlows;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.ListedSource;
import org.junit.Test;

/**
 * Diffing only the changed parts of a switch's flows gives exactly the full diff, over random sequences of part
 * changes: parts kept, rebuilt with equal flows, edited, dropped, added, flows moving between parts and tables,
 * unions nested as the round worker nests a stage's union inside the round's.
 */
public class FlowDiffPartsTest {
    private static final Table[] TABLES = {Table.CLASSIFY, Table.PORT_SECURITY, Table.EGRESS};
    private static final int SEEDS = 40;
    private static final int STEPS = 40;
    /** Each plain part's indexed form, by identity (an edited part is a new object). */
    private final Map<Map<String, FlowRecord>, Map<String, FlowRecord>> indexed = new IdentityHashMap<>();
    /** Even seeds index every part (the diff compares members); odd ones mix plain maps in (it compares flows). */
    private boolean everyPartIndexed;
    /** Every fourth seed's sources vouch for stretches of equal members, which the diff then passes over. */
    private boolean vouching;

    @Test
    public void changedPartsGiveTheFullDiff() {
        for (int seed = 0; seed < SEEDS; seed++) {
            final var random = new Random(seed);
            everyPartIndexed = seed % 2 == 0;
            vouching = seed % 4 == 0;
            List<Map<String, FlowRecord>> parts = new ArrayList<>();
            // Up to 15 parts: a diff probes a few gone parts one by one, and indexes many.
            final int initial = 2 + random.nextInt(14);
            for (int i = 0; i < initial; i++) {
                parts.add(part(random, "p" + i, 1 + random.nextInt(8)));
            }
            Map<String, FlowRecord> before = union(random, parts);
            final Map<String, InstalledFlow> installed = new HashMap<>();
            apply(installed, FlowDiff.between("s1", installed, before));
            for (int step = 0; step < STEPS; step++) {
                parts = next(random, parts, "s" + seed + "-" + step);
                final Map<String, FlowRecord> after = union(random, parts);
                final FlowDiff full = FlowDiff.between("s1", installed, after);
                final FlowDiff byParts = FlowDiff.betweenParts("s1", installed, before, after);
                assertEquals("seed " + seed + " step " + step, full, byParts);
                apply(installed, byParts);
                final var held = new TreeMap<String, FlowRecord>();
                installed.forEach((id, flow) -> held.put(id, flow.content().orElseThrow()));
                assertEquals(new TreeMap<>(after), held);
                before = after;
            }
        }
    }

    @Test
    public void unchangedPartsCostNothing() {
        final var random = new Random(7);
        final List<Map<String, FlowRecord>> parts = List.of(part(random, "a", 500), part(random, "b", 500));
        final var installed = new HashMap<String, InstalledFlow>();
        final Map<String, FlowRecord> before = new SwitchFlows(parts);
        apply(installed, FlowDiff.between("s1", installed, before));
        assertTrue(FlowDiff.betweenParts("s1", installed, before, new SwitchFlows(parts)).isEmpty());
    }

    private static void apply(final Map<String, InstalledFlow> installed, final FlowDiff diff) {
        diff.removals().keySet().forEach(installed::remove);
        diff.writes().forEach(flow -> installed.put(flow.id(), InstalledFlow.written(flow)));
    }

    private static List<Map<String, FlowRecord>> next(final Random random, final List<Map<String, FlowRecord>> parts,
            final String fresh) {
        final var next = new ArrayList<Map<String, FlowRecord>>();
        int edits = 0;
        for (Map<String, FlowRecord> part : parts) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    // dropped
                }
                case 1 -> next.add(new TreeMap<>(part));
                case 2 -> next.add(edited(random, part, fresh + "e" + edits++));
                default -> next.add(part);
            }
        }
        if (random.nextInt(3) == 0) {
            next.add(part(random, fresh, 1 + random.nextInt(6)));
        }
        if (next.size() >= 2 && random.nextInt(4) == 0) {
            // One flow id moves from one part to another, as a port's flow does when it changes network.
            final var from = new TreeMap<>(next.get(0));
            final var to = new TreeMap<>(next.get(1));
            if (!from.isEmpty()) {
                final FlowRecord moved = from.pollFirstEntry().getValue();
                to.put(moved.id(), random.nextBoolean() ? moved : flow(random, moved.id()));
                next.set(0, from);
                next.set(1, to);
            }
        }
        return next;
    }

    private static Map<String, FlowRecord> edited(final Random random, final Map<String, FlowRecord> part,
            final String freshId) {
        final var edited = new TreeMap<String, FlowRecord>();
        part.forEach((id, flow) -> {
            switch (random.nextInt(4)) {
                case 0 -> {
                    // removed
                }
                case 1 -> edited.put(id, flow(random, id));
                default -> edited.put(id, flow);
            }
        });
        if (random.nextBoolean()) {
            edited.put(freshId, flow(random, freshId));
        }
        return edited;
    }

    private static Map<String, FlowRecord> part(final Random random, final String name, final int size) {
        final var flows = new TreeMap<String, FlowRecord>();
        for (int i = 0; i < size; i++) {
            flows.put(name + ":" + i, flow(random, name + ":" + i));
        }
        return flows;
    }

    private static FlowRecord flow(final Random random, final String id) {
        return new FlowRecord(id, TABLES[random.nextInt(TABLES.length)], 100 + random.nextInt(3),
            random.nextInt(2), FlowMatch.builder().build(), List.of());
    }

    /**
     * The parts as the round worker might hand them over: one map, a union, or a union holding a union; a part is
     * a plain map, or indexed with its flows as members of a source, as compilers hand theirs over. A part's
     * indexed form is kept with it, so an unchanged part stays the same object.
     */
    private Map<String, FlowRecord> union(final Random random, final List<Map<String, FlowRecord>> plain) {
        final var parts = new ArrayList<Map<String, FlowRecord>>();
        plain.forEach(part -> parts.add(indexed.computeIfAbsent(part, key -> everyPartIndexed || random.nextBoolean()
            ? ListedSource.indexed(key.values(), vouching) : key)));
        return unionOf(random, parts);
    }

    private static Map<String, FlowRecord> unionOf(final Random random, final List<Map<String, FlowRecord>> parts) {
        if (parts.size() == 1 && random.nextBoolean()) {
            return parts.get(0);
        }
        if (parts.size() >= 3 && random.nextBoolean()) {
            return new SwitchFlows(List.of(new SwitchFlows(parts.subList(0, 2)),
                new SwitchFlows(parts.subList(2, parts.size()))));
        }
        return new SwitchFlows(parts);
    }
}
