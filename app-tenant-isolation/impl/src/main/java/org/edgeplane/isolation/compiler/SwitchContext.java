/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.endpoint.SwitchProfile;

/**
 * What the compiler needs to know about one switch, resolved from its configuration and its inventory facts.
 *
 * @param switchId inventory node id
 * @param profile what it can execute
 * @param uplinks uplink port numbers, the preferred one first
 * @param tunnelIp its VXLAN endpoint, when configured and valid
 * @param tunnelPort its flow-based VXLAN port, when configured and resolved
 */
record SwitchContext(String switchId, SwitchProfile profile, List<Long> uplinks, @Nullable String tunnelIp,
        OptionalLong tunnelPort) {
    /**
     * A switch's context from its configured intent and what it reports: the profile configured, else detected,
     * else plain OpenFlow 1.3; uplinks and tunnel port resolved among the reported port names.
     */
    static SwitchContext of(final String switchId, final @Nullable SwitchConfig config,
            final @Nullable SwitchFacts reported) {
        final SwitchProfile profile;
        if (config != null && config.profile() != null) {
            profile = config.profile();
        } else if (reported != null && reported.detectedProfile() != null) {
            profile = reported.detectedProfile();
        } else {
            // Unknown hardware gets only what every OpenFlow 1.3 switch executes.
            profile = SwitchProfile.OF13;
        }
        if (config == null) {
            return new SwitchContext(switchId, profile, List.of(), null, OptionalLong.empty());
        }
        final Map<String, Long> names = reported == null ? Map.of() : reported.portNumbersByName();
        // Reserved ports (the bridge's LOCAL port named by the bridge's name) are never uplinks or tunnels.
        final List<Long> uplinks = config.uplinkPorts().stream().map(ref -> SwitchPorts.resolve(ref, names))
            .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
            .filter(number -> SwitchPorts.numberProblem(number).isEmpty()).distinct().toList();
        final String tunnelIp = Addresses.ipLiteral(config.tunnelIp()).filter(Addresses::isIpv4)
            .map(Addresses::canonical).orElse(null);
        final OptionalLong tunnelPort = SwitchPorts.resolve(config.tunnelPort(), names);
        return new SwitchContext(switchId, profile, uplinks, tunnelIp,
            tunnelPort.isPresent() && SwitchPorts.numberProblem(tunnelPort.getAsLong()).isEmpty()
                && !uplinks.contains(tunnelPort.getAsLong()) ? tunnelPort : OptionalLong.empty());
    }
}
