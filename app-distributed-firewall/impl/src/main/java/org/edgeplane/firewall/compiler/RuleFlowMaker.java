/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowsById;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.compiler.ResolvedRules.Resolved;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * Turns a list of resolved rules into one scope's flows (a port's security groups, a network's policy) on one
 * switch, as a {@link ScopeFlows} whose members go into the part being compiled. A remote group with a tag bit costs
 * one flow per rule match; one without (more groups than bits) lists its members' addresses in the rule, once per
 * rule and network on the switch. No two flows of a scope are ones a switch would merge.
 */
final class RuleFlowMaker {
    /**
     * A rule flow already emitted on top of one base match (a port's or a network's): the same priority, the same
     * rule match and the same tag bit would make a flow the switch merges with it. Rule matches are interned (per
     * compile by {@link ResolvedRules}, and per switch for listed members), so they compare by identity.
     */
    private record Emitted(int priority, FlowMatch common, long bit) {
        @Override
        public boolean equals(final Object obj) {
            return obj instanceof Emitted other && other.priority == priority && other.common == common
                && other.bit == bit;
        }

        @Override
        public int hashCode() {
            return (31 * priority + System.identityHashCode(common)) * 31 + Long.hashCode(bit);
        }
    }

    /**
     * The part of a resolved rule's flows that does not depend on the port: one match per remote address and port
     * mask, plus the remote group's tag bit. Shared by every port's flows, which is what keeps a full compile
     * cheap: a switch's ports differ only in the port field.
     */
    private record RuleFlows(long groupBit, List<FlowMatch> matches, boolean listsMembers) {
    }

    /**
     * Where one port's (or one network's) rule flows go: the prefix of their ids, the match they extend (with a
     * remote group's tag bit when the rule has one), the stage and table, and which flows it
     * already holds.
     */
    static final class RuleScope {
        private final String idPrefix;
        private final FlowMatch base;
        private final Stage stage;
        private final Table table;
        private final Map<Long, FlowMatch> tagged = new HashMap<>();
        /** The flows made so far, kept only where a rule lists a group's members: elsewhere the rule list knows. */
        private @Nullable Set<Emitted> emitted;

        RuleScope(final String idPrefix, final FlowMatch base, final Stage stage, final Table table) {
            this.idPrefix = idPrefix;
            this.base = base;
            this.stage = stage;
            this.table = table;
        }

        /** Whether this flow is new to the scope, remembering it. */
        boolean firstTime(final Emitted flow) {
            if (emitted == null) {
                emitted = new HashSet<>();
            }
            return emitted.add(flow);
        }

        FlowMatch base(final long groupBit) {
            return groupBit == 0 ? base : tagged.computeIfAbsent(groupBit, bit -> base.toBuilder()
                .metadata(orZero(base.metadata()) | bit, orZero(base.metadataMask()) | bit).build());
        }
    }

    private final ResolvedRules resolvedRules;
    private final Membership members;
    /** The flows of remote-group rules whose group has no tag bit here, per rule and network. */
    private final Map<Resolved, Map<String, RuleFlows>> memberListed = new IdentityHashMap<>();
    /** Matches made here that no rule shares, one instance each, so that equal ones compare by identity. */
    private final Map<FlowMatch, FlowMatch> switchMatches = new HashMap<>();

    RuleFlowMaker(final ResolvedRules resolvedRules, final Membership members) {
        this.resolvedRules = resolvedRules;
        this.members = members;
    }

    /** Adds the flows of {@code rules} in a network, tagged with {@code bits}, to {@code flows}, in rule order. */
    void add(final FlowsById.Builder flows, final RuleScope scope, final StageRules rules, final Network network,
            final Map<GroupKey, Long> bits, final ToIntFunction<LabelledRule> priority,
            final Function<LabelledRule, List<Instruction>> instructions) {
        compileRules(flows, scope, rules, ruleFlows(scope.stage, rules, network, bits), priority, instructions);
    }

    /** A scope's rule flows, as one {@link ScopeFlows}. */
    private static void compileRules(final FlowsById.Builder flows, final RuleScope scope, final StageRules rules,
            final List<RuleFlows> byRule, final ToIntFunction<LabelledRule> priority,
            final Function<LabelledRule, List<Instruction>> instructions) {
        final var scopeFlows = ScopeFlows.builder(scope.idPrefix, scope.table);
        for (int i = 0; i < byRule.size(); i++) {
            final Resolved resolved = rules.resolved().get(i);
            scopeFlows.rule(resolved.flowName(), resolved.rule().cookie(), priority.applyAsInt(resolved.rule()),
                scope.base(byRule.get(i).groupBit()), byRule.get(i).matches(), instructions.apply(resolved.rule()));
        }
        addMembers(flows, scope, scopeFlows.build(), rules, byRule);
    }

    /**
     * The scope's flows, none that a switch would merge: those the rule list knows to repeat an earlier rule's are
     * left out or, where a rule lists a group's members (the list cannot know those), those the scope already has.
     */
    private static void addMembers(final FlowsById.Builder flows, final RuleScope scope,
            final ScopeFlows scopeFlows, final StageRules rules, final List<RuleFlows> byRule) {
        final boolean listsMembers = byRule.stream().anyMatch(RuleFlows::listsMembers);
        for (int rule = 0; rule < byRule.size(); rule++) {
            final RuleFlows ruleFlows = byRule.get(rule);
            final BitSet repeated = rules.repeated().get(rule);
            for (int index = 0; index < ruleFlows.matches().size(); index++) {
                if (listsMembers ? scope.firstTime(new Emitted(scopeFlows.priority(rule),
                        ruleFlows.matches().get(index), ruleFlows.groupBit())) : !repeated.get(index)) {
                    flows.add(scopeFlows, scopeFlows.member(rule, index));
                }
            }
        }
    }

    /** The flows of each rule of a list in a network, in the list's order. */
    private List<RuleFlows> ruleFlows(final Stage stage, final StageRules rules, final Network network,
            final Map<GroupKey, Long> bits) {
        final var byRule = new ArrayList<RuleFlows>(rules.resolved().size());
        for (Resolved resolved : rules.resolved()) {
            byRule.add(ruleFlows(stage, resolved, network, bits));
        }
        return byRule;
    }

    /** A rule's flows in a network: its own matches, tagged with its remote group's bit if the group has one. */
    private RuleFlows ruleFlows(final Stage stage, final Resolved resolved, final Network network,
            final Map<GroupKey, Long> bits) {
        final String remoteGroup = resolved.selector().remoteGroup();
        if (remoteGroup == null) {
            return new RuleFlows(0, resolved.matches(), false);
        }
        final GroupKey group = new GroupKey(network.tenantId(), remoteGroup);
        final Long bit = bits.get(group);
        if (bit != null) {
            return new RuleFlows(bit, resolved.matches(), false);
        }
        // More groups than tag bits: this group's members are listed in the rule itself.
        return memberListed.computeIfAbsent(resolved, key -> new HashMap<>()).computeIfAbsent(network.id(),
            key -> new RuleFlows(0, ResolvedRules.matches(stage, resolved.selector(), members.prefixes(group,
                network.id()).stream().filter(prefix -> prefix.contains(":") == resolved.selector().ipv6())
                .<@Nullable String>map(prefix -> prefix).toList(), match -> switchMatches.computeIfAbsent(
                    resolvedRules.interned(match), interned -> interned)), true));
    }

    private static long orZero(final @Nullable Long value) {
        return value == null ? 0 : value;
    }
}
