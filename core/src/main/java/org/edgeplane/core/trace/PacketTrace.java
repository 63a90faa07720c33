/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Table;

/**
 * A packet's path through Edgeplane's switches, told in terms of the intent: on each switch, every flow it matched
 * (with the object that made it), then where it went: to an endpoint, through a tunnel or the uplinks' fabric to
 * another switch (and on through that one), or nowhere, and which flow or table miss dropped it. Connection
 * tracking is an input, as {@code ovn-trace --ct} takes it: every ct action answers the given state.
 */
public final class PacketTrace {
    /** How the text lists the rules, policy entries and chain hops whose flows the frame matched. */
    public static final String MET = "Rules, policy entries and chain hops it met: ";
    /** The most switches one trace visits: frames that keep crossing the fabric are a defect, reported as such. */
    private static final int MAX_HOPS = 16;

    private PacketTrace() {
    }

    /**
     * One switch as the trace sees it.
     *
     * @param flows the flows it holds
     * @param groups its groups by id
     * @param meters its meters by id
     * @param uplinks its ports to the fabric that joins the switches, the preferred one first
     * @param tunnel its flow-based tunnel port, if any
     */
    public record SwitchView(Collection<FlowRecord> flows, Map<Long, GroupRecord> groups,
            Map<Long, MeterRecord> meters, List<Long> uplinks, @Nullable TunnelPort tunnel) {
        public SwitchView {
            flows = List.copyOf(flows);
            groups = Map.copyOf(groups);
            meters = Map.copyOf(meters);
            uplinks = List.copyOf(uplinks);
        }
    }

    /** The switches a trace may visit, by node id, and what the deployment calls things. */
    public record Deployment(Map<String, SwitchView> switches, Names names) {
        public Deployment {
            switches = Map.copyOf(switches);
            requireNonNull(names);
        }
    }

    /** A switch's tunnel port and the address its tunnels end on. */
    public record TunnelPort(long port, String endpoint) {
        public TunnelPort {
            requireNonNull(endpoint);
        }
    }

    /** What the deployment calls things: the objects behind cookies, the endpoints behind ports. */
    public interface Names {
        /** The intent object whose flows carry this cookie, such as "port h1 of network red-web (tenant red)". */
        Optional<String> owner(long cookie);

        /** The endpoint attached to a switch port, such as "port h3 of network red-web (tenant red)". */
        Optional<String> endpoint(String switchId, long port);

        /** The switch that has an endpoint with this MAC address, if the intent places one. */
        Optional<String> switchOf(String mac);
    }

    /** Where a frame ended. */
    public sealed interface Fate {
        /** Sent out of a port to what is attached there (an endpoint, or a port no intent names). */
        record Delivered(String switchId, long port, String to, Frame frame) implements Fate {
        }

        /** Sent nowhere: the flow that dropped it, or the table where nothing matched. */
        record Dropped(String switchId, String why) implements Fate {
        }

        /** Sent where the trace cannot follow: a tunnel to an address no switch has, a fabric with no peer. */
        record Lost(String switchId, String why) implements Fate {
        }
    }

    /**
     * The frame's walk through one switch.
     *
     * @param came how it got there: empty for the first switch, else the tunnel or uplink from the previous one
     */
    public record Hop(String switchId, long inPort, String came, Frame frame, SwitchWalk.Walk walk) {
    }

    /** Every switch the frame went through, in order, and where each copy of it ended. */
    public record Trace(List<Hop> hops, List<Fate> fates) {
        public Trace {
            hops = List.copyOf(hops);
            fates = List.copyOf(fates);
        }

        /** The ports the frame left on a switch to an endpoint or an unnamed port, in order. */
        public List<Long> deliveredPorts(final String switchId) {
            return fates.stream().filter(fate -> fate instanceof Fate.Delivered delivered
                && delivered.switchId().equals(switchId)).map(fate -> ((Fate.Delivered) fate).port()).toList();
        }
    }

    private record Arrival(String switchId, long inPort, String came, Frame frame) {
    }

    /**
     * Traces a frame that arrives on a switch's port.
     *
     * @param ct the connection-tracking state every ct action answers
     * @throws IllegalArgumentException when the switch is unknown
     */
    public static Trace trace(final Deployment deployment, final String switchId, final long inPort,
            final Frame frame, final SwitchWalk.Conntrack.State ct) {
        return trace(deployment.switches(), deployment.names(), switchId, inPort, frame, ct);
    }

