/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.ListedSource;
import org.junit.Test;

public class FlowsByIdTest {
    private static final long COOKIE = Cookies.appPrefix(Owner.FIREWALL);

    private static FlowRecord flow(final FlowId id, final long port) {
        return new FlowRecord(id, Table.FIREWALL_FROM_GROUPS, 100, COOKIE, FlowMatch.builder().inPort(port).build(),
            List.of());
    }

    @Test
    public void recordsAndSourceMembersAreFoundByTheirIdText() {
        final FlowRecord whole = flow(FlowId.of("firewall:from:deny:port=a"), 1);
        final var members = List.of(flow(FlowId.of("firewall:from:groups:port=a", "rule=t/g/web", 0), 1),
            flow(FlowId.of("firewall:from:groups:port=a", "rule=t/g/web", 1), 2),
            flow(FlowId.of("firewall:from:groups:port=a", "rule=t/g/ssh"), 3));
        final var source = new ListedSource(members);
        final FlowsById flows = FlowsById.builder().add(whole).add(source, 0).add(source, 2).build();

        assertEquals(3, flows.size());
        assertEquals(whole, flows.get("firewall:from:deny:port=a"));
        assertEquals(members.get(0), flows.get("firewall:from:groups:port=a:rule=t/g/web:0"));
        assertEquals(members.get(2), flows.get("firewall:from:groups:port=a:rule=t/g/ssh"));
        // A member the source has but nobody added is not in the map.
        assertNull(flows.get("firewall:from:groups:port=a:rule=t/g/web:1"));
        assertNull(flows.get("firewall:from:groups:port=a:rule=t/g/web"));
        assertEquals(List.of(whole, members.get(0), members.get(2)), new ArrayList<>(flows.values()));
        final var byId = new HashMap<String, FlowRecord>();
        flows.forEach(byId::put);
        assertEquals(Map.of(whole.id(), whole, members.get(0).id(), members.get(0), members.get(2).id(),
            members.get(2)), byId);
        assertEquals(byId, flows);
    }

    @Test
    public void aRunIsWhatTheSourcesVouchForAtConsecutivePositions() {
        final var members = new ArrayList<FlowRecord>();
        for (int i = 0; i < 5; i++) {
            members.add(flow(FlowId.of("scope", "rule", i), i));
        }
        final var was = new ListedSource(members, true);
        final var changed = new ArrayList<>(members);
        changed.set(3, flow(FlowId.of("scope", "rule", 3), 99));
        final var now = new ListedSource(changed, true);
        final FlowsById before = FlowsById.builder().add(flow(FlowId.of("own"), 0)).add(was, 0).add(was, 1)
            .add(was, 2).add(was, 3).add(was, 4).build();
        // Member 2 is left out: the run stops there, where positions no longer follow the members.
        final FlowsById after = FlowsById.builder().add(now, 0).add(now, 1).add(now, 3).add(now, 4).build();

        assertEquals(2, after.sameRunAt(0, before, 1));
        assertEquals(1, after.sameRunAt(1, before, 2));
        // Member 3 changed: the sources vouch for nothing.
        assertEquals(0, after.sameRunAt(2, before, 4));
        assertEquals(1, after.sameRunAt(3, before, 5));
        // Positions that follow on this side but skip a member on the other are no run past the skip.
        final FlowsById skipping = FlowsById.builder().add(was, 0).add(was, 1).add(was, 3).add(was, 4).build();
        final FlowsById whole = FlowsById.builder().add(was, 0).add(was, 1).add(was, 2).add(was, 3).add(was, 4)
            .build();
        assertEquals(2, whole.sameRunAt(0, skipping, 0));
        assertEquals(2, skipping.sameRunAt(2, whole, 3));
        // A member before the first is not vouched for, even at the same distance on both sides.
        final FlowsById backwards = FlowsById.builder().add(was, 3).add(was, 1).build();
        assertEquals(1, backwards.sameRunAt(0, backwards, 0));
        // A whole record is not a source's member.
        assertEquals(0, before.sameRunAt(0, after, 0));
        assertEquals(0, FlowsById.builder().add(new ListedSource(members), 0).build().sameRunAt(0, before, 1));
    }

    @Test
    public void twoFlowsWithOneIdAreRefused() {
        final FlowRecord whole = flow(FlowId.of("s:rule=r:0"), 1);
        final var source = new ListedSource(List.of(flow(FlowId.of("s", "rule=r", 0), 2)));
        final var error = assertThrows(IllegalArgumentException.class,
            () -> FlowsById.builder().add(whole).add(source, 0).build());
        assertTrue(error.getMessage(), error.getMessage().contains("s:rule=r:0"));
        assertThrows(IndexOutOfBoundsException.class, () -> FlowsById.builder().add(source, 1));
    }

    @Test(timeout = 10_000)
    public void everySizeFindsEveryFlowAndMissesAnAbsentOne() {
        // The table must keep an empty slot at every size, or a lookup of an absent id would never end.
        for (int size = 0; size <= 70; size++) {
            final var records = new ArrayList<FlowRecord>();
            for (int i = 0; i < size; i++) {
                records.add(flow(FlowId.of("scope", "rule", i), i));
            }
            final FlowsById flows = FlowsById.of(records);
            assertEquals(size, flows.size());
            for (FlowRecord record : records) {
                assertEquals(record, flows.get(record.id()));
            }
            assertNull(flows.get("scope:rule:" + size));
            assertNull(flows.get("absent"));
        }
    }
}
