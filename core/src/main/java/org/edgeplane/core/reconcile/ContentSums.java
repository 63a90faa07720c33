/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Table;

/**
 * What the content ledger records of one switch: per entry, the sum of a 64-bit hash of each of its parts and how
 * many parts it has. The flows one app made for one object in one table (one table and one cookie: what a
 * {@link FlowSweep} deletes) are one entry; each meter and each group is one. A hash covers the part's id, cookie
 * and canonical text (the golden tests' text, which names tables and fields, never hash codes), so equal content
 * has equal sums in every JVM whatever order it was built in, and different content different sums except with
 * odds of 2^-64. The reconciler keeps the sums of each switch up to date from the diffs it accepted, so a round
 * hashes what it changed, not what exists.
 */
public final class ContentSums {
    private static final String FLOW = "f ";
    private static final String METER = "m ";
    private static final String GROUP = "g ";

    private final Map<String, Sum> sums;

    /**
     * One entry's sum.
     *
     * @param hash the sum of its parts' hashes
     * @param count how many parts (flows) it has
     */
    public record Sum(long hash, int count) {
        Sum plus(final long partHash) {
            return new Sum(hash + partHash, count + 1);
        }

        Sum minus(final long partHash) {
            return new Sum(hash - partHash, count - 1);
        }
    }

    private ContentSums(final Map<String, Sum> sums) {
        this.sums = sums;
    }

    /** The sums of a switch that holds nothing of Edgeplane's. */
    public static ContentSums empty() {
        return new ContentSums(new HashMap<>());
    }

    /** The sums of this whole content. */
    public static ContentSums of(final SwitchContent content) {
        final var sums = empty();
        content.flows().values().forEach(sums::add);
        content.meters().values().forEach(meter -> sums.sums.put(meterKey(meter.meterId()),
            new Sum(hash(meter), 1)));
        content.groups().values().forEach(group -> sums.sums.put(groupKey(group.groupId()),
            new Sum(hash(group), 1)));
        return sums;
    }

    /** Sums as a ledger recorded them. */
    public static ContentSums recorded(final Map<String, Sum> entries) {
        return new ContentSums(new HashMap<>(entries));
    }

    /** Every entry and its sum. */
    public Map<String, Sum> entries() {
        return Collections.unmodifiableMap(sums);
    }

    /** How many flows the content has. */
    public int flowCount() {
        return sums.entrySet().stream().filter(entry -> isFlowEntry(entry.getKey()))
            .mapToInt(entry -> entry.getValue().count()).sum();
    }

    /** The entry of a flow: its table and cookie. */
    public static String key(final FlowRecord flow) {
        return FLOW + flow.table().id() + " " + Long.toHexString(flow.cookie());
    }

    /** The entry of a sweep's flows. */
    public static String key(final FlowSweep sweep) {
        return FLOW + sweep.table().id() + " " + Long.toHexString(sweep.cookie());
    }

    public static String meterKey(final long meterId) {
        return METER + meterId;
    }

    public static String groupKey(final long groupId) {
        return GROUP + groupId;
    }

    public static boolean isFlowEntry(final String key) {
        return key.startsWith(FLOW);
    }

    /** The sweep that deletes a flow entry's flows. */
    public static FlowSweep sweepOf(final String flowEntry) {
        final int space = flowEntry.indexOf(' ', FLOW.length());
        return new FlowSweep(Table.ofId(Short.parseShort(flowEntry.substring(FLOW.length(), space))),
            Long.parseUnsignedLong(flowEntry.substring(space + 1), 16));
    }

