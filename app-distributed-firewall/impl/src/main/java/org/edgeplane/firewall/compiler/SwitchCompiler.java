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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.firewall.compiler.FirewallCompiler.GovernedPort;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.compiler.FirewallCompiler.Membership;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;
import org.edgeplane.isolation.flow.Action;
import org.edgeplane.isolation.flow.ConntrackMatch;
import org.edgeplane.isolation.flow.FlowMatch;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.flow.Instruction;
import org.edgeplane.isolation.flow.IpMatch;
import org.edgeplane.isolation.flow.IpMatch.PortMask;
import org.edgeplane.isolation.intent.Addresses;
import org.edgeplane.isolation.intent.Network;
import org.edgeplane.isolation.intent.SwitchProfile;
import org.edgeplane.isolation.pipeline.Cookies;
import org.edgeplane.isolation.pipeline.Cookies.ObjectKind;
import org.edgeplane.isolation.pipeline.Metadata;
import org.edgeplane.isolation.pipeline.Owner;
import org.edgeplane.isolation.pipeline.PipelineContract;
import org.edgeplane.isolation.pipeline.Table;

/**
 * One switch's firewall tables. Per stage (leaving a port, reaching a port):
 * <ol>
 *   <li>entry: a governed port's IPv4/IPv6 goes through conntrack in its network's zone for the stage (ovs), or
 *       straight to the rules (of13); IPv6 neighbour discovery passes; everything else is not the firewall's;</li>
 *   <li>state (ovs): replies and related traffic of a connection that is not blocked pass; new connections and
 *       the original direction of established ones are judged again, so a removed rule cuts its connections;</li>
 *   <li>remote: the other end's address is tagged with the remote groups it is in (one metadata bit per group),
 *       so a remote-group rule costs one flow per member plus one per rule, not their product;</li>
 *   <li>policy: the tenant's ordered rules, first match wins (allow, deny/reject, pass to the groups);</li>
 *   <li>groups: the port's security-group allow rules;</li>
 *   <li>deny: counted per port; an established connection is marked blocked, so its replies stop too.</li>
 * </ol>
 * An allowed frame is committed to conntrack (ovs) and handed to the next stage of the pipeline.
 */
final class SwitchCompiler {
    static final int PRIORITY_ND = 150;
    static final int PRIORITY_PORT = 100;
    static final int PRIORITY_BLOCKED = 300;
    static final int PRIORITY_INVALID = 200;
    static final int PRIORITY_RETURN = 100;
    static final int PRIORITY_JUDGE = 50;
    static final int PRIORITY_REMOTE = 100;
    static final int PRIORITY_POLICY_BASE = 20_000;
    static final int PRIORITY_ALLOW = 100;
    static final int PRIORITY_DENY_ESTABLISHED = 100;
    static final int PRIORITY_DENY = 50;
    static final long BLOCKED = 1;
    private static final int[] NEIGHBOUR_DISCOVERY = {133, 134, 135, 136};

    /** Flows a switch would merge: same table, priority and match. */
    private record FlowKey(Table table, int priority, FlowMatch match) {
    }

    /**
     * The part of a resolved rule's flows that does not depend on the port: one match per remote address and port
     * mask, plus the remote group's tag bit. Built once per rule, stage and network, and shared by every port's
     * flows, which is what keeps a full compile cheap: a switch's ports differ only in the port field.
     */
    private record RuleFlows(long groupBit, List<FlowMatch> matches) {
    }

    private final String switchId;
    private final boolean stateful;
    private final List<GovernedPort> ports;
    private final FirewallIntent firewall;
    private final Membership members;
    private final Map<String, Integer> zones;
    private final long switchCookie;
    private final Map<String, FlowRecord> flows;
    private final Map<Resolved, Map<String, RuleFlows>> ruleFlows = new IdentityHashMap<>();
    private final Map<Long, String> ruleByCookie = new HashMap<>();
    private final Map<Long, String> portByCookie = new HashMap<>();
    private final Set<String> problems = new TreeSet<>();
    private final Map<Stage, Map<LabelledRule, Resolution>> resolutions = new EnumMap<>(Stage.class);

    SwitchCompiler(final String switchId, final SwitchProfile profile, final List<GovernedPort> ports,
            final FirewallIntent firewall, final Membership members, final Map<String, Integer> zones) {
        this.switchId = switchId;
        stateful = profile == SwitchProfile.OVS;
        this.ports = List.copyOf(ports);
        this.firewall = firewall;
        this.members = members;
        this.zones = zones;
        switchCookie = Cookies.of(Owner.FIREWALL, ObjectKind.SWITCH, switchId);
        // Sized for a few dozen flows per port, so that a large switch's table is not rehashed as it fills.
        flows = new HashMap<>(Math.max(64, ports.size() * 96));
    }

