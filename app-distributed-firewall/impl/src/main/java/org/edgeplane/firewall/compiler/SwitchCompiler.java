/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.firewall.compiler.SwitchParts.NETWORK;
import static org.edgeplane.firewall.compiler.SwitchParts.PORT;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SwitchProfile;
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
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;
import org.edgeplane.firewall.compiler.ResolvedRules.Resolved;
import org.edgeplane.firewall.compiler.ResolvedRules.RuleProblem;
import org.edgeplane.firewall.compiler.ResolvedRules.StageRules;
import org.edgeplane.firewall.compiler.SwitchParts.NetworkParts;
import org.edgeplane.firewall.compiler.SwitchParts.Part;
import org.edgeplane.firewall.compiler.SwitchParts.SlotInfo;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

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
     * remote group's tag bit when the rule has one), and which flows it already holds.
     */
    private static final class RuleScope {
        private final String idPrefix;
        private final FlowMatch base;
        private final Map<Long, FlowMatch> tagged = new HashMap<>();
        /** The flows made so far, kept only where a rule lists a group's members: elsewhere the rule list knows. */
        private @Nullable Set<Emitted> emitted;

        RuleScope(final String idPrefix, final FlowMatch base) {
            this.idPrefix = idPrefix;
            this.base = base;
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

    /**
     * Everything a network's part (remote tags, policy) is made of: the network, its tenant's policy, the remote
     * groups' tag bits per stage, the groups' members in the network and its conntrack zone.
     */
    private record NetworkKey(Network network, List<LabelledRule> policy, Map<Stage, Map<GroupKey, Long>> bits,
            Map<GroupKey, List<String>> members, int zone, boolean stateful) {
    }

    /**
     * Everything a port's part (entry, groups, deny) is made of: the port with its place and rules, its network's
     * tag bits per stage and zone, and the groups' members in the network when a rule of the port lists them
     * (more remote groups than tag bits).
     */
    private record PortKey(GovernedPort port, Map<Stage, Map<GroupKey, Long>> bits, int zone, boolean stateful,
            Map<GroupKey, List<String>> listedMembers) {
    }

    private final String switchId;
    private final boolean stateful;
    private final Map<String, List<LabelledRule>> policyByTenant;
    private final ResolvedRules resolvedRules;
    private final Membership members;
    private final Map<String, Integer> zones;
    private final long switchCookie;
    private final SwitchParts state;
    /** The part being compiled. */
    private FlowsById.Builder flows = FlowsById.builder();
    private int compiledParts;
    /** The flows of remote-group rules whose group has no tag bit here, per rule and network. */
    private final Map<Resolved, Map<String, RuleFlows>> memberListed = new IdentityHashMap<>();
    /** Matches made here that no rule shares, one instance each, so that equal ones compare by identity. */
    private final Map<FlowMatch, FlowMatch> switchMatches = new HashMap<>();
    private final Map<List<Instruction>, List<Instruction>> instructionLists = new HashMap<>();
    private final Map<Stage, Map<GovernedPort, FlowMatch>> portMatches = new EnumMap<>(Stage.class);
    private final Map<Stage, Map<Long, List<Instruction>>> tagInstructions = new EnumMap<>(Stage.class);

    /**
     * A compile of one switch into {@code state}.
     *
     * @param policyByTenant the labelled policy of every tenant with a governed port on the switch
     */
    SwitchCompiler(final String switchId, final SwitchProfile profile,
            final Map<String, List<LabelledRule>> policyByTenant, final ResolvedRules resolvedRules,
            final Membership members, final Map<String, Integer> zones, final SwitchParts state) {
        this.switchId = switchId;
        stateful = profile == SwitchProfile.OVS;
        this.policyByTenant = policyByTenant;
        this.resolvedRules = resolvedRules;
        this.members = members;
        this.zones = zones;
        this.state = state;
        switchCookie = Cookies.of(Owner.FIREWALL, ObjectKind.SWITCH, switchId);
    }

    /**
     * Brings the switch's parts up to date for the networks that changed, each given with its governed ports on
     * the switch now, in port id order (none: the network has no governed port here any more). Parts are the
     * switch's own flows (neighbour discovery, state, misses), one per network (remote tags, policy) and one per
     * governed port (entry, groups, deny); a network's or port's part whose key equals the last compile's is kept.
     * Parts of a switch of the other profile are dropped first, and then {@code changed} must name every network of
     * the switch.
     */
    void update(final Map<String, List<GovernedPort>> changed) {
        if (!state.isFor(stateful)) {
            flows = FlowsById.builder();
            for (Stage stage : Stage.values()) {
                compileNeighbourDiscovery(stage);
                if (stateful) {
                    compileState(stage);
                }
                compileMisses(stage);
            }
            state.own(stateful, flows.build());
        }
        // Ports that left a network are released before any is placed: a port may move between two networks here.
        changed.forEach((networkId, networkPorts) -> {
            final NetworkParts known = state.network(networkId);
            if (known == null) {
                return;
            }
            if (networkPorts.isEmpty()) {
                state.removeNetwork(networkId);
                return;
            }
            final Set<String> staying = new HashSet<>();
            networkPorts.forEach(port -> staying.add(port.id()));
            known.portSlots.forEach((portId, slot) -> {
                if (!staying.contains(portId)) {
                    state.release(slot, PORT + portId);
                }
            });
        });
        changed.forEach((networkId, networkPorts) -> {
            if (!networkPorts.isEmpty()) {
                compileNetwork(networkId, networkPorts);
            }
        });
    }

    /** Network and port parts this compile compiled. */
    int compiledParts() {
        return compiledParts;
    }

    /**
     * A network's part and those of its ports on this switch: its rules are resolved, and each part whose key
     * equals the last one's is kept.
     */
    private void compileNetwork(final String networkId, final List<GovernedPort> networkPorts) {
        final Network network = networkPorts.get(0).network();
        final List<LabelledRule> policy = policyByTenant.getOrDefault(network.tenantId(), List.of());
        final NetworkParts known = state.network(networkId);
        final var portRules = new EnumMap<Stage, List<StageRules>>(Stage.class);
        final var policyRules = new EnumMap<Stage, StageRules>(Stage.class);
        final var portProblems = new HashMap<String, Set<String>>();
        final var policyProblems = new HashMap<String, Set<String>>();
        for (Stage stage : Stage.values()) {
            final var rules = new ArrayList<StageRules>(networkPorts.size());
            for (GovernedPort port : networkPorts) {
                rules.add(resolve(stage, port.groupRules(), port.id(), portProblems));
            }
            portRules.put(stage, rules);
            policyRules.put(stage, resolve(stage, policy, networkId, policyProblems));
        }
        Map<Stage, Map<GroupKey, Long>> bits = remoteGroupBits(networkPorts, portRules, policyRules, network);
        if (known != null && known.bits.equals(bits)) {
            // The very map, so that the parts' keys compare by identity.
            bits = known.bits;
        }
        final Map<Stage, Map<GroupKey, Long>> networkBits = bits;
        final var key = new NetworkKey(network, policy, bits, members.inNetwork(networkId), zone(network), stateful);
        final Set<String> networkProblems = policyProblems.getOrDefault(networkId, Set.of());
        final Part networkPart = part(known == null ? null : known.part, key, networkProblems, () -> {
            for (Stage stage : Stage.values()) {
                compileRemote(stage, network, networkBits.get(stage));
                compilePolicy(stage, network, policyRules.get(stage), networkBits.get(stage));
            }
        });
        final int networkSlot = known != null ? known.slot : state.take();
        state.put(networkSlot, NETWORK + networkId, networkPart, new SlotInfo(null,
            List.copyOf(policyRules.values())));
        final var portParts = new HashMap<String, Part>();
        final var portSlots = new HashMap<String, Integer>();
        for (int i = 0; i < networkPorts.size(); i++) {
            final GovernedPort port = networkPorts.get(i);
            final int index = i;
            boolean listsMembers = false;
            final var rules = new ArrayList<StageRules>(Stage.values().length);
            for (Stage stage : Stage.values()) {
                final StageRules stageRules = portRules.get(stage).get(index);
                rules.add(stageRules);
                for (String remote : stageRules.remoteGroups()) {
                    listsMembers |= !bits.get(stage).containsKey(new GroupKey(network.tenantId(), remote));
                }
            }
            final var portKey = new PortKey(port, bits, zone(network), stateful,
                listsMembers ? members.inNetwork(networkId) : Map.of());
            final Part portPart = part(known == null ? null : known.portParts.get(port.id()), portKey,
                portProblems.getOrDefault(port.id(), Set.of()), () -> {
                    for (Stage stage : Stage.values()) {
                        compilePortEntry(stage, port);
                        compileGroups(stage, port, portRules.get(stage).get(index), networkBits.get(stage));
                        compileDeny(stage, port);
                    }
                });
            final Integer knownSlot = known == null ? null : known.portSlots.get(port.id());
            final int slot = knownSlot != null ? knownSlot : state.take();
            state.put(slot, PORT + port.id(), portPart, new SlotInfo(port, List.copyOf(rules)));
            portParts.put(port.id(), portPart);
            portSlots.put(port.id(), slot);
        }
        state.putNetwork(networkId, new NetworkParts(networkPart, networkSlot, bits, portParts, portSlots));
    }

    /** The known part when its key is equal, else the part {@code body} compiles now. */
    private Part part(final @Nullable Part known, final Object key, final Set<String> partProblems,
            final Runnable body) {
        if (known != null && known.key().equals(key)) {
            return known;
        }
        flows = FlowsById.builder();
        body.run();
        compiledParts++;
        return new Part(key, flows.build(), Set.copyOf(partProblems));
    }

    /** The rules of a stage: those of its direction, and on stateless switches the mirrors of allow rules. */
    private StageRules resolve(final Stage stage, final List<LabelledRule> rules, final String where,
            final Map<String, Set<String>> found) {
        final StageRules stageRules = resolvedRules.of(rules, stage, stateful);
        for (RuleProblem problem : stageRules.problems()) {
            found.computeIfAbsent(where, key -> new TreeSet<>()).add(problem.rule().label() + " on " + switchId
                + " (" + where + "): " + problem.problem() + "; not installed there");
        }
        return stageRules;
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

    /**
     * Per stage, one tag bit per remote group that rules of the network's ports or of its tenant's policy
     * reference, up to the bits metadata has. Every flow that sets or reads the bits also matches the network (a
     * port implies its network), so networks reuse the same bits: a switch that hosts many tenants still tags every
     * referenced group.
     */
    private static Map<Stage, Map<GroupKey, Long>> remoteGroupBits(final List<GovernedPort> networkPorts,
            final Map<Stage, List<StageRules>> portRules, final Map<Stage, StageRules> policyRules,
            final Network network) {
        final var bitsByStage = new EnumMap<Stage, Map<GroupKey, Long>>(Stage.class);
        for (Stage stage : Stage.values()) {
            final var referenced = new TreeSet<GroupKey>();
            for (int i = 0; i < networkPorts.size(); i++) {
                final String tenantId = networkPorts.get(i).tenantId();
                portRules.get(stage).get(i).remoteGroups().forEach(name -> referenced.add(new GroupKey(tenantId,
                    name)));
            }
            policyRules.get(stage).remoteGroups().forEach(name -> referenced.add(new GroupKey(network.tenantId(),
                name)));
            final var bits = new HashMap<GroupKey, Long>();
            int index = 0;
            for (GroupKey group : referenced) {
                if (index == Metadata.REMOTE_GROUP_BITS) {
                    break;
                }
                bits.put(group, Metadata.remoteGroup(index++));
            }
            bitsByStage.put(stage, bits);
        }
        return bitsByStage;
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
        compileRules(new RuleScope(scope(stage, "policy", "network=" + network.id()), FlowMatch.builder()
            .metadata(networkBits(network), Metadata.NETWORK_MASK).build()), stage.policy, rules,
            ruleFlows(stage, rules, network, bits), rule -> PRIORITY_POLICY_BASE - rule.priority(),
            rule -> switch (rule.action() == null ? "" : rule.action()) {
                case PolicyRule.ALLOW -> allow(stage, network);
                case PolicyRule.PASS -> shared(List.of(new Instruction.GotoTable(stage.groups)));
                default -> shared(List.of(new Instruction.GotoTable(stage.deny)));
            });
    }

    private void compileGroups(final Stage stage, final GovernedPort port, final StageRules rules,
            final Map<GroupKey, Long> bits) {
        final List<Instruction> allow = allow(stage, port.network());
        compileRules(new RuleScope(scope(stage, "groups", "port=" + port.id()), portMatch(stage, port)),
            stage.groups, rules, ruleFlows(stage, rules, port.network(), bits), rule -> PRIORITY_ALLOW,
            rule -> allow);
    }

    /** A scope's rule flows, as one {@link ScopeFlows}. */
    private void compileRules(final RuleScope scope, final Table table, final StageRules rules,
            final List<RuleFlows> byRule, final ToIntFunction<LabelledRule> priority,
            final Function<LabelledRule, List<Instruction>> instructions) {
        final var scopeFlows = ScopeFlows.builder(scope.idPrefix, table);
        for (int i = 0; i < byRule.size(); i++) {
            final Resolved resolved = rules.resolved().get(i);
            scopeFlows.rule(resolved.flowName(), resolved.rule().cookie(), priority.applyAsInt(resolved.rule()),
                scope.base(byRule.get(i).groupBit()), byRule.get(i).matches(), instructions.apply(resolved.rule()));
        }
        addMembers(scope, scopeFlows.build(), rules, byRule);
    }

    /**
     * The scope's flows, none that a switch would merge: those the rule list knows to repeat an earlier rule's are
     * left out or, where a rule lists a group's members (the list cannot know those), those the scope already has.
     */
    private void addMembers(final RuleScope scope, final ScopeFlows scopeFlows, final StageRules rules,
            final List<RuleFlows> byRule) {
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
