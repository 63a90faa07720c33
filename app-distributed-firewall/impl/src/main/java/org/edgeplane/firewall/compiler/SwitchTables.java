/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowId;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.FlowsById;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.firewall.compiler.FirewallCompiler.GovernedPort;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
import org.edgeplane.firewall.compiler.RuleFlowMaker.RuleScope;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * The flows of one switch's firewall tables, part by part: the switch's own, a network's and a port's. Per stage
 * (leaving a port, reaching a port):
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
final class SwitchTables {
    static final int PRIORITY_QUARANTINE = 400;
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

    private final boolean stateful;
    private final ResolvedRules resolvedRules;
    private final Membership members;
    private final Map<String, Integer> zones;
    private final long switchCookie;
    private final RuleFlowMaker ruleFlows;
    /** The part being compiled. */
    private FlowsById.Builder flows = FlowsById.builder();
    private final Map<List<Instruction>, List<Instruction>> instructionLists = new HashMap<>();
    private final Map<Stage, Map<GovernedPort, FlowMatch>> portMatches = new EnumMap<>(Stage.class);
    private final Map<Stage, Map<Long, List<Instruction>>> tagInstructions = new EnumMap<>(Stage.class);

    SwitchTables(final String switchId, final boolean stateful, final ResolvedRules resolvedRules,
            final Membership members, final Map<String, Integer> zones) {
        this.stateful = stateful;
        this.resolvedRules = resolvedRules;
        this.members = members;
        this.zones = zones;
        switchCookie = Cookies.of(Owner.FIREWALL, ObjectKind.SWITCH, switchId);
        ruleFlows = new RuleFlowMaker(resolvedRules, members);
    }

    /** The switch's own flows: neighbour discovery, connection state and every table's miss. */
    FlowsById ownFlows() {
        flows = FlowsById.builder();
        for (Stage stage : Stage.values()) {
            compileNeighbourDiscovery(stage);
            if (stateful) {
                compileState(stage);
            }
            compileMisses(stage);
        }
        return flows.build();
    }

    /** A network's flows: its members' remote tags and its tenant's policy, per stage. */
    FlowsById networkFlows(final Network network, final Map<Stage, StageRules> policyRules,
            final Map<Stage, Map<GroupKey, Long>> bits) {
        flows = FlowsById.builder();
        for (Stage stage : Stage.values()) {
            compileRemote(stage, network, bits.get(stage));
            compilePolicy(stage, network, policyRules.get(stage), bits.get(stage));
        }
        return flows.build();
    }

    /** A port's flows: its entry, its groups' rules and its deny, per stage ({@code rules} in stage order). */
    FlowsById portFlows(final GovernedPort port, final List<StageRules> rules,
            final Map<Stage, Map<GroupKey, Long>> bits) {
        flows = FlowsById.builder();
        for (Stage stage : Stage.values()) {
            compilePortEntry(stage, port);
            compileGroups(stage, port, rules.get(stage.ordinal()), bits.get(stage));
            compileDeny(stage, port);
        }
        return flows.build();
    }

    private void compileNeighbourDiscovery(final Stage stage) {
        for (int type : NEIGHBOUR_DISCOVERY) {
            add(stage, "entry", "nd=" + type, stage.entry, PRIORITY_ND, switchCookie, FlowMatch.builder()
                .ip(FlowMatch.ETH_IPV6).ipProto(IpMatch.ICMPV6).icmp(type, null).build(), toNextStage(stage));
        }
    }

