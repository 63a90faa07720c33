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
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.IpMatch.PortMask;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.intent.PolicyRule;

/**
 * How each rule of one compile applies in each stage, on each profile it meets: resolved once, before the switches
 * compile, and then only read by them (they compile in parallel). A tenant's rules reach every switch that hosts
 * one of its ports; resolving them there made a full compile build the same selectors, port masks and matches once
 * per switch. Equal rule matches are one instance, so a switch tells them apart by identity.
 */
final class ResolvedRules {
    /**
     * A rule resolved for one stage.
     *
     * @param rule the rule
     * @param selector its fields on this profile
     * @param mirror whether this is the return path a stateless switch allows
     * @param matches its flows' matches without the port and the remote-group tag: one per remote address and
     *        port mask (the remote address is the rule's prefix, or none)
     */
    record Resolved(LabelledRule rule, Selector selector, boolean mirror, List<FlowMatch> matches) {
        /** What names its flows within a port's or network's scope. */
        FlowId.Name flowName() {
            return mirror ? rule.returnFlowName() : rule.flowName();
        }
    }

    /** How a rule applies in a stage: resolved, not at all (the other direction), or why it cannot. */
    private record Resolution(@Nullable Resolved resolved, @Nullable String problem) {
    }

    /** A rule a switch of the profile cannot match, and why. */
    record RuleProblem(LabelledRule rule, String problem) {
    }

    /**
     * A list of rules in one stage on one profile: those that apply, in order, and those that cannot, and the
     * remote groups the rules that apply name (sorted, each once).
     * {@code repeated} holds, per resolved rule, the indexes of its matches that an earlier rule of the list already
     * has with the same priority and remote group: a switch would merge the two flows, so only the first is made.
     */
    record StageRules(List<Resolved> resolved, List<BitSet> repeated, List<RuleProblem> problems,
            List<String> remoteGroups) {
        StageRules(final List<Resolved> resolved, final List<BitSet> repeated, final List<RuleProblem> problems) {
            this(resolved, repeated, problems, resolved.stream().map(rule -> rule.selector().remoteGroup())
                .filter(Objects::nonNull).distinct().sorted().toList());
        }
    }

    /** A flow a rule list makes on top of one port or network match, before the remote group's bit is known. */
    private record ListFlow(int priority, FlowMatch match, @Nullable String remoteGroup) {
        @Override
        public boolean equals(final @Nullable Object obj) {
            // Rule matches are interned, so identity tells them apart.
            return obj instanceof ListFlow other && other.priority == priority && other.match == match
                && Objects.equals(other.remoteGroup, remoteGroup);
        }

        @Override
        public int hashCode() {
            return (31 * priority + System.identityHashCode(match)) * 31 + Objects.hashCode(remoteGroup);
        }
    }

    private record SelectorKey(Stage stage, Selector selector) {
    }

    private static final Resolution NOT_HERE = new Resolution(null, null);
    private static final BitSet NONE_REPEATED = new BitSet();
    private static final int PROFILES = 2;
    private static final int SLOTS = Stage.values().length * PROFILES;
    /** Matches the caches may hold before they start afresh: bounds what rules deleted long ago leave behind. */
    static final int CACHE_LIMIT = 1_000_000;

    /**
     * Per rule list, indexed by {@link #index}. Rule lists are shared instances (a port's list is its group set's),
     * so identity tells them apart.
     */
    private final Map<List<LabelledRule>, StageRules[]> byList = new IdentityHashMap<>();
    private final Map<FlowMatch, FlowMatch> interned;
    private final Map<SelectorKey, List<FlowMatch>> matchesBySelector;
    private final List<Map<String, List<FlowMatch>>> remotes;

    /** Nothing resolved yet; {@link #resolveMissing} resolves lists as switches come to use them. */
    ResolvedRules() {
        interned = new ConcurrentHashMap<>();
        matchesBySelector = new ConcurrentHashMap<>();
        remotes = Arrays.stream(Stage.values()).<Map<String, List<FlowMatch>>>map(stage -> new ConcurrentHashMap<>())
            .toList();
    }

    /** Resolves each rule list for both stages of the profiles of the switches that use it. */
    ResolvedRules(final Map<List<LabelledRule>, Set<SwitchProfile>> profilesByList) {
        this();
        resolveMissing(profilesByList);
    }

