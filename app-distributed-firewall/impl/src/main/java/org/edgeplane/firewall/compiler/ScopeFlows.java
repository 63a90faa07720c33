/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.FlowSource;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.core.pipeline.Table;

/**
 * The rule flows of one port (or one network) in one stage, made when read. The flow {@code i} of rule {@code r}
 * is named {@code scope:<r's flow name>:i} and matches the rule's base (the scope's match, with the rule's
 * remote-group bit when it has one) overlaid with the rule's match {@code i}. A single flow added as such (a remote
 * address's tag) is named {@code scope:<name>}. A switch holds thousands of these
 * flows and they differ only in the rule's part of the match, so a compiled result keeps, per scope, what varies
 * by rule, and per flow two array slots in {@link org.edgeplane.core.flow.FlowsById}: the collector no longer
 * copies three objects per flow out of every compile.
 */
final class ScopeFlows implements FlowSource {
    private final String scope;
    private final Table table;
    private final List<FlowId.Name> names;
    /** Per rule, the hash of {@code scope:name}, from which its flows' id hashes follow. */
    private final int[] nameHashes;
    private final long[] cookies;
    private final int[] priorities;
    private final List<FlowMatch> bases;
    private final List<List<FlowMatch>> overlays;
    private final List<List<Instruction>> instructions;
    /** The rules added as single flows, whose one flow is named without an index; null when there are none. */
    private final @Nullable BitSet single;
    /** The member number of each rule's first flow; the last entry is the size. */
    private final int[] firsts;

    private ScopeFlows(final Builder builder) {
        scope = builder.scope;
        table = builder.table;
        names = List.copyOf(builder.names);
        nameHashes = new int[names.size()];
        for (int rule = 0; rule < names.size(); rule++) {
            nameHashes[rule] = FlowId.hashOf(scope, names.get(rule));
        }
        cookies = Arrays.copyOf(builder.cookies, names.size());
        priorities = Arrays.copyOf(builder.priorities, names.size());
        bases = List.copyOf(builder.bases);
        overlays = List.copyOf(builder.overlays);
        instructions = List.copyOf(builder.instructions);
        single = builder.single.isEmpty() ? null : (BitSet) builder.single.clone();
        firsts = new int[names.size() + 1];
        for (int rule = 0; rule < names.size(); rule++) {
            firsts[rule + 1] = firsts[rule] + overlays.get(rule).size();
        }
    }

    static Builder builder(final String scope, final Table table) {
        return new Builder(scope, table);
    }

    /** The member number of flow {@code index} of the {@code rule}-th rule. */
    int member(final int rule, final int index) {
        return firsts[rule] + index;
    }

    int priority(final int rule) {
        return priorities[rule];
    }

    @Override
    public int size() {
        return firsts[names.size()];
    }

    @Override
    public FlowId id(final int member) {
        final int rule = ruleOf(member);
        return idOf(rule, member - firsts[rule]);
    }

    @Override
    public int idHash(final int member) {
        final int rule = ruleOf(member);
        return isSingle(rule) ? nameHashes[rule] : FlowId.hashOf(nameHashes[rule], member - firsts[rule]);
    }

    @Override
    public FlowRecord flow(final int member) {
        final int rule = ruleOf(member);
        final int index = member - firsts[rule];
        return new FlowRecord(idOf(rule, index), table, priorities[rule], cookies[rule],
            bases.get(rule).overlay(overlays.get(rule).get(index)), instructions.get(rule));
    }

    @Override
    public Table table(final int member) {
        if (member < 0 || member >= size()) {
            throw new IndexOutOfBoundsException(member);
        }
        return table;
    }

    /**
     * Two members are equal when their rules' priority, cookie and instructions are, and their base and rule
     * match each are: a recompiled port's flows mostly hold the very matches (interned per compile) and equal
     * instructions of the flows it replaces, so a diff needs not make them. Otherwise the flows are made and
     * compared, as two different splits of one match can lay over to the same match.
     */
    @Override
    public boolean sameFlow(final int member, final FlowSource other, final int otherMember) {
        if (!(other instanceof ScopeFlows that)) {
            return FlowSource.super.sameFlow(member, other, otherMember);
        }
        final int rule = ruleOf(member);
        final int thatRule = that.ruleOf(otherMember);
        if (table != that.table || priorities[rule] != that.priorities[thatRule]
                || cookies[rule] != that.cookies[thatRule]
                || !instructions.get(rule).equals(that.instructions.get(thatRule))) {
            return false;
        }
        final FlowMatch overlay = overlays.get(rule).get(member - firsts[rule]);
        final FlowMatch thatOverlay = that.overlays.get(thatRule).get(otherMember - that.firsts[thatRule]);
        if (overlay.equals(thatOverlay) && bases.get(rule).equals(that.bases.get(thatRule))) {
            return true;
        }
        return bases.get(rule).overlay(overlay).equals(that.bases.get(thatRule).overlay(thatOverlay));
    }

