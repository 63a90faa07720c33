/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.stage.FlowCounter;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowStatisticsData;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.table.statistics.rev131215.FlowTableStatisticsData;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * Paths into the OpenFlow plugin's inventory, and what Edgeplane reads from it.
 */
public final class Inventory {
    public static final InstanceIdentifier<Nodes> NODES = InstanceIdentifier.create(Nodes.class);
    public static final InstanceIdentifier<Node> ANY_NODE = NODES.child(Node.class);
    private static final String METER_NAME_PREFIX = "edgeplane:isolation:";
    private static final String GROUP_NAME_PREFIX = "edgeplane:group:";

    private Inventory() {
    }

    /** The name Edgeplane gives its meters, since meters carry no cookie: it finds them again by name. */
    public static String meterName(final long meterId) {
        return METER_NAME_PREFIX + meterId;
    }

    /** The name Edgeplane gives its groups, since groups carry no cookie: it finds them again by name. */
    public static String groupName(final long groupId) {
        return GROUP_NAME_PREFIX + groupId;
    }

    /** Whether a flow carries the cookie prefix of one app. */
    private static boolean isOwnedBy(final Flow flow, final long appPrefix) {
        return flow.getCookie() != null && (flow.getCookie().getValue().longValue() & Cookies.APP_MASK) == appPrefix;
    }

    /** The profile a switch's self-description implies: Open vSwitch reports Nicira as its manufacturer. */
    static @Nullable SwitchProfile detectProfile(final @Nullable FlowCapableNode description) {
        if (description == null || description.getManufacturer() == null) {
            return null;
        }
        return description.getManufacturer().toLowerCase(Locale.ROOT).contains("nicira") ? SwitchProfile.OVS
            : SwitchProfile.OF13;
    }

    /** The connected OpenFlow switches in the operational inventory, with their port names. */
    public static Map<String, SwitchFacts> switches(final @Nullable Nodes nodes) {
        final var switches = new TreeMap<String, SwitchFacts>();
        if (nodes != null) {
            for (Node node : nodes.nonnullNode().values()) {
                final SwitchFacts facts = facts(node);
                if (facts != null) {
                    switches.put(facts.nodeId(), facts);
                }
            }
        }
        return switches;
    }

    /**
     * What compilation needs of one switch: its ports (names, numbers, up or down) and profile; null for a node
     * that is absent or not an OpenFlow switch. Statistics are not part of it, so a change that leaves it equal
     * does not need a round.
     */
    public static @Nullable SwitchFacts facts(final @Nullable Node node) {
        if (node == null || node.augmentation(FlowCapableNode.class) == null) {
            return null;
        }
        final var ports = new HashMap<String, Long>();
        final var portsDown = new HashSet<Long>();
        for (NodeConnector connector : node.nonnullNodeConnector().values()) {
            final var flowCapable = connector.augmentation(FlowCapableNodeConnector.class);
            if (flowCapable != null && flowCapable.getName() != null && flowCapable.getPortNumber() != null
                    && flowCapable.getPortNumber().getUint32() != null) {
                final long number = flowCapable.getPortNumber().getUint32().toJava();
                ports.put(flowCapable.getName(), number);
                if (isDown(flowCapable)) {
                    portsDown.add(number);
                }
            }
        }
        final String nodeId = node.getId().getValue();
        return new SwitchFacts(nodeId, ports, detectProfile(node.augmentation(FlowCapableNode.class)), portsDown);
    }

    /** Whether the switch reports the port's link down or the port administratively down. */
    private static boolean isDown(final FlowCapableNodeConnector port) {
        final boolean linkDown = port.getState() != null && Boolean.TRUE.equals(port.getState().getLinkDown());
        final boolean disabled = port.getConfiguration() != null
            && Boolean.TRUE.equals(port.getConfiguration().getPORTDOWN());
        return linkDown || disabled;
    }

    /**
     * Edgeplane's flows (every app's: one reconciler installs them all) that the switches report in their flow
     * statistics (operational inventory), as {@link FlowAudit#identities}, by
     * switch. A switch appears only once it reported at least one statistics round (a table with flows).
     */
    public static Map<String, Set<String>> reportedFlows(final @Nullable Nodes nodes) {
        final var found = new TreeMap<String, Set<String>>();
        if (nodes == null) {
            return found;
        }
        for (Node node : nodes.nonnullNode().values()) {
            final FlowCapableNode flowCapable = node.augmentation(FlowCapableNode.class);
            if (flowCapable == null || flowCapable.getTable() == null) {
                continue;
            }
            final var cookies = new ArrayList<Long>();
            boolean polled = false;
            for (var table : flowCapable.nonnullTable().values()) {
                polled |= table.augmentation(FlowTableStatisticsData.class) != null;
                for (Flow flow : table.nonnullFlow().values()) {
                    if (flow.getCookie() != null && Cookies.isEdgeplane(flow.getCookie().getValue().longValue())) {
                        cookies.add(flow.getCookie().getValue().longValue());
                    }
                }
            }
            // Before the first statistics round a switch looks empty; table statistics prove a round happened.
            if (polled) {
                found.put(node.getId().getValue(), FlowAudit.identities(cookies));
            }
        }
        return found;
    }

    /** Packets and bytes of one app's flows in the operational inventory, summed by cookie over every switch. */
    public static Map<Long, FlowCounter> countersByCookie(final @Nullable Nodes nodes, final Owner owner) {
        final var counters = new HashMap<Long, FlowCounter>();
        forEachFlowOf(nodes, owner, (nodeId, tableId, flow) -> {
            final var data = flow.augmentation(FlowStatisticsData.class);
            if (data != null && data.getFlowStatistics() != null) {
                final var statistics = data.getFlowStatistics();
                counters.merge(flow.getCookie().getValue().longValue(), new FlowCounter(
                    counterValue(statistics.getPacketCount()), counterValue(statistics.getByteCount())),
                    FlowCounter::plus);
            }
        });
        return counters;
    }

    private static long counterValue(final @Nullable Counter64 counter) {
        // Switch counters are unsigned 64 bits; one that passed 2^63 is saturated rather than negative.
        return counter == null || counter.getValue() == null ? 0
            : counter.getValue().toJava().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    @FunctionalInterface
    private interface FlowVisitor {
        void visit(String nodeId, short tableId, Flow flow);
    }

    /** Visits every flow of one app in an inventory (configuration or operational). */
    private static void forEachFlowOf(final @Nullable Nodes nodes, final Owner owner, final FlowVisitor visitor) {
        if (nodes == null) {
            return;
        }
        final long prefix = Cookies.appPrefix(owner);
        for (Node node : nodes.nonnullNode().values()) {
            final FlowCapableNode flowCapable = node.augmentation(FlowCapableNode.class);
            if (flowCapable == null) {
                continue;
            }
            for (var table : flowCapable.nonnullTable().values()) {
                for (Flow flow : table.nonnullFlow().values()) {
                    if (isOwnedBy(flow, prefix)) {
                        visitor.visit(node.getId().getValue(), table.getId().toJava(), flow);
                    }
                }
            }
        }
    }
}
