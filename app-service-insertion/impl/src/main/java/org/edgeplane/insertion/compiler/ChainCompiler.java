/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.verify.Steering;
import org.edgeplane.insertion.compiler.ChainFlows.HopRef;
import org.edgeplane.insertion.compiler.ChainFlows.HopStatus;
import org.edgeplane.insertion.compiler.ChainPaths.Direction;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.insertion.intent.TenantName;

/**
 * Compiles service chains into the SERVICE_CHAIN tables. Pure: the same intent gives the same flows and groups.
 *
 * <p>A chain's traffic is steered at three kinds of places, all in table SERVICE_CHAIN, which frames reach after
 * the sender's firewall stage and before L2 forwarding (so the sender's egress rules judge it first and the
 * receiver's ingress rules last):
 * <ul>
 *   <li>at the classifier's source port (for a symmetric chain, also at its destination port for replies);</li>
 *   <li>where a hop's appliance hands the frame back (its egress port, or its ingress port for replies), matched
 *       by in_port and the classifier's fields, including the sender's addresses;</li>
 *   <li>where an MPLS-labelled frame arrives from the fabric for a local appliance.</li>
 * </ul>
 * From the first two, a frame goes through the next hop's select group, one bucket per live instance: a local
 * instance is an output; a remote one pushes an MPLS label (path, position, instance, direction, IPv6) and
 * leaves through the fabric with the instance's MAC as destination, so a learning fabric carries it to the right
 * switch. There the label is popped; a transparent appliance gets the original destination MAC back (by
 * destination address, SERVICE_CHAIN_DELIVER), a routed one keeps its own. After the last hop the frame goes on to
 * L2 forwarding. Every action is standard OpenFlow 1.3; only port ranges use masks on {@code ovs} switches.
 *
 * <p>A chain that cannot be compiled fails alone: what it added is taken back and its error is reported. A fail-open
 * chain's traffic is then not steered; a fail-closed chain's classified traffic is dropped, or, when even its
 * classifiers cannot be compiled, everything its classifiers' ports send in its network.
 */
public final class ChainCompiler {
    static final int PRIORITY_ARRIVAL = 300;
    static final int PRIORITY_RETURN = 200;
    static final int PRIORITY_QUARANTINE = 150;
    static final int PRIORITY_CLASSIFY = 100;

    private final Intent intent;
    private final EdgeFacts facts;
    private final ChainTables tables = new ChainTables();
    private final Map<TenantName, List<HopStatus>> status = new TreeMap<>();
    private final TreeSet<String> problems = new TreeSet<>();
    private final Map<TenantName, String> errors = new TreeMap<>();
    private final ChainFault faults;

    private ChainCompiler(final Intent intent, final EdgeFacts facts, final ChainFault faults) {
        this.intent = intent;
        this.facts = facts;
        this.faults = faults;
    }

    public static ChainFlows compile(final ChainIntent chains, final Intent intent, final EdgeFacts facts) {
        return compile(chains, intent, facts, ChainFault.NONE);
    }

    static ChainFlows compile(final ChainIntent chains, final Intent intent, final EdgeFacts facts,
            final ChainFault faults) {
        final var compiler = new ChainCompiler(intent, facts, faults);
        final Map<TenantName, Integer> paths = ChainPaths.paths(chains, intent);
        for (ServiceChain chain : chains.chains().values()) {
            compiler.compileAlone(chains, chain, paths.get(chain.key()));
        }
        return compiler.finish(chains);
    }

    /** One chain's part: what a full compile adds for it, without what chains share (flood stops, misses). */
    static ChainFlows compileOne(final ChainIntent chains, final ServiceChain chain, final int path,
            final Intent intent, final EdgeFacts facts, final ChainFault faults) {
        final var compiler = new ChainCompiler(intent, facts, faults);
        compiler.compileAlone(chains, chain, path);
        return compiler.result();
    }