    /**
     * The rest of a rule's members, from {@code member} on, when the other member is at the same index of a rule of
     * the same scope and name that makes the same flows: then every member after it is too, under the same id.
     */
    @Override
    public int sameSpan(final int member, final FlowSource other, final int otherMember) {
        if (!(other instanceof ScopeFlows that)) {
            return 0;
        }
        final int rule = ruleOf(member);
        final int thatRule = that.ruleOf(otherMember);
        final List<FlowMatch> matches = overlays.get(rule);
        final List<FlowMatch> thoseMatches = that.overlays.get(thatRule);
        final boolean same = member - firsts[rule] == otherMember - that.firsts[thatRule]
            && table == that.table && scope.equals(that.scope) && isSingle(rule) == that.isSingle(thatRule)
            && names.get(rule).text().equals(that.names.get(thatRule).text())
            && priorities[rule] == that.priorities[thatRule] && cookies[rule] == that.cookies[thatRule]
            && instructions.get(rule).equals(that.instructions.get(thatRule))
            && bases.get(rule).equals(that.bases.get(thatRule))
            && (matches == thoseMatches || matches.equals(thoseMatches));
        return same ? firsts[rule + 1] - member : 0;
    }

    private FlowId idOf(final int rule, final int index) {
        final String name = names.get(rule).text();
        return isSingle(rule) ? FlowId.of(scope, name) : FlowId.of(scope, name, index);
    }

    private boolean isSingle(final int rule) {
        return single != null && single.get(rule);
    }

    private int ruleOf(final int member) {
        if (member < 0 || member >= size()) {
            throw new IndexOutOfBoundsException(member);
        }
        // The last rule whose first flow is at or before the member; rules without flows share their firsts.
        int found = Arrays.binarySearch(firsts, 0, names.size(), member);
        if (found < 0) {
            return -found - 2;
        }
        while (found + 1 < names.size() && firsts[found + 1] == member) {
            found++;
        }
        return found;
    }

    /** Adds the rules of one scope in order; each is checked against the pipeline contract as it comes. */
    static final class Builder {
        private final String scope;
        private final Table table;
        private final List<FlowId.Name> names = new ArrayList<>();
        private long[] cookies = new long[8];
        private int[] priorities = new int[8];
        private final List<FlowMatch> bases = new ArrayList<>();
        private final List<List<FlowMatch>> overlays = new ArrayList<>();
        private final List<List<Instruction>> instructions = new ArrayList<>();
        private final BitSet single = new BitSet();

        private Builder(final String scope, final Table table) {
            this.scope = scope;
            this.table = table;
        }

        /** Adds a rule's flows: its base match laid under each of its matches. */
        @SuppressWarnings("checkstyle:ParameterNumber")
        Builder rule(final FlowId.Name name, final long cookie, final int priority, final FlowMatch base,
                final List<FlowMatch> matches, final List<Instruction> ruleInstructions) {
            PipelineContract.verify(scope, name.text(), table, priority, cookie, base, matches, ruleInstructions);
            final int rule = names.size();
            if (rule == cookies.length) {
                cookies = Arrays.copyOf(cookies, rule * 2);
                priorities = Arrays.copyOf(priorities, rule * 2);
            }
            names.add(name);
            cookies[rule] = cookie;
            priorities[rule] = priority;
            bases.add(base);
            overlays.add(matches);
            instructions.add(ruleInstructions);
            return this;
        }

        /** Adds one flow, named {@code scope:name}: {@code base} overlaid with the one match of {@code match}. */
        @SuppressWarnings("checkstyle:ParameterNumber")
        Builder flow(final String name, final long cookie, final int priority, final FlowMatch base,
                final List<FlowMatch> match, final List<Instruction> flowInstructions) {
            if (match.size() != 1) {
                throw new IllegalArgumentException("one flow has one match, not " + match.size());
            }
            single.set(names.size());
            return rule(FlowId.Name.of(name), cookie, priority, base, match, flowInstructions);
        }

        ScopeFlows build() {
            return new ScopeFlows(this);
        }
    }
}
