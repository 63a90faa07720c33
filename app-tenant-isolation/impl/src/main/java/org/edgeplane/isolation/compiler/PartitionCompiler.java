/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.Action.Field;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.flow.PipelineContract;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Priority;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.Fabric;

/**
 * Compiles one network on one switch.
 *
 * <p>Semantics: the switch never learns. A frame from an endpoint port is accepted only untagged and only from
 * the port's bound MAC and IPs (or an allowed address pair); it is forwarded by destination MAC to a port of the
 * same network, here or on another switch (tagged on the uplink for VLAN networks, through the tunnel port with
 * the VNI and the remote endpoint for VXLAN networks), and broadcast or multicast goes to the network's ports
 * only. On ovs switches ARP requests for a bound address are answered by the switch. Isolated ports never reach
 * each other: their frames carry the isolated-source bit, set from the in_port locally and from the source MAC
 * for frames from the fabric. Frames from the fabric never go back to it. Everything else is dropped.
 */
final class PartitionCompiler {
    private static final Owner OWNER = Owner.ISOLATION;
    private static final long FROM_PORT_MASK = Metadata.NETWORK_MASK | Metadata.FROM_UPLINK | Metadata.SRC_ISOLATED;

    private final SwitchContext here;
    private final Network network;
    private final Map<String, SwitchContext> contexts;
    private final FaultInjection faults;
    private final long networkBits;
    private final long networkCookie;
    private final Map<String, FlowRecord> flows = new TreeMap<>();
    private final Map<Long, MeterRecord> meters = new TreeMap<>();
    private final Map<String, String> failures = new TreeMap<>();
    /** The members that compiled, once each had its turn; the network-wide flows are built from these only. */
    private List<BoundPort> members;
    private List<BoundPort> local;
    private List<BoundPort> remote;
    /** Where {@link #add} puts flows: a member's own scratch map while it compiles, so a failure leaves nothing. */
    private Map<String, FlowRecord> target = flows;
    private Map<Long, MeterRecord> meterTarget = meters;

    private PartitionCompiler(final SwitchContext here, final Network network, final List<BoundPort> members,
            final Map<String, SwitchContext> contexts, final FaultInjection faults) {
        this.here = here;
        this.network = network;
        this.contexts = contexts;
        this.faults = faults;
        setMembers(members);
        networkBits = Metadata.network(network.segmentationType(), network.segmentationId());
        networkCookie = Cookies.of(OWNER, ObjectKind.NETWORK, network.id());
    }

    private void setMembers(final List<BoundPort> all) {
        members = all;
        local = all.stream().filter(port -> port.switchId().equals(here.switchId())).toList();
        remote = all.stream().filter(port -> !port.switchId().equals(here.switchId())).toList();
    }

    /**
     * The partition of one network on one switch.
     *
     * @param here the switch
     * @param network the network
     * @param members the network's bound ports on every switch, each of which passed the network's prerequisites
     * @param contexts the context of every switch a member sits on
     */
    static Partition compile(final SwitchContext here, final Network network, final List<BoundPort> members,
            final Map<String, SwitchContext> contexts) {
        return compile(here, network, members, contexts, FaultInjection.NONE);
    }

    /** As {@link #compile(SwitchContext, Network, List, Map)}, with faults injected into chosen members. */
    static Partition compile(final SwitchContext here, final Network network, final List<BoundPort> members,
            final Map<String, SwitchContext> contexts, final FaultInjection faults) {
        final var compiler = new PartitionCompiler(here, network, members, contexts, faults);
        compiler.compile();
        final var counts = new HashMap<String, Integer>();
        final var portByCookie = new HashMap<Long, String>();
        compiler.local.forEach(port -> portByCookie.put(port.cookie(), port.id()));
        for (FlowRecord flow : compiler.flows.values()) {
            final String portId = portByCookie.get(flow.cookie());
            if (portId != null) {
                counts.merge(portId, 1, Integer::sum);
            }
        }
        return new Partition(new TreeMap<>(compiler.flows), new TreeMap<>(compiler.meters), counts,
            compiler.failures);
    }

