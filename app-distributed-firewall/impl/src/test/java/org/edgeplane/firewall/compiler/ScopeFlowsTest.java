/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.flow.IpMatch.PortMask;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.junit.Test;

/** A scope's flows read back as the records they stand for, with the ids and id hashes of those records. */
public class ScopeFlowsTest {
    private static final String SCOPE = "firewall:from:groups:port=p1";
    private static final Table TABLE = Table.FIREWALL_FROM_GROUPS;
    private static final long WEB = Cookies.appPrefix(Owner.FIREWALL) | 1;
    private static final long TAG = Cookies.appPrefix(Owner.FIREWALL) | 2;
    private static final FlowMatch PORT = FlowMatch.builder().inPort(4).build();
    private static final FlowMatch TAGGED = FlowMatch.builder().inPort(4).metadata(0x100, 0x100).build();
    private static final List<Instruction> NEXT = List.of(new Instruction.GotoTable(TABLE.next()));

    private static FlowMatch tcp(final int port) {
        return FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipProto(IpMatch.TCP).ports(null, PortMask.exact(port))
            .build();
    }

    @Test
    public void membersAreTheRulesFlowsInOrder() {
        final ScopeFlows flows = ScopeFlows.builder(SCOPE, TABLE)
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, PORT, List.of(tcp(80), tcp(443)), NEXT)
            .rule(FlowId.Name.of("rule=t/g/none"), WEB, 100, PORT, List.of(), NEXT)
            .flow("10.0.0.1/32", TAG, 132, TAGGED, List.of(tcp(22)), NEXT)
            .rule(FlowId.Name.of("rule=t/g/db"), WEB, 90, TAGGED, List.of(tcp(5432)), NEXT)
            .build();
        final var expected = List.of(
            new FlowRecord(FlowId.of(SCOPE, "rule=t/g/web", 0), TABLE, 100, WEB, PORT.overlay(tcp(80)), NEXT),
            new FlowRecord(FlowId.of(SCOPE, "rule=t/g/web", 1), TABLE, 100, WEB, PORT.overlay(tcp(443)), NEXT),
            new FlowRecord(FlowId.of(SCOPE, "10.0.0.1/32"), TABLE, 132, TAG, TAGGED.overlay(tcp(22)), NEXT),
            new FlowRecord(FlowId.of(SCOPE, "rule=t/g/db", 0), TABLE, 90, WEB, TAGGED.overlay(tcp(5432)), NEXT));

        assertEquals(expected.size(), flows.size());
        for (int member = 0; member < flows.size(); member++) {
            assertEquals(expected.get(member), flows.flow(member));
            assertEquals(expected.get(member).flowId(), flows.id(member));
            assertEquals(expected.get(member).id().hashCode(), flows.idHash(member));
        }
        assertEquals(1, flows.member(0, 1));
        assertEquals(2, flows.member(2, 0));
        assertEquals(3, flows.member(3, 0));
        assertEquals(90, flows.priority(3));
        assertThrows(IndexOutOfBoundsException.class, () -> flows.flow(4));
    }

    @Test
    public void aRuleThatBreaksThePipelineContractIsRefusedByName() {
        final var error = assertThrows(IllegalArgumentException.class, () -> ScopeFlows.builder(SCOPE, TABLE)
            .rule(FlowId.Name.of("rule=t/g/mac"), WEB, 100, PORT, List.of(tcp(80),
                FlowMatch.builder().ethSrc("02:00:00:00:00:09")
                .build()), NEXT));
        assertTrue(error.getMessage(), error.getMessage().startsWith(SCOPE + ":rule=t/g/mac: "));
    }

    /** Members compare as the flows they stand for, however the two sources split their matches. */
    @Test
    public void membersAreTheSameExactlyWhenTheirFlowsAreEqual() {
        final FlowMatch tcp80AtPort = PORT.overlay(tcp(80));
        final ScopeFlows one = ScopeFlows.builder(SCOPE, TABLE)
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, PORT, List.of(tcp(80), tcp(443)), NEXT)
            .rule(FlowId.Name.of("rule=t/g/db"), WEB, 90, TAGGED, List.of(tcp(5432)), NEXT)
            .build();
        final ScopeFlows other = ScopeFlows.builder(SCOPE, TABLE)
            // The same flows as one's, but the first laid over an empty base, and the last with another priority.
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, FlowMatch.builder().build(),
                List.of(tcp80AtPort, tcp(443)), List.copyOf(NEXT))
            .rule(FlowId.Name.of("rule=t/g/db"), WEB, 91, TAGGED, List.of(tcp(5432)), NEXT)
            .build();
        for (int member = 0; member < one.size(); member++) {
            for (int otherMember = 0; otherMember < other.size(); otherMember++) {
                final FlowRecord mine = one.flow(member);
                final FlowRecord theirs = other.flow(otherMember);
                // Ids aside: the diff finds the two by id.
                assertEquals(member + " vs " + otherMember, mine.equals(new FlowRecord(mine.flowId(), theirs.table(),
                    theirs.priority(), theirs.cookie(), theirs.match(), theirs.instructions())),
                    one.sameFlow(member, other, otherMember));
            }
        }
        assertTrue(one.sameFlow(0, other, 0));
        assertEquals(TABLE, one.table(2));
    }

    /** A span vouches for members that are the same flows under the same ids; an unchanged rule is vouched for. */
    @Test
    public void aSpanHoldsExactlyEqualFlowsUnderEqualIds() {
        final ScopeFlows was = ScopeFlows.builder(SCOPE, TABLE)
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, PORT, List.of(tcp(80), tcp(443)), NEXT)
            .flow("10.0.0.1/32", TAG, 132, TAGGED, List.of(tcp(22)), NEXT)
            .rule(FlowId.Name.of("rule=t/g/db"), WEB, 90, TAGGED, List.of(tcp(5432)), NEXT)
            .build();
        final ScopeFlows now = ScopeFlows.builder(SCOPE, TABLE)
            // An equal rule, built anew; a rule added; one whose priority changed; one named as another was.
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, PORT, List.of(tcp(80), tcp(443)), List.copyOf(NEXT))
            .rule(FlowId.Name.of("rule=t/g/added"), WEB, 100, PORT, List.of(tcp(9090)), NEXT)
            .flow("10.0.0.1/32", TAG, 133, TAGGED, List.of(tcp(22)), NEXT)
            .rule(FlowId.Name.of("rule=t/g/db2"), WEB, 90, TAGGED, List.of(tcp(5432)), NEXT)
            .build();
        assertEquals(2, now.sameSpan(0, was, 0));
        assertEquals(1, now.sameSpan(1, was, 1));
        for (int member = 0; member < now.size(); member++) {
            for (int otherMember = 0; otherMember < was.size(); otherMember++) {
                final int span = now.sameSpan(member, was, otherMember);
                assertTrue(member + otherMember + span <= now.size() + was.size());
                for (int offset = 0; offset < span; offset++) {
                    assertEquals(member + " vs " + otherMember + " at " + offset, was.flow(otherMember + offset),
                        now.flow(member + offset));
                }
            }
        }
        // Another scope's rule of the same name is another flow.
        final ScopeFlows elsewhere = ScopeFlows.builder("firewall:from:groups:port=p2", TABLE)
            .rule(FlowId.Name.of("rule=t/g/web"), WEB, 100, PORT, List.of(tcp(80), tcp(443)), NEXT)
            .build();
        assertEquals(0, elsewhere.sameSpan(0, was, 0));
    }
}