    /**
     * What chains share, per switch: the stops for broadcasts a transparent appliance bridges back, and the misses
     * of every switch that holds chain flows ({@code chainSwitches}) or such a stop. No chain flow has these ids.
     */
    static Map<String, Map<String, FlowRecord>> shared(final ChainIntent chains, final Intent intent,
            final EdgeFacts facts, final ChainFault faults, final Set<String> chainSwitches) {
        final var compiler = new ChainCompiler(intent, facts, faults);
        chainSwitches.forEach(compiler.tables::addSwitch);
        compiler.finish(chains);
        return compiler.tables.frozenFlows();
    }

    /** Adds what chains share and freezes the result. */
    private ChainFlows finish(final ChainIntent chains) {
        chains.functions().values().forEach(this::compileBridgedFloodStop);
        compileMisses();
        return result();
    }

    private ChainFlows result() {
        return new ChainFlows(tables.frozenFlows(), tables.frozenGroups(), tables.hopByCookie(),
            Collections.unmodifiableSortedMap(new TreeMap<>(status)), List.copyOf(problems), errors);
    }

    /** Compiles one chain; whatever goes wrong stays with that chain. */
    // The boundary of one object: a chain that cannot be compiled fails alone, with the reason in its status.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void compileAlone(final ChainIntent chains, final ServiceChain chain, final int path) {
        final RuntimeException failure;
        tables.begin();
        try {
            compileChain(chains, chain, path, false);
            return;
        } catch (RuntimeException e) {
            tables.rollBack();
            failure = e;
        }
        String fate = "its traffic is not steered (fail-open)";
        if (chain.failurePolicy() != FailurePolicy.FAIL_OPEN) {
            try {
                // With no live instance anywhere, a fail-closed chain's classifiers drop what they match.
                compileChain(chains, chain, path, true);
                fate = "its classified traffic is dropped (fail-closed)";
            } catch (RuntimeException e) {
                tables.rollBack();
                quarantine(chain);
                fate = "everything its classifiers' ports send in its network is dropped (fail-closed)";
            }
        }
        final String error = "compile failed: " + failure.getMessage() + "; " + fate;
        errors.put(chain.key(), error);
        problems.add("chain " + chain.key() + ": " + error);
        tables.keep();
    }

    /** Drops whatever the chain's classifier ports send in the chain's network, in both directions' origins. */
    private void quarantine(final ServiceChain chain) {
        final Network network = networkOf(chain);
        if (network == null || network.segmentationType() == null || network.segmentationId() == null) {
            return;
        }
        final long networkBits = Metadata.network(network.segmentationType(), network.segmentationId());
        final long cookie = chainCookie(chain);
        final var origins = new TreeSet<String>();
        for (Classifier classifier : chain.classifiers()) {
            origins.add(classifier.logicalSourcePort());
            if (chain.symmetric() && classifier.logicalDestinationPort() != null) {
                origins.add(classifier.logicalDestinationPort());
            }
        }
        for (String portId : origins) {
            final PortPlace at = bound(portId);
            if (at != null) {
                tables.add(at.switchId(), new FlowRecord("insertion:quarantine:" + chain.key() + ":" + portId,
                    Table.SERVICE_CHAIN, PRIORITY_QUARANTINE, cookie, FlowMatch.builder().inPort(at.ofPort())
                        .metadata(networkBits, Metadata.NETWORK_MASK).build(), List.of()));
            }
        }
    }

    /** One service function of a hop, where its ports are bound. */
    private record Instance(int index, ServiceFunction function, Port ingress, Port egress,
            PortPlace ingressAt, PortPlace egressAt) {
        /** The port a frame of this direction is delivered to. */
        PortPlace deliverAt(final Direction direction) {
            return direction == Direction.FORWARD ? ingressAt : egressAt;
        }

        Port deliverPort(final Direction direction) {
            return direction == Direction.FORWARD ? ingress : egress;
        }

        /** The port the appliance hands a frame of this direction back on. */
        PortPlace returnAt(final Direction direction) {
            return direction == Direction.FORWARD ? egressAt : ingressAt;
        }
    }

    /** Everything one chain's flows need. */
    private record Plan(ServiceChain chain, Network network, long networkBits, int path, List<Hop> hops,
            List<List<Instance>> live, boolean blackhole) {
        boolean failOpen() {
            return chain.failurePolicy() == FailurePolicy.FAIL_OPEN;
        }

        String key() {
            return chain.key().toString();
        }
    }

    /** One chain's flows; {@code blackhole} compiles it as if no hop had a live instance. */
    private void compileChain(final ChainIntent chains, final ServiceChain chain, final int path,
            final boolean blackhole) {
        final Network network = networkOf(chain);
        if (network == null || network.segmentationType() == null || network.segmentationId() == null) {
            problems.add("chain " + chain.key() + ": its classifiers' ports are in no network");
            return;
        }
        final var hops = new ArrayList<Hop>();
        final var live = new ArrayList<List<Instance>>();
        final var hopStatus = new ArrayList<HopStatus>();
        for (String hopName : chain.hops()) {
            final Hop hop = chains.hop(chain.tenantId(), hopName);
            if (hop == null) {
                problems.add("chain " + chain.key() + ": hop " + hopName + " does not exist");
                return;
            }
            final List<Instance> instances = blackhole ? List.of() : liveInstances(chains, hop);
            hops.add(hop);
            live.add(instances);
            hopStatus.add(new HopStatus(hops.size(), hopName, instances.stream().map(instance -> instance.function()
                .name()).toList()));
        }
        if (status.put(chain.key(), List.copyOf(hopStatus)) == null) {
            tables.onRollBack(() -> status.remove(chain.key()));
        }
        final var plan = new Plan(chain, network, Metadata.network(network.segmentationType(),
            network.segmentationId()), path, hops, live, blackhole);
        for (Classifier classifier : chain.classifiers()) {
            compileDirection(plan, classifier, Direction.FORWARD);
            if (chain.symmetric()) {
                compileDirection(plan, classifier, Direction.REVERSE);
            }
        }
    }

    /**
     * A transparent appliance bridges the network's broadcasts, which isolation floods to its ports too, from one
     * of its ports to the other: what comes back is dropped, or every broadcast would circle between switch and
     * appliance for ever. (A routed appliance's broadcasts are its own ARP, which must go out.)
     */
    private void compileBridgedFloodStop(final ServiceFunction function) {
        SharedFlows.bridgedFloodStop(function, facts, tables::add);
    }

    /** Instances whose ports are both bound and up, in the hop's order (the bucket ids). */
    private List<Instance> liveInstances(final ChainIntent chains, final Hop hop) {
        final var live = new ArrayList<Instance>();
        for (int index = 0; index < hop.serviceFunctions().size(); index++) {
            final ServiceFunction function = chains.function(hop.tenantId(), hop.serviceFunctions().get(index));
            if (function == null) {
                continue;
            }
            final Port ingress = intent.ports().get(function.ingressPort());
            final Port egress = intent.ports().get(function.egressPort());
            final PortPlace ingressAt = bound(function.ingressPort());
            final PortPlace egressAt = bound(function.egressPort());
            if (ingress != null && egress != null && ingressAt != null && egressAt != null) {
                live.add(new Instance(index, function, ingress, egress, ingressAt, egressAt));
            }
        }
        return live;
    }

    /** Where a port is bound, if it is bound and up. */
    private @Nullable PortPlace bound(final @Nullable String portId) {
        return portId == null ? null : facts.placeIfUp(portId).orElse(null);
    }

    private @Nullable Network networkOf(final ServiceChain chain) {
        return ChainPaths.networkOf(chain, intent);
    }

    /** One classifier in one direction: where its traffic enters the chain and where it comes back from hops. */
    private void compileDirection(final Plan plan, final Classifier classifier, final Direction direction) {
        final boolean forward = direction == Direction.FORWARD;
        final String originId = forward ? classifier.logicalSourcePort() : classifier.logicalDestinationPort();
        final String peerId = forward ? classifier.logicalDestinationPort() : classifier.logicalSourcePort();
        final Port origin = originId == null ? null : intent.ports().get(originId);
        final Port peer = peerId == null ? null : intent.ports().get(peerId);
        final Classifier oriented = forward ? classifier : classifier.reversed();
        final String name = plan.key() + ":" + classifier.name() + ":" + direction.name().toLowerCase(Locale.ROOT);
        final PortPlace originAt = bound(originId);
        if (origin == null || originAt == null) {
            problems.add("chain " + plan.key() + " classifier " + classifier.name() + ": port " + originId
                + " is not bound; its traffic is not classified");
            return;
        }
        final List<Integer> order = order(plan.hops().size(), direction);
        final boolean v6 = Classifier.IPV6.equals(classifier.ethertype());
        // Where traffic enters the chain: the origin port.
        int index = 0;
        for (FlowMatch.Builder match : ClassifierMatches.of(oriented, v6,
            profileOf(originAt.switchId()), null, name, problems)) {
            match.inPort(originAt.ofPort()).metadata(plan.networkBits(), Metadata.NETWORK_MASK);
            if (peer != null && peer.macAddress() != null) {
                match.ethDst(peer.macAddress());
            }
            steer(plan, direction, v6, order, 0, originAt.switchId(), "classify:" + name + ":" + index++,
                PRIORITY_CLASSIFY, match.build());
        }
        faults.afterClassify(plan.chain(), plan.blackhole());
        // Where each live instance hands traffic back: on to the next position.
        for (int position = 0; position < order.size(); position++) {
            for (Instance instance : plan.live().get(order.get(position))) {
                final PortPlace back = instance.returnAt(direction);
                final List<String> senders = ClassifierMatches.senderAddresses(origin, oriented.sourcePrefix(), v6);
                int returnIndex = 0;
                for (FlowMatch.Builder match : ClassifierMatches.of(oriented, v6,
                    profileOf(back.switchId()), senders, name, problems)) {
                    match.inPort(back.ofPort()).metadata(plan.networkBits(), Metadata.NETWORK_MASK);
                    if (peer != null && peer.macAddress() != null) {
                        match.ethDst(peer.macAddress());
                    }
                    steer(plan, direction, v6, order, position + 1, back.switchId(), "return:" + name + ":hop="
                        + (order.get(position) + 1) + ":" + instance.function().name() + ":" + returnIndex++,
                        PRIORITY_RETURN, match.build());
                }
            }
        }
    }

    private static List<Integer> order(final int hops, final Direction direction) {
        final var order = new ArrayList<Integer>();
        for (int i = 0; i < hops; i++) {
            order.add(direction == Direction.FORWARD ? i : hops - 1 - i);
        }
        return order;
    }

    private SwitchProfile profileOf(final String switchId) {
        return facts.profileOf(switchId);
    }

    /**
     * The flow that sends a frame at {@code switchId} on to the chain's {@code position}-th hop of this direction:
     * skipping hops without a live instance when the chain fails open, dropping when it fails closed, and to L2
     * forwarding after the last hop.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private void steer(final Plan plan, final Direction direction, final boolean v6, final List<Integer> order,
            final int position, final String switchId, final String id, final int priority, final FlowMatch match) {
        int next = position;
        while (next < order.size() && plan.live().get(order.get(next)).isEmpty() && plan.failOpen()) {
            next++;
        }
        final List<Instruction> instructions;
        final long cookie;
        if (next == order.size()) {
            cookie = chainCookie(plan);
            instructions = List.of(new Instruction.GotoTable(Table.L2_FORWARD));
        } else {
            final int hopIndex = order.get(next);
            cookie = hopCookie(plan, hopIndex);
            instructions = plan.live().get(hopIndex).isEmpty() ? List.of()
                : List.of(new Instruction.ApplyActions(List.of(new Action.Group(group(plan, direction, v6, next,
                    hopIndex, switchId)))));
        }
        tables.add(switchId, new FlowRecord("insertion:" + id, Table.SERVICE_CHAIN, priority, cookie, match,
            instructions));
    }

    /** The select group on a switch that spreads this direction's frames over a hop's live instances. */
    private long group(final Plan plan, final Direction direction, final boolean v6, final int position,
            final int hopIndex, final String switchId) {
        final String key = plan.network().id() + "/" + plan.key() + "/" + direction + "/" + position + "/" + v6;
        final Long known = tables.groupId(switchId, key);
        if (known != null) {
            return known;
        }
        final var buckets = new ArrayList<GroupRecord.Bucket>();
        for (Instance instance : plan.live().get(hopIndex)) {
            bucket(plan, direction, v6, position, instance, switchId).ifPresent(actions -> buckets.add(
                new GroupRecord.Bucket(instance.index(), actions)));
        }
        return tables.addGroup(switchId, key, buckets, hopCookie(plan, hopIndex));
    }

    /** How one instance gets a frame from this switch: straight out of a local port, or labelled over the fabric. */
    private Optional<List<Action>> bucket(final Plan plan, final Direction direction, final boolean v6,
            final int position, final Instance instance, final String switchId) {
        final PortPlace target = instance.deliverAt(direction);
        final String mac = instance.deliverPort(direction).macAddress();
        final boolean routed = instance.function().routed();
        if (target.switchId().equals(switchId)) {
            return Optional.of(routed && mac != null ? List.of(new Action.SetEthDst(mac), new Action.Output(
                target.ofPort())) : List.of(new Action.Output(target.ofPort())));
        }
        final Optional<List<Action>> fabric = facts.fabric().towards(switchId, target.switchId(),
            plan.network());
        if (fabric.isEmpty() || mac == null) {
            problems.add("chain " + plan.key() + ": no path from " + switchId + " to " + instance.function().name()
                + " on " + target.switchId() + "; that instance is not used from there");
            return Optional.empty();
        }
        final int label = ChainPaths.label(plan.path(), position, instance.index(), direction, v6);
        final var actions = new ArrayList<Action>(List.of(new Action.PushMpls(), new Action.SetMplsLabel(label),
            new Action.SetEthDst(mac)));
        actions.addAll(fabric.orElseThrow());
        compileArrival(plan, instance, direction, v6, label);
        return Optional.of(actions);
    }

    /** At the instance's switch: a labelled frame from the fabric is unlabelled and handed to the appliance. */
    private void compileArrival(final Plan plan, final Instance instance,
            final Direction direction, final boolean v6, final int label) {
        final PortPlace target = instance.deliverAt(direction);
        final int ethType = v6 ? FlowMatch.ETH_IPV6 : FlowMatch.ETH_IPV4;
        // Not the hop's cookie: the frame was counted where it was steered, on the sending switch.
        final long cookie = chainCookie(plan);
        final FlowMatch match = FlowMatch.builder().metadata(plan.networkBits() | Metadata.FROM_UPLINK,
            Metadata.NETWORK_MASK | Metadata.FROM_UPLINK).mplsLabel(label).build();
        final String id = "insertion:arrival:network=" + plan.network().id() + ":label=" + label;
        if (instance.function().routed()) {
            tables.add(target.switchId(), new FlowRecord(id, Table.SERVICE_CHAIN, PRIORITY_ARRIVAL, cookie, match,
                List.of(new Instruction.ApplyActions(List.of(new Action.PopMpls(ethType), new Action.Output(
                    target.ofPort()))))));
            return;
        }
        tables.add(target.switchId(), new FlowRecord(id, Table.SERVICE_CHAIN, PRIORITY_ARRIVAL, cookie, match,
            List.of(new Instruction.ApplyActions(List.of(new Action.PopMpls(ethType))),
                new Instruction.WriteMetadata(Metadata.egress(target.ofPort()), Metadata.EGRESS_MASK),
                new Instruction.GotoTable(Table.SERVICE_CHAIN_DELIVER))));
        // The frame travelled with the appliance's MAC: the network's addresses give the original one back.
        for (Port port : intent.ports().values()) {
            if (!plan.network().id().equals(port.networkId()) || port.macAddress() == null) {
                continue;
            }
            for (String ip : port.ipAddresses()) {
                if (ip.contains(":") != v6) {
                    continue;
                }
                final var restore = FlowMatch.builder().metadata(plan.networkBits() | Metadata.egress(
                    target.ofPort()), Metadata.NETWORK_MASK | Metadata.EGRESS_MASK);
                if (v6) {
                    restore.ipv6Dst(ip + "/128");
                } else {
                    restore.ipv4Dst(ip + "/32");
                }
                final String deliverPort = instance.deliverPort(direction).id();
                tables.add(target.switchId(), new FlowRecord("insertion:deliver:port=" + deliverPort + ":ip=" + ip,
                    Table.SERVICE_CHAIN_DELIVER, PRIORITY_ARRIVAL, Cookies.of(Owner.SERVICE_INSERTION,
                        ObjectKind.PORT, deliverPort), restore.build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.SetEthDst(port.macAddress()),
                        new Action.Output(target.ofPort()))))));
            }
        }
    }

    /** MPLS frames no chain of the switch expects are dropped; so is what SERVICE_CHAIN_DELIVER cannot restore. */
    private void compileMisses() {
        for (String switchId : tables.switches()) {
            SharedFlows.misses(switchId).forEach(flow -> tables.add(switchId, flow));
        }
    }

    private long hopCookie(final Plan plan, final int hopIndex) {
        final long cookie = hopCookie(plan.chain(), hopIndex + 1);
        tables.countHop(cookie, new HopRef(plan.chain().key(), hopIndex + 1));
        return cookie;
    }

    /** The cookie of the flows that steer a chain's frames to its hop {@code position} (from 1). */
    private static long hopCookie(final ServiceChain chain, final int position) {
        return Cookies.of(Owner.SERVICE_INSERTION, ObjectKind.CHAIN_HOP, chain.key() + "#" + position);
    }

    /** The cookie of a chain's own flows: its classifiers, and its quarantine while it has no path. */
    private static long chainCookie(final ServiceChain chain) {
        return Cookies.of(Owner.SERVICE_INSERTION, ObjectKind.CHAIN_HOP, chain.key().toString());
    }

    private static long chainCookie(final Plan plan) {
        return chainCookie(plan.chain());
    }

    /** What each chain's and hop's flows are, by their cookie, for a packet trace. */
    /** The paths the chains steer traffic on by design (through their live hops), for the isolation verifier. */
    public static List<Steering> steering(final ChainIntent chains, final Intent intent, final EdgeFacts facts) {
        return ChainSteering.of(chains, intent, facts);
    }

    public static Map<Long, String> cookieNames(final ChainIntent chains) {
        final var names = new HashMap<Long, String>();
        for (ServiceChain chain : chains.chains().values()) {
            final String name = "service chain " + chain.name() + " (tenant " + chain.tenantId() + ")";
            names.put(chainCookie(chain), name + ", its classifiers");
            for (int position = 1; position <= chain.hops().size(); position++) {
                final String hopName = chain.hops().get(position - 1);
                final Hop hop = chains.hop(chain.tenantId(), hopName);
                names.put(hopCookie(chain, position), "hop " + position + " (" + hopName + (hop == null ? ""
                    : ": " + String.join(", ", hop.serviceFunctions())) + ") of " + name);
            }
        }
        return names;
    }
}