    Map<String, FlowRecord> compile() {
        for (Stage stage : Stage.values()) {
            compileEntry(stage);
            if (stateful) {
                compileState(stage);
            }
            final var rulesByPort = new LinkedHashMap<GovernedPort, List<Resolved>>();
            for (GovernedPort port : ports) {
                rulesByPort.put(port, resolve(stage, port.groupRules(), port.id()));
            }
            final var policyByNetwork = new TreeMap<String, List<Resolved>>();
            final var networks = new TreeMap<String, Network>();
            for (GovernedPort port : ports) {
                networks.put(port.network().id(), port.network());
            }
            networks.values().forEach(network -> policyByNetwork.put(network.id(), resolve(stage,
                policyRules(network.tenantId()), network.id())));
            final Map<String, Map<GroupKey, Long>> bits = remoteGroupBits(networks, rulesByPort, policyByNetwork);
            compileRemote(stage, networks, bits);
            networks.values().forEach(network -> compilePolicy(stage, network, policyByNetwork.get(network.id()),
                bits.get(network.id())));
            rulesByPort.forEach((port, rules) -> compileGroups(stage, port, rules, bits.get(port.network().id())));
            ports.forEach(port -> compileDeny(stage, port));
            compileMisses(stage);
        }
        return flows();
    }

    String switchId() {
        return switchId;
    }

    Map<String, FlowRecord> flows() {
        return Collections.unmodifiableMap(flows);
    }

    Map<Long, String> ruleByCookie() {
        return ruleByCookie;
    }

    Map<Long, String> portByCookie() {
        return portByCookie;
    }

    Set<String> problems() {
        return problems;
    }

    /** A rule resolved for this stage; {@code mirror} marks the return path a stateless switch allows. */
    private record Resolved(LabelledRule rule, Selector selector, boolean mirror) {
    }

    private List<LabelledRule> policyRules(final String tenantId) {
        final var rules = new ArrayList<LabelledRule>();
        for (PolicyRule rule : firewall.policyOf(tenantId)) {
            rules.add(new LabelledRule(rule.label(), rule.match(), rule.action(), rule.priority()));
        }
        return rules;
    }

    /** The rules of a stage: those of its direction, and on stateless switches the mirrors of allow rules. */
    private List<Resolved> resolve(final Stage stage, final List<LabelledRule> rules, final String where) {
        final var resolved = new ArrayList<Resolved>();
        final Map<LabelledRule, Resolution> known = resolutions.computeIfAbsent(stage, key -> new HashMap<>());
        for (LabelledRule rule : rules) {
            // Ports share their groups' rules: each rule is resolved once per stage.
            final Resolution resolution = known.computeIfAbsent(rule, key -> resolution(stage, key));
            if (resolution.resolved() != null) {
                resolved.add(resolution.resolved());
            } else if (resolution.problem() != null) {
                problems.add(rule.label() + " on " + switchId + " (" + where + "): " + resolution.problem()
                    + "; not installed there");
            }
        }
        return resolved;
    }

    /** How a rule applies in a stage: as a selector, not at all (other direction), or why it cannot. */
    private record Resolution(@Nullable Resolved resolved, @Nullable String problem) {
    }

    private Resolution resolution(final Stage stage, final LabelledRule rule) {
        try {
            if (stage.direction.equals(rule.match().direction())) {
                return new Resolution(new Resolved(rule, Selector.of(rule.match(), stateful), false), null);
            }
            if (!stateful && PolicyRule.ALLOW.equals(rule.action())) {
                final Selector mirror = Selector.mirrorOf(rule.match(), false);
                return new Resolution(mirror == null ? null : new Resolved(rule, mirror, true), null);
            }
            return new Resolution(null, null);
        } catch (Selector.Unsupported e) {
            return new Resolution(null, e.getMessage());
        }
    }

