/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
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

    /** The path of a switch in the inventory, as the OpenFlow plugin's RPCs take it. */
    public static NodeRef nodeRef(final String switchId) {
        return new NodeRef(NODES.child(Node.class, new NodeKey(new NodeId(switchId))));
    }

    /** The name Edgeplane gives its meters, since meters carry no cookie: it finds them again by name. */
    public static String meterName(final long meterId) {
        return METER_NAME_PREFIX + meterId;
    }

    /** The name Edgeplane gives its groups, since groups carry no cookie: it finds them again by name. */
    public static String groupName(final long groupId) {
        return GROUP_NAME_PREFIX + groupId;
    }

    /** The profile a switch's self-description implies: Open vSwitch reports Nicira as its manufacturer. */
    static @Nullable SwitchProfile detectProfile(final @Nullable FlowCapableNode description) {
        if (description == null || description.getManufacturer() == null) {
            return null;
        }
        return description.getManufacturer().toLowerCase(Locale.ROOT).contains("nicira") ? SwitchProfile.OVS
            : SwitchProfile.OF13;
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
        if (ports.isEmpty()) {
            // The plugin writes a connecting switch before its ports (every switch has at least LOCAL): compiled
            // against no ports, a switch would be written without the flows of ports bound by name, then again.
            return null;
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
}