    private void compile() {
        // Each member's own flows first, each alone: a member that fails leaves no flow behind and is left out of
        // the network-wide flows below (flooding, pairs), with its reason; the other members still get theirs.
        final var compiled = new ArrayList<BoundPort>();
        for (BoundPort port : members) {
            if (compileMember(port, () -> compileOwnFlows(port))) {
                compiled.add(port);
            }
        }
        setMembers(compiled);
        final var macOwners = macOwners();
        for (BoundPort port : List.copyOf(members)) {
            final boolean ok = compileMember(port, () -> {
                for (BoundPort.ResolvedPair pair : port.pairs()) {
                    if (!pair.mac().equals(port.mac()) && macOwners.get(pair.mac()) == 1) {
                        add(l2Unicast(port, pair.mac(), "mac=" + pair.mac()));
                    }
                }
            });
            if (!ok) {
                compiled.remove(port);
            }
        }
        setMembers(compiled);
        compileFlood();
        if (!remote.isEmpty()) {
            compileFabricSide();
        }
    }

    private void compileOwnFlows(final BoundPort port) {
        faults.beforeMember(port);
        if (port.switchId().equals(here.switchId())) {
            compileLocalPort(port);
        } else {
            add(l2Unicast(port, port.mac(), null));
        }
        if (here.profile() == SwitchProfile.OVS) {
            compileArpResponder(port);
        }
    }