    /**
     * The entries a diff may change on a switch that holds {@code held}: those of every flow it writes, removes or
     * sweeps (and of a written flow's previous version), of every meter and group it writes or removes.
     */
    public static Set<String> touched(final FlowDiff diff, final SwitchHeld held) {
        final var touched = new HashSet<String>();
        diff.sweeps().forEach(sweep -> touched.add(key(sweep)));
        diff.removals().keySet().forEach(id -> held.flow(id).ifPresent(flow -> touched.add(key(flow))));
        for (FlowRecord flow : diff.writes()) {
            touched.add(key(flow));
            held.flow(flow.id()).ifPresent(previous -> touched.add(key(previous)));
        }
        diff.meterWrites().forEach(meter -> touched.add(meterKey(meter.meterId())));
        diff.meterRemovals().forEach(meterId -> touched.add(meterKey(meterId)));
        diff.groupWrites().forEach(group -> touched.add(groupKey(group.groupId())));
        diff.groupRemovals().forEach(groupId -> touched.add(groupKey(groupId)));
        return touched;
    }

    /**
     * Applies a diff the switch accepted, where {@code held} is what it held before.
     *
     * @return every entry the diff touched, with its new sum, or empty where the entry is gone
     */
    public Map<String, Optional<Sum>> apply(final FlowDiff diff, final SwitchHeld held) {
        final var swept = new HashSet<String>();
        diff.sweeps().forEach(sweep -> {
            swept.add(key(sweep));
            sums.remove(key(sweep));
        });
        diff.removals().keySet().forEach(id -> held.flow(id).ifPresent(flow -> subtract(flow, swept)));
        for (FlowRecord flow : diff.writes()) {
            held.flow(flow.id()).ifPresent(previous -> subtract(previous, swept));
            add(flow);
        }
        diff.meterRemovals().forEach(meterId -> sums.remove(meterKey(meterId)));
        diff.meterWrites().forEach(meter -> sums.put(meterKey(meter.meterId()), new Sum(hash(meter), 1)));
        diff.groupRemovals().forEach(groupId -> sums.remove(groupKey(groupId)));
        diff.groupWrites().forEach(group -> sums.put(groupKey(group.groupId()), new Sum(hash(group), 1)));
        final var changed = new HashMap<String, Optional<Sum>>();
        touched(diff, held).forEach(key -> changed.put(key, Optional.ofNullable(sums.get(key))));
        return changed;
    }

    /**
     * What applying a diff to a switch that holds {@code held} would change, without changing these sums: every
     * entry the diff touches, with its sum after it, or empty where the entry would be gone.
     */
    public Map<String, Optional<Sum>> changesOf(final FlowDiff diff, final SwitchHeld held) {
        final var scratch = new HashMap<String, Sum>();
        touched(diff, held).forEach(key -> {
            final Sum sum = sums.get(key);
            if (sum != null) {
                scratch.put(key, sum);
            }
        });
        return new ContentSums(scratch).apply(diff, held);
    }

    /** Takes these entries' sums (empty: the entry is gone). */
    public void update(final Map<String, Optional<Sum>> changes) {
        changes.forEach((key, sum) -> {
            if (sum.isPresent()) {
                sums.put(key, sum.orElseThrow());
            } else {
                sums.remove(key);
            }
        });
    }

    private void add(final FlowRecord flow) {
        sums.merge(key(flow), new Sum(hash(flow), 1), (was, one) -> was.plus(one.hash()));
    }

    /** Takes a flow out of its entry, unless a sweep emptied that entry already. */
    private void subtract(final FlowRecord flow, final Set<String> swept) {
        final String key = key(flow);
        if (swept.contains(key)) {
            return;
        }
        final Sum left = sums.get(key);
        if (left == null) {
            return;
        }
        final Sum less = left.minus(hash(flow));
        if (less.count() <= 0) {
            sums.remove(key);
        } else {
            sums.put(key, less);
        }
    }

    static long hash(final FlowRecord flow) {
        return hash("flow " + flow.id() + " " + Long.toHexString(flow.cookie()) + " " + flow);
    }

    static long hash(final MeterRecord meter) {
        return hash("meter " + Long.toHexString(meter.cookie()) + " " + meter);
    }

    static long hash(final GroupRecord group) {
        return hash("group " + Long.toHexString(group.cookie()) + " " + group);
    }

    private static long hash(final String text) {
        return Hashing.murmur3_128().hashString(text, StandardCharsets.UTF_8).asLong();
    }
}
