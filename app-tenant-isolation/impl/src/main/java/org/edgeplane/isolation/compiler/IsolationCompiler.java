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
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.isolation.flow.Action;
import org.edgeplane.isolation.flow.FlowMatch;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.flow.Instruction;
import org.edgeplane.isolation.intent.Addresses;
import org.edgeplane.isolation.intent.Intent;
import org.edgeplane.isolation.intent.Network;
import org.edgeplane.isolation.intent.Port;
import org.edgeplane.isolation.intent.SegmentationType;
import org.edgeplane.isolation.intent.SwitchConfig;
import org.edgeplane.isolation.pipeline.Cookies;
import org.edgeplane.isolation.pipeline.Cookies.ObjectKind;
import org.edgeplane.isolation.pipeline.Metadata;
import org.edgeplane.isolation.pipeline.Owner;
import org.edgeplane.isolation.pipeline.PipelineContract;
import org.edgeplane.isolation.pipeline.Priority;
import org.edgeplane.isolation.pipeline.Table;

/**
 * Compiles an intent snapshot into the tenant-isolation flows of every switch. A pure function: the same intent
 * and inventory give the same flows, ids and cookies, whatever happened before.
 *
 * <p>Semantics: the switch never learns. A frame from an endpoint port is accepted only untagged and only from
 * the port's bound MAC and IPs; it is forwarded by destination MAC to a port of the same network, here or behind
 * the uplink, and broadcast or multicast goes to the network's ports only. Frames from the fabric carry the
 * network's VLAN tag and are delivered only to local ports. Everything else is dropped.
 */
public final class IsolationCompiler {
    private static final Owner OWNER = Owner.ISOLATION;

    private IsolationCompiler() {
    }

    /** A port the compiler could place on a switch port. */
    private record BoundPort(Port port, Network network, long ofPort, String mac, List<InetAddress> ips) {
        String switchId() {
            return port.switchId();
        }

        long networkBits() {
            return Metadata.network(network.segmentationType(), network.segmentationId());
        }

        long cookie() {
            return Cookies.of(OWNER, ObjectKind.PORT, port.id());
        }
    }

    /**
     * Compiles everything.
     *
     * @param intent validated intent
     * @param inventory what each connected switch reported, by node id
     * @return desired flows per switch and an outcome per port
     */
    public static CompiledIntent compile(final Intent intent, final Map<String, SwitchFacts> inventory) {
        final var outcomes = new TreeMap<String, PortOutcome>();
        final var bound = bindPorts(intent, inventory, outcomes);

        final var bySwitch = new TreeMap<String, List<BoundPort>>();
        final var byNetwork = new HashMap<String, List<BoundPort>>();
        for (BoundPort port : bound) {
            bySwitch.computeIfAbsent(port.switchId(), key -> new ArrayList<>()).add(port);
            byNetwork.computeIfAbsent(port.network().id(), key -> new ArrayList<>()).add(port);
        }
        final var flowsBySwitch = new TreeMap<String, SortedMap<String, FlowRecord>>();
        for (var entry : bySwitch.entrySet()) {
            final var flows = new TreeMap<String, FlowRecord>();
            compileSwitch(entry.getKey(), entry.getValue(), byNetwork, uplinks(intent, inventory, entry.getKey()),
                flows);
            flowsBySwitch.put(entry.getKey(), flows);
            final var flowsByCookie = new HashMap<Long, Integer>();
            flows.values().forEach(flow -> flowsByCookie.merge(flow.cookie(), 1, Integer::sum));
            for (BoundPort port : entry.getValue()) {
                outcomes.put(port.port().id(), new PortOutcome(port.port().id(), port.switchId(),
                    flowsByCookie.getOrDefault(port.cookie(), 0), Optional.empty()));
            }
        }
        return new CompiledIntent(flowsBySwitch, outcomes);
    }