    /** Runs one member's part into scratch maps; keeps it when it completes, records why when it throws. */
    // The boundary of one object: whatever a member's compile throws is its own failure, not the partition's.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private boolean compileMember(final BoundPort port, final Runnable part) {
        final var scratch = new TreeMap<String, FlowRecord>();
        final var scratchMeters = new TreeMap<Long, MeterRecord>();
        target = scratch;
        meterTarget = scratchMeters;
        try {
            part.run();
        } catch (RuntimeException e) {
            failures.put(port.id(), "port " + port.id() + " on " + here.switchId() + ": " + e.getMessage());
            return false;
        } finally {
            target = flows;
            meterTarget = meters;
        }
        scratch.values().forEach(flow -> {
            final FlowRecord previous = flows.putIfAbsent(flow.id(), flow);
            if (previous != null && !previous.equals(flow)) {
                throw new IllegalStateException("two different flows share id " + flow.id());
            }
        });
        meters.putAll(scratchMeters);
        return true;
    }

    /** How many members claim each MAC (own or pair): unicast to a MAC goes only where exactly one does. */
    private Map<String, Integer> macOwners() {
        final var owners = new HashMap<String, Integer>();
        for (BoundPort port : members) {
            final var macs = new TreeSet<String>();
            macs.add(port.mac());
            port.pairs().forEach(pair -> macs.add(pair.mac()));
            macs.forEach(mac -> owners.merge(mac, 1, Integer::sum));
        }
        return owners;
    }

    private void compileLocalPort(final BoundPort port) {
        final String portId = port.id();
        final long cookie = port.cookie();
        final var classify = new ArrayList<Instruction>();
        if (port.port().rateLimit() != null) {
            final var limit = port.port().rateLimit();
            meterTarget.put(port.ofPort(), new MeterRecord(port.ofPort(), limit.kbps(), limit.effectiveBurstKbits(),
                cookie));
            classify.add(new Instruction.Meter(port.ofPort()));
        }
        classify.add(new Instruction.WriteMetadata(networkBits | (port.isolated() ? Metadata.SRC_ISOLATED : 0),
            Metadata.CLASSIFY_MASK));
        classify.add(new Instruction.GotoTable(Table.PORT_SECURITY));
        add(new FlowRecord(id("classify", "port", portId, null), Table.CLASSIFY, Priority.BINDING, cookie,
            FlowMatch.builder().inPort(port.ofPort()).untagged().build(), classify));

        final var toNext = List.<Instruction>of(new Instruction.GotoTable(Table.PORT_SECURITY.next()));
        if (port.port().portSecurityEnabled()) {
            compileAntiSpoofing(port, toNext);
        } else {
            add(new FlowRecord(id("port-security", "port", portId, "disabled"), Table.PORT_SECURITY,
                Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).build(), toNext));
        }
        add(l2Unicast(port, port.mac(), null));
        // An isolated port takes nothing that an isolated port sent: the bit must be clear to reach it.
        add(new FlowRecord(id("egress", "port", portId, null), Table.EGRESS, Priority.BINDING, cookie,
            FlowMatch.builder().metadata(networkBits | Metadata.egress(port.ofPort()), Metadata.NETWORK_MASK
                | Metadata.EGRESS_MASK | (port.isolated() ? Metadata.SRC_ISOLATED : 0)).build(),
            List.of(new Instruction.ApplyActions(List.of(new Action.Output(port.ofPort()))))));
    }

    /** Only the port's bound MAC and addresses (and its allowed pairs) may send. */
    private void compileAntiSpoofing(final BoundPort port, final List<Instruction> toNext) {
        final String portId = port.id();
        final long cookie = port.cookie();
        boolean hasIpv6 = false;
        for (InetAddress ip : port.ips()) {
            final String text = Addresses.canonical(ip);
            if (Addresses.isIpv4(ip)) {
                add(new FlowRecord(id("port-security", "port", portId, "ipv4=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac())
                        .ipv4Src(text + "/32").build(), toNext));
                add(new FlowRecord(id("port-security", "port", portId, "arp=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac())
                        .arpSender(text + "/32", port.mac()).build(), toNext));
            } else {
                hasIpv6 = true;
                add(new FlowRecord(id("port-security", "port", portId, "ipv6=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac())
                        .ipv6Src(text + "/128").build(), toNext));
            }
        }
        if (hasIpv6) {
            // Neighbour discovery and router solicitation leave from the link-local address the MAC implies.
            final String linkLocal = Addresses.ipv6LinkLocal(port.mac());
            add(new FlowRecord(id("port-security", "port", portId, "ipv6=" + linkLocal), Table.PORT_SECURITY,
                Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac())
                    .ipv6Src(linkLocal + "/128").build(), toNext));
        }
        for (BoundPort.ResolvedPair pair : port.pairs()) {
            // Below the bindings: a pair's prefix may cover a bound address, and either flow then admits the frame.
            final String detail = "pair=" + pair.prefix() + "@" + pair.mac();
            if (pair.ipv4()) {
                add(new FlowRecord(id("port-security", "port", portId, detail), Table.PORT_SECURITY,
                    Priority.ALLOWED_PAIR, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(pair.mac())
                        .ipv4Src(pair.prefix()).build(), toNext));
                add(new FlowRecord(id("port-security", "port", portId, "arp-" + detail), Table.PORT_SECURITY,
                    Priority.ALLOWED_PAIR, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(pair.mac())
                        .arpSender(pair.prefix(), pair.mac()).build(), toNext));
            } else {
                add(new FlowRecord(id("port-security", "port", portId, detail), Table.PORT_SECURITY,
                    Priority.ALLOWED_PAIR, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(pair.mac())
                        .ipv6Src(pair.prefix()).build(), toNext));
            }
        }
    }

    /** ARP requests for a bound IPv4 address of the network become the owner's reply, sent back to the asker. */
    private void compileArpResponder(final BoundPort owner) {
        for (InetAddress ip : owner.ips()) {
            if (!Addresses.isIpv4(ip)) {
                continue;
            }
            final String text = Addresses.canonical(ip);
            // An isolated owner answers only non-isolated askers, as it would be reachable only by them.
            final long mask = Metadata.NETWORK_MASK | (owner.isolated() ? Metadata.SRC_ISOLATED : 0);
            add(new FlowRecord(id("arp-responder", "port", owner.id(), "ipv4=" + text), Table.ARP_RESPONDER,
                Priority.BINDING, owner.cookie(), FlowMatch.builder().metadata(networkBits, mask)
                    .arpTarget(FlowMatch.ARP_REQUEST, text + "/32").build(),
                List.of(new Instruction.ApplyActions(List.of(new Action.Move(Field.ETH_SRC, Field.ETH_DST),
                    new Action.SetEthSrc(owner.mac()), new Action.SetArpOp(FlowMatch.ARP_REPLY),
                    new Action.Move(Field.ARP_SHA, Field.ARP_THA), new Action.Move(Field.ARP_SPA, Field.ARP_TPA),
                    new Action.SetArpSha(owner.mac()), new Action.SetArpSpa(text), new Action.OutputInPort())))));
        }
    }

    /** Unicast to a MAC of a member: straight to it when local, else toward its switch. */
    private FlowRecord l2Unicast(final BoundPort destination, final String mac, final String detail) {
        final var instructions = new ArrayList<Instruction>();
        final long egress;
        if (destination.switchId().equals(here.switchId())) {
            egress = destination.ofPort();
        } else if (isVxlan()) {
            egress = here.tunnelPort().orElseThrow();
            instructions.add(new Instruction.ApplyActions(List.of(new Action.SetTunnelId(network.segmentationId()),
                new Action.SetTunnelIpv4Dst(tunnelIpOf(destination.switchId())))));
        } else if (!here.uplinks().isEmpty()) {
            egress = here.uplinks().get(0);
        } else {
            return null;
        }
        instructions.add(new Instruction.WriteMetadata(Metadata.egress(egress), Metadata.EGRESS_MASK));
        instructions.add(new Instruction.GotoTable(Table.L2_FORWARD.next()));
        return new FlowRecord(id("l2", "port", destination.id(), detail), Table.L2_FORWARD, Priority.BINDING,
            destination.cookie(), FlowMatch.builder().metadata(networkBits, Metadata.NETWORK_MASK).ethDst(mac)
                .build(), instructions);
    }

    /**
     * Broadcast and multicast: to the network's local ports (the switch skips the in_port) and, for frames from a
     * local port, to every other switch with a member. Frames from an isolated port skip isolated ports.
     */
    private void compileFlood() {
        final List<Action> toAll = outputs(local);
        final List<Action> toShared = outputs(local.stream().filter(port -> !port.isolated()).toList());
        final List<Action> toFabric = toFabric();
        add(flood("from=port", networkBits, concat(toAll, toFabric)));
        if (local.stream().anyMatch(BoundPort::isolated)) {
            add(flood("from=isolated-port", networkBits | Metadata.SRC_ISOLATED, concat(toShared, toFabric)));
        }
        if (!remote.isEmpty()) {
            add(flood("from=fabric", networkBits | Metadata.FROM_UPLINK, toAll));
            if (remote.stream().anyMatch(BoundPort::isolated)) {
                add(flood("from=isolated-fabric", networkBits | Metadata.FROM_UPLINK | Metadata.SRC_ISOLATED,
                    toShared));
            }
        }
    }

    private FlowRecord flood(final String detail, final long metadata, final List<Action> actions) {
        return new FlowRecord(id("flood", "network", network.id(), detail), Table.L2_FORWARD, Priority.FLOOD,
            networkCookie, FlowMatch.builder().metadata(metadata, FROM_PORT_MASK)
                .ethDst(FlowMatch.GROUP_BIT, FlowMatch.GROUP_BIT).build(),
            actions.isEmpty() ? List.of() : List.of(new Instruction.ApplyActions(actions)));
    }

    /** What carries a flooded frame to the other switches of the network; nothing when it has none. */
    private List<Action> toFabric() {
        if (remote.isEmpty()) {
            return List.of();
        }
        if (isVxlan()) {
            final var actions = new ArrayList<Action>();
            actions.add(new Action.SetTunnelId(network.segmentationId()));
            final long tunnelPort = here.tunnelPort().orElseThrow();
            remote.stream().map(BoundPort::switchId).distinct().sorted().forEach(switchId -> {
                actions.add(new Action.SetTunnelIpv4Dst(tunnelIpOf(switchId)));
                actions.add(new Action.Output(tunnelPort));
            });
            return actions;
        }
        return here.uplinks().isEmpty() ? List.of() : tagAndOutput(here.uplinks().get(0));
    }

    /** Frames of the network arriving from the fabric, and frames leaving for it. */
    private void compileFabricSide() {
        final var isolatedRemoteMacs = new TreeSet<String>();
        remote.stream().filter(BoundPort::isolated).forEach(port -> {
            isolatedRemoteMacs.add(port.mac());
            port.pairs().forEach(pair -> isolatedRemoteMacs.add(pair.mac()));
        });
        final List<FlowMatch.Builder> arrivals = new ArrayList<>();
        final List<String> arrivalNames = new ArrayList<>();
        final List<Action> decapsulate;
        final Optional<Long> egress;
        final List<Action> leave;
        if (isVxlan()) {
            final long tunnelPort = here.tunnelPort().orElseThrow();
            arrivals.add(FlowMatch.builder().inPort(tunnelPort).tunnelId(network.segmentationId()));
            arrivalNames.add("tunnel=" + tunnelPort);
            decapsulate = List.of();
            egress = Optional.of(tunnelPort);
            leave = List.of(new Action.Output(tunnelPort));
        } else {
            for (long uplink : here.uplinks()) {
                arrivals.add(FlowMatch.builder().inPort(uplink).vlanVid(network.segmentationId().intValue()));
                arrivalNames.add("uplink=" + uplink);
            }
            decapsulate = List.of(new Action.PopVlan());
            egress = here.uplinks().stream().findFirst();
            leave = egress.map(this::tagAndOutput).orElse(List.of());
        }
        for (int i = 0; i < arrivals.size(); i++) {
            add(arrival(id("classify", "network", network.id(), arrivalNames.get(i)), Priority.BINDING,
                networkCookie, arrivals.get(i).build(), decapsulate, networkBits | Metadata.FROM_UPLINK));
            for (String mac : isolatedRemoteMacs) {
                add(arrival(id("classify", "network", network.id(), arrivalNames.get(i) + ":isolated=" + mac),
                    Priority.SPECIFIC, networkCookie, arrivals.get(i).ethSrc(mac).build(), decapsulate,
                    networkBits | Metadata.FROM_UPLINK | Metadata.SRC_ISOLATED));
            }
        }
        egress.ifPresent(port -> add(new FlowRecord(id("egress", "network", network.id(),
            (isVxlan() ? "tunnel=" : "uplink=") + port), Table.EGRESS, Priority.BINDING, networkCookie,
            FlowMatch.builder().metadata(networkBits | Metadata.egress(port), Metadata.NETWORK_MASK
                | Metadata.EGRESS_MASK).build(), List.of(new Instruction.ApplyActions(leave)))));
    }

    private static FlowRecord arrival(final String id, final int priority, final long cookie, final FlowMatch match,
            final List<Action> decapsulate, final long metadata) {
        final var instructions = new ArrayList<Instruction>();
        if (!decapsulate.isEmpty()) {
            instructions.add(new Instruction.ApplyActions(decapsulate));
        }
        instructions.add(new Instruction.WriteMetadata(metadata, Metadata.CLASSIFY_MASK));
        // Service chains may steer what arrives from the fabric (MPLS-labelled frames for a local appliance).
        instructions.add(new Instruction.GotoTable(Table.SERVICE_CHAIN));
        return new FlowRecord(id, Table.CLASSIFY, priority, cookie, match, instructions);
    }

    private boolean isVxlan() {
        return network.segmentationType() == SegmentationType.VXLAN;
    }

    private String tunnelIpOf(final String switchId) {
        return contexts.get(switchId).tunnelIp();
    }

    private List<Action> tagAndOutput(final long port) {
        return Fabric.tagAndOutput(network, port);
    }

    private static List<Action> outputs(final List<BoundPort> ports) {
        return ports.stream().map(port -> (Action) new Action.Output(port.ofPort())).toList();
    }

    private static List<Action> concat(final List<Action> first, final List<Action> second) {
        final var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static String id(final String stage, final String kind, final String objectId, final String detail) {
        return "isolation:" + stage + ":" + kind + "=" + objectId + (detail == null ? "" : ":" + detail);
    }

    private void add(final FlowRecord flow) {
        if (flow == null) {
            return;
        }
        final FlowRecord previous = target.put(flow.id(), PipelineContract.verify(flow));
        if (previous != null && !previous.equals(flow)) {
            throw new IllegalStateException("two different flows share id " + flow.id());
        }
    }
}