    /**
     * Resolves the lists not resolved yet for these profiles; a list resolved before keeps its resolution, and
     * every match keeps its one instance from round to round (a scope's rule flows compare matches by identity).
     * Rules are resolved in parallel, each once however many lists hold it.
     */
    void resolveMissing(final Map<List<LabelledRule>, Set<SwitchProfile>> profilesByList) {
        final Map<List<LabelledRule>, Set<SwitchProfile>> missing = new IdentityHashMap<>();
        profilesByList.forEach((list, profiles) -> {
            final StageRules[] known = byList.get(list);
            for (SwitchProfile profile : profiles) {
                if (known == null || known[index(Stage.values()[0], profile == SwitchProfile.OVS)] == null) {
                    missing.computeIfAbsent(list, key -> EnumSet.noneOf(SwitchProfile.class)).add(profile);
                }
            }
        });
        if (!missing.isEmpty()) {
            resolve(missing);
        }
    }

    /** Drops a list no switch uses any more. */
    void forget(final List<LabelledRule> list) {
        byList.remove(list);
    }

    /**
     * Whether the caches hold more than {@link #CACHE_LIMIT} matches: rules deleted long ago leave theirs behind,
     * so the compiler then starts afresh. Parts compiled earlier stay valid: each is consistent within itself.
     */
    boolean overLimit() {
        return interned.size() > CACHE_LIMIT;
    }