    private static List<BoundPort> bindPorts(final Intent intent, final Map<String, SwitchFacts> inventory,
            final Map<String, PortOutcome> outcomes) {
        final var bound = new ArrayList<BoundPort>();
        final var owners = new TreeMap<String, String>();
        for (Port port : intent.ports().values()) {
            final Network network = intent.networks().get(port.networkId());
            final Optional<String> mac = Addresses.unicastMac(port.macAddress());
            final String problem;
            final OptionalLong ofPort = resolve(port.switchPort(), inventory.get(port.switchId()));
            final String location = port.switchId() + " port " + port.switchPort();
            if (network == null || network.segmentationType() == null || network.segmentationId() == null
                    || mac.isEmpty()) {
                problem = "not valid intent";
            } else if (network.segmentationType() != SegmentationType.VLAN) {
                problem = "network " + network.id() + ": " + network.segmentationType().yangName()
                    + " segmentation is not supported yet";
            } else if (ofPort.isEmpty()) {
                problem = location + " is not reported by the switch (yet)";
            } else if (isUplink(intent, inventory, port.switchId(), ofPort.getAsLong())) {
                problem = location + " is an uplink of the switch";
            } else if (owners.putIfAbsent(port.switchId() + "#" + ofPort.getAsLong(), port.id()) != null) {
                problem = location + " is already bound to port "
                    + owners.get(port.switchId() + "#" + ofPort.getAsLong());
            } else {
                problem = null;
            }
            if (problem != null) {
                outcomes.put(port.id(), new PortOutcome(port.id(), String.valueOf(port.switchId()), 0,
                    Optional.of(problem)));
                continue;
            }
            final var ips = port.ipAddresses().stream().map(Addresses::ipLiteral).flatMap(Optional::stream)
                .toList();
            bound.add(new BoundPort(port, network, ofPort.getAsLong(), mac.orElseThrow(), ips));
        }
        return bound;
    }

