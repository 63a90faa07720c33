/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Priority;
import org.edgeplane.core.pipeline.Table;

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
        verifyMatch(flow::id, flow.table(), flow.match());
        verifyRest(flow::id, flow.table(), flow.priority(), flow.cookie(), flow.instructions());
        if (hasConntrack(flow.instructions()) && !matchesIp(flow.match(), null)) {
            throw conntrackWithoutIp(flow::id);
        }
        return flow;
    }

    /**
     * Checks flows that share all but part of their match, as {@link #verify(FlowRecord)} checks each flow that
     * matches {@code base} overlaid with one of {@code overlays}, without making the flows.
     *
     * @param scope what the flows' ids start with, for the message
     * @param name what follows it, for the message
     * @throws IllegalArgumentException naming the flows and the broken rule
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static void verify(final String scope, final String name, final Table table, final int priority,
            final long cookie, final FlowMatch base, final List<FlowMatch> overlays,
            final List<Instruction> instructions) {
        final Supplier<String> family = () -> scope + ":" + name;
        verifyMatch(family, table, base);
        verifyRest(family, table, priority, cookie, instructions);
        final boolean conntrack = hasConntrack(instructions);
        for (int i = 0; i < overlays.size(); i++) {
            final FlowMatch overlay = overlays.get(i);
            verifyMatch(family, table, overlay);
            if (conntrack && !matchesIp(overlay, base)) {
                throw conntrackWithoutIp(family);
            }
        }
    }

    private static void verifyMatch(final Supplier<String> what, final Table table, final FlowMatch match) {
        if (!match.usesOnly(table.allowedFields())) {
            final var undeclared = match.fields();
            undeclared.removeAll(table.allowedFields());
            throw new IllegalArgumentException(what.get() + ": " + table + " does not declare " + undeclared);
        }
    }

    private static void verifyRest(final Supplier<String> what, final Table table, final int priority,
            final long cookie, final List<Instruction> instructions) {
        final boolean handOver = table.isStageEntry() && priority == Priority.TABLE_MISS
            && (cookie & Cookies.APP_MASK) == Cookies.appPrefix(Owner.ISOLATION);
        if (!handOver && (cookie & Cookies.APP_MASK) != Cookies.appPrefix(table.owner())) {
            throw new IllegalArgumentException(what.get() + ": cookie " + Long.toHexString(cookie) + " is not "
                + table.owner() + "'s");
        }
        // Indexed: this runs for every flow of a compile, where an iterator per flow was a tenth of the garbage.
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i) instanceof Instruction.GotoTable goTo && goTo.table().id() <= table.id()) {
                throw new IllegalArgumentException(what.get() + ": goto " + goTo.table() + " does not go forward");
            }
        }
    }

    private static boolean hasConntrack(final List<Instruction> instructions) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i) instanceof Instruction.ApplyActions apply) {
                final List<Action> actions = apply.actions();
                for (int j = 0; j < actions.size(); j++) {
                    if (actions.get(j) instanceof Action.Conntrack) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Open vSwitch refuses a ct action on a flow that is not limited to IP (OFPBAC_MATCH_INCONSISTENT). */
    private static IllegalArgumentException conntrackWithoutIp(final Supplier<String> what) {
        return new IllegalArgumentException(what.get() + ": conntrack without an IPv4 or IPv6 ethertype match");
    }

    /** Whether the match, laid over {@code base} when there is one, is limited to IPv4 or IPv6. */
    private static boolean matchesIp(final FlowMatch match, final @Nullable FlowMatch base) {
        final Integer ethType = match.ethType() != null || base == null ? match.ethType() : base.ethType();
        return ethType != null && (ethType == FlowMatch.ETH_IPV4 || ethType == FlowMatch.ETH_IPV6);
    }
}