    private void compileEntry(final Stage stage) {
        for (int type : NEIGHBOUR_DISCOVERY) {
            add(stage, "entry", "nd=" + type, stage.entry, PRIORITY_ND, switchCookie, FlowMatch.builder()
                .ip(FlowMatch.ETH_IPV6).ipProto(IpMatch.ICMPV6).icmp(type, null).build(), toNextStage(stage));
        }
        for (GovernedPort port : ports) {
            final long cookie = Cookies.of(Owner.FIREWALL, ObjectKind.PORT, port.id());
            for (int ethType : new int[] {FlowMatch.ETH_IPV4, FlowMatch.ETH_IPV6}) {
                final List<Instruction> instructions = stateful
                    ? List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(port.network()),
                        false, stage.state, null))))
                    : List.of(new Instruction.GotoTable(stage.remote));
                add(stage, "entry", "port=" + port.id() + ":" + ethLabel(ethType), stage.entry, PRIORITY_PORT,
                    cookie, stage.port(port.ofPort()).ip(ethType).build(), instructions);
            }
        }
    }

    private void compileState(final Stage stage) {
        add(stage, "state", "blocked", stage.state, PRIORITY_BLOCKED, switchCookie, FlowMatch.builder()
            .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED, 0).withMark(BLOCKED, BLOCKED)).build(),
            List.of(new Instruction.GotoTable(stage.deny)));
        add(stage, "state", "invalid", stage.state, PRIORITY_INVALID, switchCookie, FlowMatch.builder()
            .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.INVALID, 0)).build(),
            List.of(new Instruction.GotoTable(stage.deny)));
        add(stage, "state", "reply", stage.state, PRIORITY_RETURN, switchCookie, FlowMatch.builder()
            .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED
                | ConntrackMatch.REPLY, 0).withMark(0, BLOCKED)).build(), toNextStage(stage));
        add(stage, "state", "related", stage.state, PRIORITY_RETURN, switchCookie, FlowMatch.builder()
            .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.RELATED, 0)
                .withMark(0, BLOCKED)).build(), toNextStage(stage));
        add(stage, "state", "judge", stage.state, PRIORITY_JUDGE, switchCookie, FlowMatch.builder()
            .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED, 0)).build(),
            List.of(new Instruction.GotoTable(stage.remote)));
    }

    /**
     * Per network, one tag bit per remote group that rules of the network's ports or of its tenant's policy
     * reference, up to the bits metadata has. Every flow that sets or reads the bits also matches the network (a
     * port implies its network), so networks reuse the same bits: a switch that hosts many tenants still tags every
     * referenced group.
     */
    private static Map<String, Map<GroupKey, Long>> remoteGroupBits(final Map<String, Network> networks,
            final Map<GovernedPort, List<Resolved>> rulesByPort, final Map<String, List<Resolved>> policyByNetwork) {
        final var referenced = new HashMap<String, Set<GroupKey>>();
        networks.keySet().forEach(networkId -> referenced.put(networkId, new TreeSet<>()));
        rulesByPort.forEach((port, rules) -> rules.stream().filter(resolved -> resolved.selector().remoteGroup()
            != null).forEach(resolved -> referenced.get(port.network().id()).add(new GroupKey(port.tenantId(),
                resolved.selector().remoteGroup()))));
        policyByNetwork.forEach((networkId, rules) -> rules.stream().filter(resolved -> resolved.selector()
            .remoteGroup() != null).forEach(resolved -> referenced.get(networkId).add(new GroupKey(
                networks.get(networkId).tenantId(), resolved.selector().remoteGroup()))));
        final var bitsByNetwork = new HashMap<String, Map<GroupKey, Long>>();
        referenced.forEach((networkId, groups) -> {
            final var bits = new HashMap<GroupKey, Long>();
            int index = 0;
            for (GroupKey group : groups) {
                if (index == Metadata.REMOTE_GROUP_BITS) {
                    break;
                }
                bits.put(group, Metadata.remoteGroup(index++));
            }
            bitsByNetwork.put(networkId, bits);
        });
        return bitsByNetwork;
    }

    /** Member addresses of tagged groups get their groups' bits (and those of every prefix that covers them). */
    private void compileRemote(final Stage stage, final Map<String, Network> networks,
            final Map<String, Map<GroupKey, Long>> bitsByNetwork) {
        for (Network network : networks.values()) {
            final var bitsByPrefix = new TreeMap<String, Long>();
            bitsByNetwork.get(network.id()).forEach((group, bit) -> members.prefixes(group, network.id())
                .forEach(prefix -> bitsByPrefix.merge(prefix, bit, (left, right) -> left | right)));
            final long networkBits = networkBits(network);
            // Only a prefix wider than one address can cover another; members are mostly single addresses.
            final var wider = new ArrayList<Map.Entry<String, Long>>();
            bitsByPrefix.entrySet().stream().filter(entry -> !Prefixes.isSingleAddress(entry.getKey()))
                .forEach(wider::add);
            bitsByPrefix.forEach((prefix, own) -> {
                long all = own;
                for (var other : wider) {
                    if (Addresses.covers(other.getKey(), prefix)) {
                        all |= other.getValue();
                    }
                }
                final var match = FlowMatch.builder().metadata(networkBits, Metadata.NETWORK_MASK);
                stage.remote(match, prefix.contains(":"), prefix);
                add(stage, "remote", "network=" + network.id() + ":" + prefix, stage.remote,
                    PRIORITY_REMOTE + Prefixes.length(prefix), switchCookie, match.build(),
                    List.of(new Instruction.WriteMetadata(all, Metadata.REMOTE_GROUPS_MASK),
                        new Instruction.GotoTable(stage.policy)));
            });
        }
    }

    /** What a frame no flow of a table matched meets: the next table of the stage, or a drop. */
    private void compileMisses(final Stage stage) {
        final FlowMatch any = FlowMatch.builder().build();
        add(stage, "remote", "miss", stage.remote, 0, switchCookie, any,
            List.of(new Instruction.WriteMetadata(0, Metadata.REMOTE_GROUPS_MASK),
                new Instruction.GotoTable(stage.policy)));
        add(stage, "policy", "miss", stage.policy, 0, switchCookie, any,
            List.of(new Instruction.GotoTable(stage.groups)));
        add(stage, "groups", "miss", stage.groups, 0, switchCookie, any,
            List.of(new Instruction.GotoTable(stage.deny)));
        add(stage, "deny", "miss", stage.deny, 0, switchCookie, any, List.of());
    }

    private void compilePolicy(final Stage stage, final Network network, final List<Resolved> rules,
            final Map<GroupKey, Long> bits) {
        final var seen = new HashSet<FlowKey>();
        final FlowMatch networkMatch = FlowMatch.builder().metadata(networkBits(network), Metadata.NETWORK_MASK)
            .build();
        for (Resolved resolved : rules) {
            final LabelledRule rule = resolved.rule();
            final List<Instruction> instructions = switch (rule.action() == null ? "" : rule.action()) {
                case PolicyRule.ALLOW -> allow(stage, network);
                case PolicyRule.PASS -> List.of(new Instruction.GotoTable(stage.groups));
                default -> List.of(new Instruction.GotoTable(stage.deny));
            };
            emit(stage, "policy", "network=" + network.id() + ":rule=" + rule.label()
                + (resolved.mirror() ? ":return" : ""), stage.policy, PRIORITY_POLICY_BASE - rule.priority(), rule,
                ruleFlows(stage, resolved, network, bits), networkMatch, instructions, seen);
        }
    }

    private void compileGroups(final Stage stage, final GovernedPort port, final List<Resolved> rules,
            final Map<GroupKey, Long> bits) {
        final List<Instruction> allow = allow(stage, port.network());
        final var seen = new HashSet<FlowKey>();
        final FlowMatch portMatch = stage.port(port.ofPort()).build();
        for (Resolved resolved : rules) {
            emit(stage, "groups", "port=" + port.id() + ":rule=" + resolved.rule().label()
                + (resolved.mirror() ? ":return" : ""), stage.groups, PRIORITY_ALLOW, resolved.rule(),
                ruleFlows(stage, resolved, port.network(), bits),
                portMatch, allow, seen);
        }
    }

    private void compileDeny(final Stage stage, final GovernedPort port) {
        final long cookie = dropCookie(port.id());
        portByCookie.put(cookie, port.id());
        if (stateful) {
            // One flow per IP version: Open vSwitch accepts a ct action only on a flow limited to IP.
            for (int ethType : List.of(FlowMatch.ETH_IPV4, FlowMatch.ETH_IPV6)) {
                add(stage, "deny", "port=" + port.id() + ":established:" + ethLabel(ethType), stage.deny,
                    PRIORITY_DENY_ESTABLISHED, cookie, stage.port(port.ofPort()).ethType(ethType)
                        .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED, 0))
                        .build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(port.network()), true,
                        null, BLOCKED)))));
            }
        }
        add(stage, "deny", "port=" + port.id(), stage.deny, PRIORITY_DENY, cookie,
            stage.port(port.ofPort()).build(), List.of());
    }

    /** The cookie of the flows that drop a port's traffic: their statistics are its drop counters. */
    static long dropCookie(final String portId) {
        return Cookies.of(Owner.FIREWALL, ObjectKind.PORT, portId + "#drop");
    }

    private RuleFlows ruleFlows(final Stage stage, final Resolved resolved, final Network network,
            final Map<GroupKey, Long> bits) {
        // Resolved rules are shared per stage, so identity tells rules and stages apart.
        return ruleFlows.computeIfAbsent(resolved, key -> new HashMap<>()).computeIfAbsent(network.id(),
            key -> buildRuleFlows(stage, resolved.selector(), network, bits));
    }

    private RuleFlows buildRuleFlows(final Stage stage, final Selector selector, final Network network,
            final Map<GroupKey, Long> bits) {
        long groupBit = 0;
        final var remotes = new ArrayList<@Nullable String>();
        if (selector.remoteGroup() != null) {
            final GroupKey group = new GroupKey(network.tenantId(), selector.remoteGroup());
            final Long bit = bits.get(group);
            if (bit != null) {
                groupBit = bit;
                remotes.add(null);
            } else {
                // More groups than tag bits: this group's members are listed in the rule itself.
                members.prefixes(group, network.id()).stream().filter(prefix -> prefix.contains(":")
                    == selector.ipv6()).forEach(remotes::add);
            }
        } else {
            remotes.add(selector.remotePrefix());
        }
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
                    matches.add(match.build());
                }
            }
        }
        return new RuleFlows(groupBit, List.copyOf(matches));
    }

    /**
     * One flow per match of a rule's flows, on top of the port (or network) match {@code base}, none that a switch
     * would merge.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void emit(final Stage stage, final String tableName, final String detail, final Table table,
            final int priority, final LabelledRule rule, final RuleFlows rules, final FlowMatch base,
            final List<Instruction> instructions, final Set<FlowKey> seen) {
        final long cookie = rule.cookie();
        ruleByCookie.put(cookie, rule.label());
        final long bit = rules.groupBit();
        int index = 0;
        for (FlowMatch common : rules.matches()) {
            final FlowMatch.Builder builder = base.toBuilder().overlay(common);
            if (bit != 0) {
                builder.metadata(orZero(base.metadata()) | bit, orZero(base.metadataMask()) | bit);
            }
            final FlowMatch match = builder.build();
            if (seen.add(new FlowKey(table, priority, match))) {
                add(stage, tableName, detail, index, table, priority, cookie, match, instructions);
            }
            index++;
        }
    }

    private List<Instruction> allow(final Stage stage, final Network network) {
        if (!stateful) {
            return toNextStage(stage);
        }
        return List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(network), true, null,
            null))), new Instruction.GotoTable(stage.exit()));
    }

    private static List<Instruction> toNextStage(final Stage stage) {
        return List.of(new Instruction.GotoTable(stage.exit()));
    }

    /**
     * The conntrack zone of a network (see {@link ConntrackZones}). Both stages of every port of the network use
     * it, so a reply finds its connection on either switch; that two ports of one network see the same entry is
     * harmless because the original direction of an established connection is judged again at every port (only
     * replies and related traffic pass on state alone).
     */
    private int zone(final Network network) {
        return zones.get(network.id());
    }

    private static long orZero(final @Nullable Long value) {
        return value == null ? 0 : value;
    }

    private static long networkBits(final Network network) {
        return Metadata.network(network.segmentationType(), network.segmentationId());
    }

    private static String ethLabel(final int ethType) {
        return ethType == FlowMatch.ETH_IPV6 ? "ipv6" : "ipv4";
    }

    /** Adds one flow; its id names the stage, table and what it is for. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void add(final Stage stage, final String tableName, final String detail, final Table table,
            final int priority, final long cookie, final FlowMatch match, final List<Instruction> instructions) {
        put("firewall:" + stage.lowerName() + ":" + tableName + ":" + detail, table, priority, cookie, match,
            instructions);
    }

    /** As {@link #add}, for the index-th flow of one rule. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void add(final Stage stage, final String tableName, final String detail, final int index,
            final Table table, final int priority, final long cookie, final FlowMatch match,
            final List<Instruction> instructions) {
        put("firewall:" + stage.lowerName() + ":" + tableName + ":" + detail + ":" + index, table, priority, cookie,
            match, instructions);
    }

    /** Every flow of a switch is distinct by construction: one per port, network, prefix or rule match. */
    private void put(final String id, final Table table, final int priority, final long cookie,
            final FlowMatch match, final List<Instruction> instructions) {
        flows.put(id, PipelineContract.verify(new FlowRecord(id, table, priority, cookie, match, instructions)));
    }
}