    private static OptionalLong resolve(final String switchPort, final SwitchFacts facts) {
        if (switchPort == null) {
            return OptionalLong.empty();
        }
        if (switchPort.chars().allMatch(Character::isDigit) && !switchPort.isEmpty()) {
            return OptionalLong.of(Long.parseLong(switchPort));
        }
        final Long number = facts == null ? null : facts.portNumbersByName().get(switchPort);
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    private static List<Long> uplinks(final Intent intent, final Map<String, SwitchFacts> inventory,
            final String switchId) {
        final SwitchConfig config = intent.switches().get(switchId);
        if (config == null) {
            return List.of();
        }
        return config.uplinkPorts().stream().map(ref -> resolve(ref, inventory.get(switchId)))
            .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
    }

    private static boolean isUplink(final Intent intent, final Map<String, SwitchFacts> inventory,
            final String switchId, final long ofPort) {
        return uplinks(intent, inventory, switchId).contains(ofPort);
    }

    private static void compileSwitch(final String switchId, final List<BoundPort> local,
            final Map<String, List<BoundPort>> byNetwork, final List<Long> uplinks,
            final Map<String, FlowRecord> flows) {
        final long switchCookie = Cookies.of(OWNER, ObjectKind.SWITCH, switchId);
        for (Table table : List.of(Table.CLASSIFY, Table.PORT_SECURITY, Table.L2_FORWARD, Table.EGRESS)) {
            add(flows, new FlowRecord("isolation:miss:" + table.name().toLowerCase(java.util.Locale.ROOT), table,
                Priority.TABLE_MISS, switchCookie, FlowMatch.builder().build(), List.of()));
        }
        add(flows, new FlowRecord("isolation:miss:arp-responder", Table.ARP_RESPONDER, Priority.TABLE_MISS,
            switchCookie, FlowMatch.builder().build(), List.of(new Instruction.GotoTable(Table.ARP_RESPONDER.next()))));

        final var networksHere = new TreeMap<String, Network>();
        local.forEach(port -> networksHere.put(port.network().id(), port.network()));
        final Optional<Long> uplink = uplinks.stream().findFirst();

        for (BoundPort port : local) {
            compileLocalPort(port, flows);
        }
        for (Network network : networksHere.values()) {
            final var members = byNetwork.get(network.id());
            final var localMembers = members.stream().filter(port -> port.switchId().equals(switchId)).toList();
            final boolean spans = members.size() > localMembers.size();
            final long networkBits = Metadata.network(network.segmentationType(), network.segmentationId());
            final int vlan = network.segmentationId().intValue();
            final long networkCookie = Cookies.of(OWNER, ObjectKind.NETWORK, network.id());
            for (BoundPort remote : members) {
                if (!remote.switchId().equals(switchId) && uplink.isPresent()) {
                    add(flows, l2Unicast(remote, uplink.orElseThrow()));
                }
            }
            compileFlood(network, localMembers, spans ? uplink : Optional.empty(), flows);
            if (!spans) {
                continue;
            }
            for (long uplinkPort : uplinks) {
                add(flows, new FlowRecord(id("classify", "network", network.id(), "uplink=" + uplinkPort),
                    Table.CLASSIFY, Priority.BINDING, networkCookie,
                    FlowMatch.builder().inPort(uplinkPort).vlanVid(vlan).build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.PopVlan())),
                        new Instruction.WriteMetadata(networkBits | Metadata.FROM_UPLINK, Metadata.CLASSIFY_MASK),
                        new Instruction.GotoTable(Table.L2_FORWARD))));
            }
            if (uplink.isPresent()) {
                add(flows, new FlowRecord(id("egress", "network", network.id(), "uplink=" + uplink.orElseThrow()),
                    Table.EGRESS, Priority.BINDING, networkCookie,
                    FlowMatch.builder().metadata(networkBits | Metadata.egress(uplink.orElseThrow()),
                        Metadata.NETWORK_MASK | Metadata.EGRESS_MASK).build(),
                    List.of(new Instruction.ApplyActions(tagAndOutput(vlan, uplink.orElseThrow())))));
            }
        }
    }

    private static void compileLocalPort(final BoundPort port, final Map<String, FlowRecord> flows) {
        final String portId = port.port().id();
        final long cookie = port.cookie();
        final var toPortSecurity = new Instruction.GotoTable(Table.PORT_SECURITY.next());
        add(flows, new FlowRecord(id("classify", "port", portId, null), Table.CLASSIFY, Priority.BINDING, cookie,
            FlowMatch.builder().inPort(port.ofPort()).untagged().build(),
            List.of(new Instruction.WriteMetadata(port.networkBits(), Metadata.CLASSIFY_MASK),
                new Instruction.GotoTable(Table.PORT_SECURITY))));
        boolean hasIpv6 = false;
        for (InetAddress ip : port.ips()) {
            final String text = Addresses.canonical(ip);
            final var match = FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac());
            if (Addresses.isIpv4(ip)) {
                add(flows, new FlowRecord(id("port-security", "port", portId, "ipv4=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie, match.ipv4Src(text + "/32").build(), List.of(toPortSecurity)));
                add(flows, new FlowRecord(id("port-security", "port", portId, "arp=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie,
                    FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac()).arpSender(text + "/32", port.mac())
                        .build(), List.of(toPortSecurity)));
            } else {
                hasIpv6 = true;
                add(flows, new FlowRecord(id("port-security", "port", portId, "ipv6=" + text), Table.PORT_SECURITY,
                    Priority.BINDING, cookie, match.ipv6Src(text + "/128").build(), List.of(toPortSecurity)));
            }
        }
        if (hasIpv6) {
            // Neighbour discovery and router solicitation leave from the link-local address the MAC implies.
            final String linkLocal = Addresses.ipv6LinkLocal(port.mac());
            add(flows, new FlowRecord(id("port-security", "port", portId, "ipv6=" + linkLocal), Table.PORT_SECURITY,
                Priority.BINDING, cookie, FlowMatch.builder().inPort(port.ofPort()).ethSrc(port.mac())
                    .ipv6Src(linkLocal + "/128").build(), List.of(toPortSecurity)));
        }
        add(flows, l2Unicast(port, port.ofPort()));
        add(flows, new FlowRecord(id("egress", "port", portId, null), Table.EGRESS, Priority.BINDING, cookie,
            FlowMatch.builder().metadata(port.networkBits() | Metadata.egress(port.ofPort()),
                Metadata.NETWORK_MASK | Metadata.EGRESS_MASK).build(),
            List.of(new Instruction.ApplyActions(List.of(new Action.Output(port.ofPort()))))));
    }

    /** Unicast to a port of the network: straight to it when local, else to the uplink. */
    private static FlowRecord l2Unicast(final BoundPort destination, final long egressPort) {
        return new FlowRecord(id("l2", "port", destination.port().id(), null), Table.L2_FORWARD, Priority.BINDING,
            destination.cookie(),
            FlowMatch.builder().metadata(destination.networkBits(), Metadata.NETWORK_MASK).ethDst(destination.mac())
                .build(),
            List.of(new Instruction.WriteMetadata(Metadata.egress(egressPort), Metadata.EGRESS_MASK),
                new Instruction.GotoTable(Table.L2_FORWARD.next())));
    }

    /**
     * Broadcast and multicast: to every local port of the network (the switch skips the in_port), and, for frames
     * from a local port of a network that spans switches, tagged to the uplink. Frames from the fabric never go
     * back to it.
     */
    private static void compileFlood(final Network network, final List<BoundPort> localMembers,
            final Optional<Long> uplink, final Map<String, FlowRecord> flows) {
        final long networkBits = Metadata.network(network.segmentationType(), network.segmentationId());
        final long cookie = Cookies.of(OWNER, ObjectKind.NETWORK, network.id());
        final List<Action> toLocal = localMembers.stream().map(port -> (Action) new Action.Output(port.ofPort()))
            .toList();
        final var fromLocal = new ArrayList<>(toLocal);
        uplink.ifPresent(port -> fromLocal.addAll(tagAndOutput(network.segmentationId().intValue(), port)));
        add(flows, new FlowRecord(id("flood", "network", network.id(), "from=port"), Table.L2_FORWARD,
            Priority.FLOOD, cookie, FlowMatch.builder().metadata(networkBits, Metadata.NETWORK_MASK
                | Metadata.FROM_UPLINK).ethDst(FlowMatch.GROUP_BIT, FlowMatch.GROUP_BIT).build(),
            List.of(new Instruction.ApplyActions(fromLocal))));
        if (uplink.isPresent()) {
            add(flows, new FlowRecord(id("flood", "network", network.id(), "from=uplink"), Table.L2_FORWARD,
                Priority.FLOOD, cookie, FlowMatch.builder().metadata(networkBits | Metadata.FROM_UPLINK,
                    Metadata.NETWORK_MASK | Metadata.FROM_UPLINK).ethDst(FlowMatch.GROUP_BIT, FlowMatch.GROUP_BIT)
                    .build(),
                List.of(new Instruction.ApplyActions(toLocal))));
        }
    }

    private static List<Action> tagAndOutput(final int vlan, final long port) {
        return List.of(new Action.PushVlan(), new Action.SetVlanId(vlan), new Action.Output(port));
    }

    private static String id(final String stage, final String kind, final String objectId, final String detail) {
        return "isolation:" + stage + ":" + kind + "=" + objectId + (detail == null ? "" : ":" + detail);
    }

    private static void add(final Map<String, FlowRecord> flows, final FlowRecord flow) {
        final FlowRecord previous = flows.put(flow.id(), PipelineContract.verify(flow));
        if (previous != null && !previous.equals(flow)) {
            throw new IllegalStateException("two different flows share id " + flow.id());
        }
    }
}
