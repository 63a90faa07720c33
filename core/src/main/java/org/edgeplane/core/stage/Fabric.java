/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.flow.Action;

/**
 * How a frame of a network travels from one switch to another: tagged on the uplink for VLAN networks, through the
 * tunnel port to the other switch's endpoint for VXLAN ones. Other apps use it to send a frame to a given switch.
 */
public final class Fabric {
    public static final Fabric NONE = new Fabric(Map.of());

    private final Map<String, SwitchPath> paths;

    private Fabric(final Map<String, SwitchPath> paths) {
        this.paths = Map.copyOf(paths);
    }

    /** The fabric of these switches, by switch id. */
    public static Fabric of(final Map<String, SwitchPath> paths) {
        return new Fabric(paths);
    }

    /**
     * The actions that put a frame of the network on its way from one switch to another, ending with the output;
     * empty when the switches have no path for the network (no uplink, no tunnel endpoint).
     */
    public Optional<List<Action>> towards(final String fromSwitch, final String toSwitch, final Network network) {
        final SwitchPath here = paths.get(fromSwitch);
        final SwitchPath there = paths.get(toSwitch);
        if (here == null || there == null || fromSwitch.equals(toSwitch)) {
            return Optional.empty();
        }
        if (network.segmentationType() == SegmentationType.VXLAN) {
            if (here.tunnelPort().isEmpty() || there.tunnelIp() == null) {
                return Optional.empty();
            }
            return Optional.of(List.of(new Action.SetTunnelId(network.segmentationId()),
                new Action.SetTunnelIpv4Dst(there.tunnelIp()), new Action.Output(here.tunnelPort().getAsLong())));
        }
        return here.uplinks().isEmpty() ? Optional.empty()
            : Optional.of(tagAndOutput(network, here.uplinks().get(0)));
    }

    /** How each switch reaches the others, by switch id. */
    public Map<String, SwitchPath> paths() {
        return paths;
    }

    /** How a switch reaches the others, when it is one of the fabric's. */
    public Optional<SwitchPath> pathOf(final String switchId) {
        return Optional.ofNullable(paths.get(switchId));
    }

    /**
     * How one switch reaches the others.
     *
     * @param uplinks uplink port numbers, the preferred one first
     * @param tunnelIp its VXLAN endpoint, when configured and valid
     * @param tunnelPort its flow-based VXLAN port, when configured and resolved
     */
    public record SwitchPath(List<Long> uplinks, @Nullable String tunnelIp, OptionalLong tunnelPort) {
        public SwitchPath {
            uplinks = List.copyOf(uplinks);
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Fabric fabric && paths.equals(fabric.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    /** A VLAN network's frame, tagged and sent out of an uplink. */
    public static List<Action> tagAndOutput(final Network network, final long uplink) {
        return List.of(new Action.PushVlan(), new Action.SetVlanId(network.segmentationId().intValue()),
            new Action.Output(uplink));
    }
}
