/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.isolation.flow.FlowMatch;
import org.edgeplane.isolation.flow.IpMatch.PortMask;

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
        String flowName() {
            return mirror ? rule.returnFlowName() : rule.flowName();
        }
    }

    /** How a rule applies in a stage: resolved, not at all (the other direction), or why it cannot. */
    record Resolution(@Nullable Resolved resolved, @Nullable String problem) {
    }

    private static final Resolution NOT_HERE = new Resolution(null, null);
    private static final int PROFILES = 2;

    /** Per rule, indexed by {@link #index}; rules are shared instances, so identity tells them apart. */
    private final Map<LabelledRule, Resolution[]> byRule = new IdentityHashMap<>();
    private final Map<FlowMatch, FlowMatch> interned = new HashMap<>();

    /** Resolves the rules for both stages of a profile; a rule added again for the same profile costs a lookup. */
    void add(final List<LabelledRule> rules, final boolean stateful) {
        for (LabelledRule rule : rules) {
            final Resolution[] resolutions = byRule.computeIfAbsent(rule,
                key -> new Resolution[Stage.values().length * PROFILES]);
            for (Stage stage : Stage.values()) {
                final int index = index(stage, stateful);
                if (resolutions[index] == null) {
                    resolutions[index] = resolve(stage, rule, stateful);
                }
            }
        }
    }

    /** How an {@link #add added} rule applies in a stage on a switch of the profile it was added for. */
    Resolution of(final LabelledRule rule, final Stage stage, final boolean stateful) {
        final Resolution[] resolutions = byRule.get(rule);
        final Resolution resolution = resolutions == null ? null : resolutions[index(stage, stateful)];
        if (resolution == null) {
            throw new IllegalStateException(rule.label() + " was not resolved for " + stage);
        }
        return resolution;
    }

    /** The one instance of the rules' matches equal to this one, or the match itself when no rule has it. */
    FlowMatch interned(final FlowMatch match) {
        return interned.getOrDefault(match, match);
    }

    private static int index(final Stage stage, final boolean stateful) {
        return stage.ordinal() * PROFILES + (stateful ? 1 : 0);
    }

    private Resolution resolve(final Stage stage, final LabelledRule rule, final boolean stateful) {
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
        final List<FlowMatch> matches = matches(stage, selector,
            Collections.singletonList(selector.remotePrefix()), match -> interned.computeIfAbsent(match, key -> key));
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
