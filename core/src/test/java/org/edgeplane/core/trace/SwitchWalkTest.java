/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.junit.Test;

/**
 * The pipeline walk the packet trace and the flow-table model share: each step it reports is what the switch did,
 * in order, and a frame goes where the flows send it.
 */
public class SwitchWalkTest {
    private static final long COOKIE = 0xed01_0300_0000_0001L;
    private static final Frame WEB = Frame.transport(6, "00:00:00:00:00:01", "00:00:00:00:00:02", "10.0.0.1",
        "10.0.0.2", 40_000, 80);
    private static final SwitchWalk.Conntrack NEVER = (action, frame) -> {
        throw new AssertionError("no conntrack expected");
    };

    private static FlowRecord flow(final String id, final Table table, final int priority, final FlowMatch match,
            final Instruction... instructions) {
        return new FlowRecord(id, table, priority, COOKIE, match, List.of(instructions));
    }

    private static Instruction apply(final Action... actions) {
        return new Instruction.ApplyActions(List.of(actions));
    }

    @Test
    public void theHighestPriorityMatchOfEachTableDecidesAndMetadataCarriesBetweenTables() {
        final var flows = List.of(
            flow("classify", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(),
                new Instruction.WriteMetadata(0x42, 0xff), new Instruction.GotoTable(Table.L2_FORWARD)),
            flow("other-port", Table.CLASSIFY, 100, FlowMatch.builder().inPort(3).build(),
                new Instruction.GotoTable(Table.L2_FORWARD)),
            flow("to-h2", Table.L2_FORWARD, 50, FlowMatch.builder().metadata(0x42, 0xff)
                .ethDst("00:00:00:00:00:02").build(), apply(new Action.Output(2))),
            flow("flood", Table.L2_FORWARD, 10, FlowMatch.builder().metadata(0x42, 0xff).build(),
                apply(new Action.Output(2), new Action.Output(3))));

        final var walk = SwitchWalk.walk(flows, Map.of(), 1, WEB, NEVER);

        assertEquals(List.of("classify", "to-h2"), matchedIds(walk));
        assertEquals(0x42L, ((SwitchWalk.Step.Matched) walk.steps().get(1)).metadata());
        assertEquals(List.of(2L), walk.outputs().stream().map(SwitchWalk.Step.Sent::port).toList());
    }

    @Test
    public void aFrameNoFlowMatchesIsDroppedWhereTheTableMissed() {
        final var flows = List.of(flow("classify", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(),
            new Instruction.GotoTable(Table.PORT_SECURITY)));

        final var walk = SwitchWalk.walk(flows, Map.of(), 1, WEB, NEVER);

        assertEquals(List.of(), walk.outputs());
        final var last = walk.steps().get(walk.steps().size() - 1);
        assertEquals(Table.PORT_SECURITY, ((SwitchWalk.Step.Missed) last).table());
    }

    @Test
    public void headersRewrittenOnTheWayAreWhatLaterTablesAndTheOutputSee() {
        final var flows = List.of(
            flow("tag", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(),
                apply(new Action.PushVlan(), new Action.SetVlanId(7)), new Instruction.GotoTable(Table.EGRESS)),
            flow("out", Table.EGRESS, 10, FlowMatch.builder().vlanVid(7).build(), apply(new Action.Output(9))));

        final var walk = SwitchWalk.walk(flows, Map.of(), 1, WEB, NEVER);

        assertEquals(Integer.valueOf(7), walk.outputs().get(0).frame().vlan());
        assertEquals("the egress flow matched the tagged frame", Integer.valueOf(7),
            ((SwitchWalk.Step.Matched) walk.steps().get(1)).frame().vlan());
    }

    @Test
    public void conntrackStateComesFromTheTrackerAndRecirculatesToItsTable() {
        final var established = ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED,
            ConntrackMatch.NEW);
        final var flows = List.of(
            flow("track", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(),
                apply(new Action.Conntrack(5, false, Table.FIREWALL_FROM_STATE, null))),
            flow("established", Table.FIREWALL_FROM_STATE, 100, FlowMatch.builder().ip(FlowMatch.ETH_IPV4)
                .conntrack(established).build(), apply(new Action.Output(2))),
            flow("new", Table.FIREWALL_FROM_STATE, 10, FlowMatch.builder().build()));
        final SwitchWalk.Conntrack told = (action, frame) -> new SwitchWalk.Conntrack.State(
            ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED, 0);