    private void compilePortEntry(final Stage stage, final GovernedPort port) {
        final long cookie = Cookies.of(Owner.FIREWALL, ObjectKind.PORT, port.id());
        final String scope = scope(stage, "entry", "port=" + port.id());
        for (int ethType : new int[] {FlowMatch.ETH_IPV4, FlowMatch.ETH_IPV6}) {
            final List<Instruction> instructions = shared(stateful
                ? List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(port.network()),
                    false, stage.state, null))))
                : List.of(new Instruction.GotoTable(stage.remote)));
            put(new FlowRecord(FlowId.of(scope, ethLabel(ethType)), stage.entry, PRIORITY_PORT, cookie,
                portMatch(stage, port).toBuilder().ip(ethType).build(), instructions));
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

    /** Member addresses of tagged groups get their groups' bits (and those of every prefix that covers them). */
    private void compileRemote(final Stage stage, final Network network, final Map<GroupKey, Long> bits) {
        final var bitsByPrefix = new TreeMap<String, Long>();
        bits.forEach((group, bit) -> members.prefixes(group, network.id())
            .forEach(prefix -> bitsByPrefix.merge(prefix, bit, (left, right) -> left | right)));
        final FlowMatch networkMatch = FlowMatch.builder().metadata(networkBits(network), Metadata.NETWORK_MASK)
            .build();
        final var scopeFlows = ScopeFlows.builder(scope(stage, "remote", "network=" + network.id()), stage.remote);
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
            scopeFlows.flow(prefix, switchCookie, PRIORITY_REMOTE + Prefixes.length(prefix), networkMatch,
                resolvedRules.remote(stage, prefix), tagging(stage, all));
        });
        final ScopeFlows built = scopeFlows.build();
        for (int member = 0; member < built.size(); member++) {
            flows.add(built, member);
        }
    }

    /** Tags the remote groups {@code bits} and goes on to the policy; shared by every flow with the same tags. */
    private List<Instruction> tagging(final Stage stage, final long bits) {
        return tagInstructions.computeIfAbsent(stage, key -> new HashMap<>()).computeIfAbsent(bits,
            key -> List.of(new Instruction.WriteMetadata(bits, Metadata.REMOTE_GROUPS_MASK),
                new Instruction.GotoTable(stage.policy)));
    }

    /** What a frame no flow of a table matched meets: the next table of the stage, or a drop. */
    private void compileMisses(final Stage stage) {
        final FlowMatch any = FlowMatch.builder().build();
        add(stage, "remote", "miss", stage.remote, 0, switchCookie, any, tagging(stage, 0));
        add(stage, "policy", "miss", stage.policy, 0, switchCookie, any,
            List.of(new Instruction.GotoTable(stage.groups)));
        add(stage, "groups", "miss", stage.groups, 0, switchCookie, any,
            List.of(new Instruction.GotoTable(stage.deny)));
        add(stage, "deny", "miss", stage.deny, 0, switchCookie, any, List.of());
    }

    private void compilePolicy(final Stage stage, final Network network, final StageRules rules,
            final Map<GroupKey, Long> bits) {
        ruleFlows.add(flows, new RuleScope(scope(stage, "policy", "network=" + network.id()), FlowMatch.builder()
            .metadata(networkBits(network), Metadata.NETWORK_MASK).build(), stage, stage.policy), rules, network,
            bits, rule -> PRIORITY_POLICY_BASE - rule.priority(),
            rule -> switch (rule.action() == null ? "" : rule.action()) {
                case PolicyRule.ALLOW -> allow(stage, network);
                case PolicyRule.PASS -> shared(List.of(new Instruction.GotoTable(stage.groups)));
                default -> shared(List.of(new Instruction.GotoTable(stage.deny)));
            });
    }

    private void compileGroups(final Stage stage, final GovernedPort port, final StageRules rules,
            final Map<GroupKey, Long> bits) {
        final List<Instruction> allow = allow(stage, port.network());
        ruleFlows.add(flows, new RuleScope(scope(stage, "groups", "port=" + port.id()), portMatch(stage, port), stage,
            stage.groups), rules, port.network(), bits, rule -> PRIORITY_ALLOW, rule -> allow);
    }

    private void compileDeny(final Stage stage, final GovernedPort port) {
        final long cookie = port.dropCookie();
        final String scope = scope(stage, "deny", "port=" + port.id());
        if (stateful) {
            // One flow per IP version: Open vSwitch accepts a ct action only on a flow limited to IP.
            for (int ethType : List.of(FlowMatch.ETH_IPV4, FlowMatch.ETH_IPV6)) {
                final String name = ethType == FlowMatch.ETH_IPV6 ? "established:ipv6" : "established:ipv4";
                put(new FlowRecord(FlowId.of(scope, name), stage.deny, PRIORITY_DENY_ESTABLISHED, cookie,
                    portMatch(stage, port).toBuilder().ethType(ethType)
                        .conntrack(ConntrackMatch.state(ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED, 0))
                        .build(),
                    shared(List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(port.network()),
                        true, null, BLOCKED)))))));
            }
        }
        put(new FlowRecord(FlowId.of(scope), stage.deny, PRIORITY_DENY, cookie, portMatch(stage, port), List.of()));
    }

    /**
     * The flows that drop everything a port sends and everything delivered to it, above its entry flows: what a
     * port whose firewall cannot be compiled gets, so that it never passes unjudged. Counted as its drops.
     */
    static List<FlowRecord> quarantine(final GovernedPort port) {
        final var flows = new ArrayList<FlowRecord>();
        for (Stage stage : Stage.values()) {
            flows.add(PipelineContract.verify(new FlowRecord(scope(stage, "entry", "quarantine:port=" + port.id()),
                stage.entry, PRIORITY_QUARANTINE, port.dropCookie(), stage.port(port.ofPort()).build(),
                List.of())));
        }
        return flows;
    }

    /** The cookie of the flows that drop a port's traffic: their statistics are its drop counters. */
    static long dropCookie(final String portId) {
        return Cookies.of(Owner.FIREWALL, ObjectKind.PORT, portId + "#drop");
    }

    private List<Instruction> allow(final Stage stage, final Network network) {
        if (!stateful) {
            return toNextStage(stage);
        }
        return shared(List.of(new Instruction.ApplyActions(List.of(new Action.Conntrack(zone(network), true, null,
            null))), new Instruction.GotoTable(stage.exit)));
    }

    /** One instance of each instruction list: a switch's thousands of flows use a few per network. */
    private List<Instruction> shared(final List<Instruction> instructions) {
        return instructionLists.computeIfAbsent(instructions, key -> key);
    }

    /** A port's own match in a stage, one instance for every flow of the port. */
    private FlowMatch portMatch(final Stage stage, final GovernedPort port) {
        return portMatches.computeIfAbsent(stage, key -> new IdentityHashMap<>()).computeIfAbsent(port,
            key -> stage.port(key.ofPort()).build());
    }

    private static List<Instruction> toNextStage(final Stage stage) {
        return List.of(new Instruction.GotoTable(stage.exit));
    }

    /**
     * The conntrack zone of a network (see {@link ConntrackZones}). Both stages of every port of the network use
     * it, so a reply finds its connection on either switch; that two ports of one network see the same entry is
     * harmless because the original direction of an established connection is judged again at every port (only
     * replies and related traffic pass on state alone).
     */
    int zone(final Network network) {
        return zones.get(network.id());
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
        put(new FlowRecord(scope(stage, tableName, detail), table, priority, cookie, match, instructions));
    }

    /** The id of a flow, or the scope that a rule's flows extend with their rule and index. */
    private static String scope(final Stage stage, final String tableName, final String detail) {
        return "firewall:" + stage.lowerName() + ":" + tableName + ":" + detail;
    }

    /** Every flow of a switch is distinct by construction: one per port, network, prefix or rule match. */
    private void put(final FlowRecord flow) {
        flows.add(PipelineContract.verify(flow));
    }
}
