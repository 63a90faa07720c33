/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.pipeline;

import org.edgeplane.isolation.flow.Action;
import org.edgeplane.isolation.flow.FlowMatch;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.flow.Instruction;

/**
 * Rejects a flow that breaks the declared pipeline, so that a compiler bug fails a unit test instead of a switch:
 * a match field its table does not declare, a goto that does not go forward, a cookie of another app or none.
 * The one exception: the isolation app owns the table-miss flow of every stage entry, which hands over to the next
 * stage, so that a stage whose app is absent passes traffic.
 */
public final class PipelineContract {
    private PipelineContract() {
    }

    /**
     * Checks one flow.
     *
     * @throws IllegalArgumentException naming the flow and the broken rule
     */
    public static FlowRecord verify(final FlowRecord flow) {
        final var undeclared = flow.match().fields();
        undeclared.removeAll(flow.table().allowedFields());
        if (!undeclared.isEmpty()) {
            throw new IllegalArgumentException(flow.id() + ": " + flow.table() + " does not declare " + undeclared);
        }
        final boolean handOver = flow.table().isStageEntry() && flow.priority() == Priority.TABLE_MISS
            && (flow.cookie() & Cookies.APP_MASK) == Cookies.appPrefix(Owner.ISOLATION);
        if (!handOver && (flow.cookie() & Cookies.APP_MASK) != Cookies.appPrefix(flow.table().owner())) {
            throw new IllegalArgumentException(flow.id() + ": cookie " + Long.toHexString(flow.cookie())
                + " is not " + flow.table().owner() + "'s");
        }
        // Indexed: this runs for every flow of a compile, and the iterator was a tenth of a firewall compile's garbage.
        final var instructions = flow.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            final Instruction instruction = instructions.get(i);
            if (instruction instanceof Instruction.GotoTable goTo && goTo.table().id() <= flow.table().id()) {
                throw new IllegalArgumentException(flow.id() + ": goto " + goTo.table() + " does not go forward");
            }
            // Open vSwitch refuses a ct action on a flow that is not limited to IP (OFPBAC_MATCH_INCONSISTENT).
            if (instruction instanceof Instruction.ApplyActions apply && !matchesIp(flow.match())
                    && apply.actions().stream().anyMatch(Action.Conntrack.class::isInstance)) {
                throw new IllegalArgumentException(flow.id() + ": conntrack without an IPv4 or IPv6 ethertype match");
            }
        }
        return flow;
    }

    private static boolean matchesIp(final FlowMatch match) {
        final Integer ethType = match.ethType();
        return ethType != null && (ethType == FlowMatch.ETH_IPV4 || ethType == FlowMatch.ETH_IPV6);
    }
}