    /**
     * Traces a frame that arrives on a switch's port.
     *
     * @param switches every switch the trace may visit, by node id
     * @param ct the connection-tracking state every ct action answers
     * @throws IllegalArgumentException when the switch is unknown
     */
    public static Trace trace(final Map<String, SwitchView> switches, final Names names, final String switchId,
            final long inPort, final Frame frame, final SwitchWalk.Conntrack.State ct) {
        if (!switches.containsKey(switchId)) {
            throw new IllegalArgumentException("unknown switch " + switchId);
        }
        final var hops = new ArrayList<Hop>();
        final var fates = new ArrayList<Fate>();
        final var queue = new ArrayDeque<Arrival>();
        queue.add(new Arrival(switchId, inPort, "", frame));
        while (!queue.isEmpty()) {
            final Arrival arrival = queue.poll();
            if (hops.size() >= MAX_HOPS) {
                fates.add(new Fate.Lost(arrival.switchId(), "the trace stopped after " + MAX_HOPS
                    + " switches: the frame keeps crossing between them"));
                break;
            }
            final SwitchView view = switches.get(arrival.switchId());
            final SwitchWalk.Walk walk = SwitchWalk.walk(view.flows(), view.groups(), arrival.inPort(),
                arrival.frame(), (action, tracked) -> ct);
            hops.add(new Hop(arrival.switchId(), arrival.inPort(), arrival.came(), arrival.frame(), walk));
            if (walk.outputs().isEmpty()) {
                fates.add(new Fate.Dropped(arrival.switchId(), whyDropped(walk, names)));
            }
            for (SwitchWalk.Step.Sent sent : walk.outputs()) {
                follow(switches, names, arrival.switchId(), sent, queue, fates);
            }
        }
        return new Trace(hops, fates);
    }

    private static void follow(final Map<String, SwitchView> switches, final Names names, final String switchId,
            final SwitchWalk.Step.Sent sent, final ArrayDeque<Arrival> queue, final List<Fate> fates) {
        final SwitchView view = switches.get(switchId);
        final Frame frame = sent.frame();
        if (view.tunnel() != null && view.tunnel().port() == sent.port()) {
            final String remote = frame.tunnelDst();
            final var peer = switches.entrySet().stream().filter(entry -> !entry.getKey().equals(switchId)
                && entry.getValue().tunnel() != null && entry.getValue().tunnel().endpoint().equals(remote))
                .findFirst();
            if (peer.isEmpty()) {
                fates.add(new Fate.Lost(switchId, "into the tunnel to " + remote + ", where no switch is known"));
            } else {
                queue.add(new Arrival(peer.orElseThrow().getKey(), peer.orElseThrow().getValue().tunnel().port(),
                    "tunnel from " + switchId + " (tun_id " + frame.tunnelId() + ")",
                    frame.withTunnel(frame.tunnelId(), null)));
            }
            return;
        }
        if (view.uplinks().contains(sent.port())) {
            // The fabric learns MAC addresses: a unicast frame reaches the switch that has its destination.
            final Optional<String> holder = isMulticast(frame.ethDst()) ? Optional.empty()
                : names.switchOf(frame.ethDst()).filter(holding -> !holding.equals(switchId));
            final var peers = switches.entrySet().stream().filter(entry -> !entry.getKey().equals(switchId)
                && !entry.getValue().uplinks().isEmpty()
                && (holder.isEmpty() || holder.orElseThrow().equals(entry.getKey()))).toList();
            if (peers.isEmpty()) {
                fates.add(new Fate.Lost(switchId, "out of the uplink, where no other switch is known"));
            }
            peers.forEach(peer -> queue.add(new Arrival(peer.getKey(), peer.getValue().uplinks().get(0),
                "fabric from " + switchId + "'s uplink " + sent.port(), frame)));
            return;
        }
        fates.add(new Fate.Delivered(switchId, sent.port(), names.endpoint(switchId, sent.port())
            .orElse("port " + sent.port() + " (no endpoint of the intent)"), frame.withTunnel(null, null)));
    }

