/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Per-switch settings that the inventory cannot tell.
 *
 * @param nodeId inventory node id
 * @param uplinkPorts ports toward the fabric (numbers or names), the first one preferred
 * @param profile the switch's profile when the operator set it; detected from the inventory when null
 * @param tunnelIp the switch's VXLAN tunnel endpoint
 * @param tunnelPort the switch's flow-based VXLAN port (number or name)
 */
public record SwitchConfig(String nodeId, List<String> uplinkPorts, @Nullable SwitchProfile profile,
        @Nullable String tunnelIp, @Nullable String tunnelPort) {
    public SwitchConfig {
        requireNonNull(nodeId);
        uplinkPorts = List.copyOf(uplinkPorts);
    }

    /** A switch with uplinks only: profile detected, no tunnel endpoint. */
    public SwitchConfig(final String nodeId, final List<String> uplinkPorts) {
        this(nodeId, uplinkPorts, null, null, null);
    }

    public SwitchConfig withProfile(final @Nullable SwitchProfile newProfile) {
        return new SwitchConfig(nodeId, uplinkPorts, newProfile, tunnelIp, tunnelPort);
    }

    public SwitchConfig withTunnel(final String ip, final String port) {
        return new SwitchConfig(nodeId, uplinkPorts, profile, ip, port);
    }
}