        final var walk = SwitchWalk.walk(flows, Map.of(), 1, WEB, told);

        assertEquals(List.of("track", "established"), matchedIds(walk));
        assertEquals(List.of(2L), walk.outputs().stream().map(SwitchWalk.Step.Sent::port).toList());
        final SwitchWalk.Conntrack fresh = (action, frame) -> new SwitchWalk.Conntrack.State(
            ConntrackMatch.TRACKED | ConntrackMatch.NEW, 0);
        assertEquals(List.of("track", "new"), matchedIds(SwitchWalk.walk(flows, Map.of(), 1, WEB, fresh)));
    }

    @Test
    public void aSelectGroupSendsTheFrameThroughOneBucketAndSaysWhichOfHowMany() {
        final var group = new GroupRecord(4, List.of(new GroupRecord.Bucket(0, List.of(new Action.Output(5))),
            new GroupRecord.Bucket(1, List.of(new Action.Output(6)))), COOKIE);
        final var flows = List.of(flow("steer", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(),
            apply(new Action.Group(4))));

        final var walk = SwitchWalk.walk(flows, Map.of(4L, group), 1, WEB, NEVER);

        final var grouped = (SwitchWalk.Step.Grouped) walk.steps().get(1);
        assertEquals(4, grouped.group().groupId());
        assertEquals(List.of(grouped.bucket() == 0 ? 5L : 6L),
            walk.outputs().stream().map(SwitchWalk.Step.Sent::port).toList());
        assertEquals("the same flow takes the same bucket", grouped.bucket(), ((SwitchWalk.Step.Grouped) SwitchWalk
            .walk(flows, Map.of(4L, group), 1, WEB, NEVER).steps().get(1)).bucket());
    }

    @Test
    public void aFrameIsNeverSentBackOutOfItsInPortUnlessAsked() {
        final var flows = List.of(flow("flood", Table.CLASSIFY, 100, FlowMatch.builder().build(),
            apply(new Action.Output(1), new Action.Output(2))));
        assertEquals(List.of(2L), SwitchWalk.walk(flows, Map.of(), 1, WEB, NEVER).outputs().stream()
            .map(SwitchWalk.Step.Sent::port).toList());
    }

    @Test
    public void twoFlowsOfOnePriorityThatDisagreeAreAnAmbiguityNotAGuess() {
        final var flows = List.of(
            flow("a", Table.CLASSIFY, 100, FlowMatch.builder().inPort(1).build(), apply(new Action.Output(2))),
            flow("b", Table.CLASSIFY, 100, FlowMatch.builder().ethType(FlowMatch.ETH_IPV4).build(),
                apply(new Action.Output(3))));
        final var error = assertThrows(SwitchWalk.AmbiguousMatchException.class,
            () -> SwitchWalk.walk(flows, Map.of(), 1, WEB, NEVER));
        assertTrue(error.getMessage(), error.getMessage().contains("a") && error.getMessage().contains("b"));
    }

    @Test
    public void aPipelineThatLoopsIsReportedNotFollowedForever() {
        final var flows = List.of(flow("loop", Table.CLASSIFY, 100, FlowMatch.builder().build(),
            apply(new Action.Conntrack(1, false, Table.CLASSIFY, null))));
        final SwitchWalk.Conntrack any = (action, frame) -> new SwitchWalk.Conntrack.State(ConntrackMatch.TRACKED, 0);
        assertThrows(IllegalStateException.class, () -> SwitchWalk.walk(flows, Map.of(), 1, WEB, any));
    }

    private static List<String> matchedIds(final SwitchWalk.Walk walk) {
        return walk.steps().stream().filter(SwitchWalk.Step.Matched.class::isInstance)
            .map(step -> ((SwitchWalk.Step.Matched) step).flow().id().toString()).toList();
    }
}