    private void resolve(final Map<List<LabelledRule>, Set<SwitchProfile>> profilesByList) {
        final Map<LabelledRule, Set<SwitchProfile>> profilesByRule = new IdentityHashMap<>();
        profilesByList.forEach((list, profiles) -> list.forEach(rule -> profilesByRule.computeIfAbsent(rule,
            key -> EnumSet.noneOf(SwitchProfile.class)).addAll(profiles)));
        final List<LabelledRule> rules = List.copyOf(profilesByRule.keySet());
        final List<Resolution[]> resolutions = rules.parallelStream().map(rule -> {
            final var slots = new Resolution[SLOTS];
            for (SwitchProfile profile : profilesByRule.get(rule)) {
                final boolean stateful = profile == SwitchProfile.OVS;
                for (Stage stage : Stage.values()) {
                    slots[index(stage, stateful)] = resolveRule(stage, rule, stateful);
                }
            }
            return slots;
        }).toList();
        final Map<LabelledRule, Resolution[]> byRule = new IdentityHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byRule.put(rules.get(i), resolutions.get(i));
        }
        final List<List<LabelledRule>> lists = List.copyOf(profilesByList.keySet());
        final List<StageRules[]> resolvedLists = lists.parallelStream().map(list -> {
            final var slots = new StageRules[SLOTS];
            for (SwitchProfile profile : profilesByList.get(list)) {
                for (Stage stage : Stage.values()) {
                    final int slot = index(stage, profile == SwitchProfile.OVS);
                    slots[slot] = resolveList(list, byRule, slot);
                }
            }
            return slots;
        }).toList();
        for (int i = 0; i < lists.size(); i++) {
            final StageRules[] fresh = resolvedLists.get(i);
            final StageRules[] known = byList.get(lists.get(i));
            if (known == null) {
                byList.put(lists.get(i), fresh);
            } else {
                for (int slot = 0; slot < SLOTS; slot++) {
                    if (fresh[slot] != null) {
                        known[slot] = fresh[slot];
                    }
                }
            }
        }
    }

    /** Both stages of each of these lists, as a switch of this profile applies them. */
    List<StageRules> stagesOf(final List<List<LabelledRule>> lists, final SwitchProfile profile) {
        final var stages = new ArrayList<StageRules>(lists.size() * Stage.values().length);
        for (List<LabelledRule> list : lists) {
            for (Stage stage : Stage.values()) {
                stages.add(of(list, stage, profile == SwitchProfile.OVS));
            }
        }
        return stages;
    }

    /** The label of each rule that installs, by its cookie. */
    static Map<Long, String> labelsByCookie(final Collection<List<StageRules>> stages) {
        final var labels = new HashMap<Long, String>();
        stages.forEach(list -> list.forEach(rules -> rules.resolved().forEach(resolved -> labels.put(
            resolved.rule().cookie(), resolved.rule().label()))));
        return labels;
    }

    /** How a rule list applies in a stage on a switch of a profile it was resolved for. */
    StageRules of(final List<LabelledRule> rules, final Stage stage, final boolean stateful) {
        final StageRules[] lists = byList.get(rules);
        final StageRules resolved = lists == null ? null : lists[index(stage, stateful)];
        if (resolved == null) {
            throw new IllegalStateException("rules " + rules + " were not resolved for " + stage);
        }
        return resolved;
    }

    private static StageRules resolveList(final List<LabelledRule> rules,
            final Map<LabelledRule, Resolution[]> byRule, final int slot) {
        final var resolved = new ArrayList<Resolved>(rules.size());
        final var repeated = new ArrayList<BitSet>(rules.size());
        final var problems = new ArrayList<RuleProblem>();
        final var made = new HashSet<ListFlow>();
        for (LabelledRule rule : rules) {
            final Resolution resolution = byRule.get(rule)[slot];
            final Resolved applied = resolution.resolved();
            if (applied != null) {
                BitSet again = NONE_REPEATED;
                for (int i = 0; i < applied.matches().size(); i++) {
                    if (!made.add(new ListFlow(rule.priority(), applied.matches().get(i),
                            applied.selector().remoteGroup()))) {
                        again = again == NONE_REPEATED ? new BitSet() : again;
                        again.set(i);
                    }
                }
                resolved.add(applied);
                repeated.add(again);
            } else if (resolution.problem() != null) {
                problems.add(new RuleProblem(rule, resolution.problem()));
            }
        }
        return new StageRules(List.copyOf(resolved), List.copyOf(repeated), List.copyOf(problems));
    }

    /**
     * The match of a remote address in a stage, as a list of one, one instance per compile: every switch that hosts
     * a network tags its members' addresses.
     */
    List<FlowMatch> remote(final Stage stage, final String prefix) {
        return remotes.get(stage.ordinal()).computeIfAbsent(prefix, key -> {
            final var match = FlowMatch.builder();
            stage.remote(match, key.contains(":"), key);
            return List.of(match.build());
        });
    }

    /** The one instance of the rules' matches equal to this one, or the match itself when no rule has it. */
    FlowMatch interned(final FlowMatch match) {
        return interned.getOrDefault(match, match);
    }

    private static int index(final Stage stage, final boolean stateful) {
        return stage.ordinal() * PROFILES + (stateful ? 1 : 0);
    }

    private Resolution resolveRule(final Stage stage, final LabelledRule rule, final boolean stateful) {
        final Selector selector;
        final boolean mirror;
        try {
            if (stage.direction.equals(rule.match().direction())) {
                selector = Selector.of(rule.match(), stateful);
                mirror = false;
            } else if (!stateful && PolicyRule.ALLOW.equals(rule.action())) {
                selector = Selector.mirrorOf(rule.match(), false);
                mirror = true;
            } else {
                return NOT_HERE;
            }
        } catch (Selector.Unsupported e) {
            return new Resolution(null, e.getMessage());
        }
        if (selector == null) {
            return NOT_HERE;
        }
        // Tenants often write the same rules (a default group, "allow ssh"): their matches are built once.
        final List<FlowMatch> matches = matchesBySelector.computeIfAbsent(new SelectorKey(stage, selector),
            key -> matches(stage, selector, Collections.singletonList(selector.remotePrefix()), match -> {
                final FlowMatch known = interned.putIfAbsent(match, match);
                return known != null ? known : match;
            }));
        return new Resolution(new Resolved(rule, selector, mirror, matches), null);
    }

    /**
     * A selector's matches, one per remote address (null: any) and port mask, each passed through {@code intern}.
     */
    static List<FlowMatch> matches(final Stage stage, final Selector selector, final List<@Nullable String> remotes,
            final UnaryOperator<FlowMatch> intern) {
        final var matches = new ArrayList<FlowMatch>();
        for (String remote : remotes) {
            for (PortMask dst : Selector.alternatives(selector.dstPorts())) {
                for (PortMask src : Selector.alternatives(selector.srcPorts())) {
                    final FlowMatch.Builder match = FlowMatch.builder();
                    match.ip(selector.ipv6() ? FlowMatch.ETH_IPV6 : FlowMatch.ETH_IPV4);
                    if (remote != null) {
                        stage.remote(match, selector.ipv6(), remote);
                    }
                    if (selector.proto() != null) {
                        match.ipProto(selector.proto());
                        if (dst != null || src != null) {
                            match.ports(src, dst);
                        }
                        if (selector.icmpType() != null || selector.icmpCode() != null) {
                            match.icmp(selector.icmpType(), selector.icmpCode());
                        }
                    }
                    matches.add(intern.apply(match.build()));
                }
            }
        }
        return List.copyOf(matches);
    }
}
