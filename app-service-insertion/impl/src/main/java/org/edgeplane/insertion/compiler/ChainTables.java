/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.insertion.compiler.ChainFlows.HopRef;

/**
 * What one compile has written so far, per switch: flows, select groups, and the hop each cookie counts. A chain is
 * written between {@link #begin} and {@link #keep}; should it fail, {@link #rollBack} takes back exactly what it
 * added, newest first, and every other chain's part stays.
 */
final class ChainTables {
    private static final long GROUP_ID_BASE = 0x5000_0000L;
    private static final long GROUP_ID_SPAN = 0x0FFF_FFFFL;

    private final Map<String, Map<String, FlowRecord>> flows = new TreeMap<>();
    private final Map<String, Map<Long, GroupRecord>> groups = new TreeMap<>();
    private final Map<String, Map<String, Long>> groupIds = new HashMap<>();
    private final Map<Long, HopRef> hopByCookie = new HashMap<>();
    /** Takes back what the chain being compiled added, newest first, should its compile fail. */
    private final List<Runnable> undo = new ArrayList<>();

    /** A chain starts: what is added from now on can be taken back. */
    void begin() {
        undo.clear();
    }

    /** The chain's part stays. */
    void keep() {
        undo.clear();
    }

    /** Takes back what the chain added since {@link #begin}. */
    void rollBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    /** Something the caller added for the chain, to take back with it. */
    void onRollBack(final Runnable action) {
        undo.add(action);
    }

    /** A switch that gets the shared flows (misses) even if no chain adds a flow to it. */
    void addSwitch(final String switchId) {
        flows.computeIfAbsent(switchId, key -> new LinkedHashMap<>());
    }

    /** The switches that hold flows so far. */
    List<String> switches() {
        return List.copyOf(flows.keySet());
    }

    /** The id of the group already written under {@code key} on a switch, if any. */
    @Nullable Long groupId(final String switchId, final String key) {
        final Map<String, Long> ids = groupIds.get(switchId);
        return ids == null ? null : ids.get(key);
    }

    /** Writes a select group under {@code key} on a switch; its id is derived from the key, free on the switch. */
    long addGroup(final String switchId, final String key, final List<GroupRecord.Bucket> buckets,
            final long cookie) {
        final Map<String, Long> ids = groupIds.computeIfAbsent(switchId, sw -> new HashMap<>());
        final Map<Long, GroupRecord> switchGroups = groups.computeIfAbsent(switchId, sw -> new TreeMap<>());
        long groupId = GROUP_ID_BASE + Math.floorMod(key.hashCode(), GROUP_ID_SPAN);
        while (switchGroups.containsKey(groupId)) {
            groupId = GROUP_ID_BASE + Math.floorMod(groupId - GROUP_ID_BASE + 1, GROUP_ID_SPAN);
        }
        ids.put(key, groupId);
        switchGroups.put(groupId, new GroupRecord(groupId, buckets, cookie));
        final long added = groupId;
        undo.add(() -> {
            ids.remove(key);
            switchGroups.remove(added);
            if (switchGroups.isEmpty()) {
                groups.remove(switchId);
                groupIds.remove(switchId);
            }
        });
        return groupId;
    }

    /** Records which hop a cookie counts. */
    void countHop(final long cookie, final HopRef hop) {
        if (hopByCookie.put(cookie, hop) == null) {
            undo.add(() -> hopByCookie.remove(cookie));
        }
    }

    Map<Long, HopRef> hopByCookie() {
        return hopByCookie;
    }

    void add(final String switchId, final FlowRecord flow) {
        final Map<String, FlowRecord> switchFlows = flows.computeIfAbsent(switchId, key -> new LinkedHashMap<>());
        final FlowRecord previous = switchFlows.putIfAbsent(flow.id(), PipelineContract.verify(flow));
        if (previous == null) {
            undo.add(() -> {
                switchFlows.remove(flow.id());
                if (switchFlows.isEmpty()) {
                    flows.remove(switchId);
                }
            });
        } else if (!previous.equals(flow)) {
            throw new IllegalStateException("two different flows share id " + flow.id());
        }
    }

    Map<String, Map<String, FlowRecord>> frozenFlows() {
        final var frozen = new TreeMap<String, Map<String, FlowRecord>>();
        flows.forEach((switchId, switchFlows) -> frozen.put(switchId, Map.copyOf(switchFlows)));
        return frozen;
    }

    Map<String, Map<Long, GroupRecord>> frozenGroups() {
        final var frozen = new TreeMap<String, Map<Long, GroupRecord>>();
        // A switch without groups is absent, whatever a failed chain left behind.
        groups.forEach((switchId, switchGroups) -> {
            if (!switchGroups.isEmpty()) {
                frozen.put(switchId, Collections.unmodifiableSortedMap(new TreeMap<>(switchGroups)));
            }
        });
        return frozen;
    }
}