    private static boolean isMulticast(final String mac) {
        return (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0;
    }

    private static String whyDropped(final SwitchWalk.Walk walk, final Names names) {
        final SwitchWalk.Step last = walk.steps().isEmpty() ? null : walk.steps().get(walk.steps().size() - 1);
        if (last instanceof SwitchWalk.Step.Missed missed) {
            return "no flow of table " + missed.table() + " matched (table miss: drop)" + meaning(missed.table());
        }
        for (int index = walk.steps().size() - 1; index >= 0; index--) {
            if (walk.steps().get(index) instanceof SwitchWalk.Step.Matched matched) {
                return "dropped by " + flowName(matched.flow(), names) + " in table " + matched.flow().table()
                    + meaning(matched.flow().table());
            }
        }
        return "dropped";
    }

    /** What a drop in a table means, in the intent's terms. */
    private static String meaning(final Table table) {
        return switch (table) {
            case CLASSIFY -> ": it came in on a port no network owns, or with a tag or tunnel id no network has";
            case PORT_SECURITY -> ": its source MAC or address is not the port's own (anti-spoofing)";
            case FIREWALL_FROM_STATE, FIREWALL_TO_STATE -> ": connection tracking calls it invalid";
            case FIREWALL_FROM_POLICY, FIREWALL_TO_POLICY -> ": a deny entry of the tenant's policy";
            case FIREWALL_FROM_DENY, FIREWALL_TO_DENY -> ": no rule of the port's security groups admits it";
            case SERVICE_CHAIN, SERVICE_CHAIN_DELIVER -> ": a chain's hop has no live instance (fail-closed), or"
                + " the frame is for no appliance here";
            case L2_FORWARD -> ": no port of its network has that destination here, or both ports are isolated";
            default -> "";
        };
    }

    private static String flowName(final FlowRecord flow, final Names names) {
        return "flow " + flow.id() + names.owner(flow.cookie()).map(owner -> " (" + owner + ")").orElse("");
    }

    /** The trace as an operator reads it: per switch, each flow matched and what made it; then every fate. */
    public static String text(final Trace trace, final Deployment deployment) {
        final Names names = deployment.names();
        final var text = new StringBuilder();
        for (Hop hop : trace.hops()) {
            text.append(hop.switchId()).append(" in_port ").append(hop.inPort());
            names.endpoint(hop.switchId(), hop.inPort()).ifPresent(endpoint -> text.append(" (").append(endpoint)
                .append(')'));
            if (!hop.came().isEmpty()) {
                text.append(", by ").append(hop.came());
            }
            text.append(": ").append(describe(hop.frame())).append("\n  (the switch's own view: ovs-appctl"
                + " ofproto/trace <bridge> '").append(OvsMicroflow.of(hop.inPort(), hop.frame())).append("')\n");
            final SwitchView view = deployment.switches().get(hop.switchId());
            for (SwitchWalk.Step step : hop.walk().steps()) {
                text.append(stepLine(hop.switchId(), view, step, names));
            }
        }
        final var decided = new LinkedHashSet<String>();
        for (Hop hop : trace.hops()) {
            for (SwitchWalk.Step step : hop.walk().steps()) {
                if (step instanceof SwitchWalk.Step.Matched matched && decides(matched.flow().cookie())) {
                    names.owner(matched.flow().cookie()).ifPresent(decided::add);
                }
            }
        }
        if (!decided.isEmpty()) {
            text.append(MET).append(String.join("; ", decided))
                .append('\n');
        }
        text.append("Fate:\n");
        for (Fate fate : trace.fates()) {
            if (fate instanceof Fate.Delivered delivered) {
                text.append("  delivered on ").append(delivered.switchId()).append(" port ").append(delivered.port())
                    .append(" to ").append(delivered.to()).append(": ").append(describe(delivered.frame()))
                    .append('\n');
            } else if (fate instanceof Fate.Dropped dropped) {
                text.append("  dropped on ").append(dropped.switchId()).append(": ").append(dropped.why()).append('\n');
            } else if (fate instanceof Fate.Lost lost) {
                text.append("  lost on ").append(lost.switchId()).append(": ").append(lost.why()).append('\n');
            }
        }
        return text.toString();
    }

    /** A flow of a firewall rule, a policy entry or a chain's hop: what the operator wrote to decide on traffic. */
    private static boolean decides(final long cookie) {
        return Cookies.isOf(cookie, Cookies.ObjectKind.RULE) || Cookies.isOf(cookie, Cookies.ObjectKind.CHAIN_HOP);
    }

    private static String stepLine(final String switchId, final SwitchView view, final SwitchWalk.Step step,
            final Names names) {
        if (step instanceof SwitchWalk.Step.Matched matched) {
            return "  " + matched.flow() + "\n      " + flowName(matched.flow(), names) + ", cookie 0x"
                + Long.toHexString(matched.flow().cookie()) + "\n";
        } else if (step instanceof SwitchWalk.Step.Missed missed) {
            return "  " + missed.table() + ": no flow matched: drop\n";
        } else if (step instanceof SwitchWalk.Step.Grouped grouped) {
            return groupLines(grouped, names);
        } else if (step instanceof SwitchWalk.Step.Metered metered) {
            final MeterRecord meter = view.meters().get(metered.meterId());
            return "    meter " + metered.meterId() + (meter == null ? ": not installed\n" : ": drops what exceeds "
                + meter.kbps() + " kbit/s (burst " + meter.burstKbits() + " kbit); traced as within the limit"
                + names.owner(meter.cookie()).map(owner -> ", " + owner).orElse("") + "\n");
        } else if (step instanceof SwitchWalk.Step.Sent sent) {
            return "    output to port " + sent.port() + portName(switchId, view, sent.port(), names) + "\n";
        }
        return "";
    }

    private static String groupLines(final SwitchWalk.Step.Grouped grouped, final Names names) {
        final GroupRecord group = grouped.group();
        final var lines = new StringBuilder("    group ").append(group.groupId()).append(" select, ")
            .append(group.buckets().size()).append(" buckets").append(names.owner(group.cookie())
                .map(owner -> ", " + owner).orElse("")).append(": the switch hashes addresses and ports to one;"
                + " traced: bucket ").append(group.buckets().get(grouped.bucket()).bucketId()).append('\n');
        for (GroupRecord.Bucket bucket : group.buckets()) {
            lines.append("      ").append(bucket).append('\n');
        }
        return lines.toString();
    }

    private static String portName(final String switchId, final SwitchView view, final long port,
            final Names names) {
        if (view.tunnel() != null && view.tunnel().port() == port) {
            return " (tunnel)";
        }
        if (view.uplinks().contains(port)) {
            return " (uplink)";
        }
        return names.endpoint(switchId, port).map(endpoint -> " (" + endpoint + ")").orElse("");
    }

    private static String transport(final Frame.L4 l4) {
        return switch (l4.proto()) {
            case 6 -> " tcp " + l4.srcPort() + " > " + l4.dstPort() + TcpFlags.text(l4.tcpFlags());
            case 17 -> " udp " + l4.srcPort() + " > " + l4.dstPort();
            case 1, 58 -> " icmp type " + l4.icmpType() + " code " + l4.icmpCode();
            default -> " proto " + l4.proto();
        };
    }

    /** A frame in one line: addresses, VLAN, type, transport. */
    public static String describe(final Frame frame) {
        final var text = new StringBuilder(frame.ethSrc()).append(" > ").append(frame.ethDst());
        if (frame.vlan() != null) {
            text.append(" vlan ").append(frame.vlan());
        }
        if (frame.tunnelId() != null) {
            text.append(" tun_id ").append(frame.tunnelId());
        }
        if (frame.ethType() == FlowMatch.ETH_ARP) {
            text.append(" arp ").append(frame.arpOp() != null && frame.arpOp() == FlowMatch.ARP_REQUEST ? "request"
                : "reply").append(' ').append(frame.ipSrc()).append(" > ").append(frame.ipDst());
        } else if (frame.ipSrc() != null) {
            text.append(frame.ethType() == FlowMatch.ETH_IPV6 ? " ipv6 " : " ipv4 ").append(frame.ipSrc())
                .append(" > ").append(frame.ipDst());
            final Frame.L4 l4 = frame.l4();
            if (l4 != null) {
                text.append(transport(l4));
            }
        } else {
            text.append(String.format(" eth_type 0x%04x", frame.ethType()));
        }
        return text.toString();
    }
}
