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
 * An endpoint bound to one switch port. Values are exactly as orchestration wrote them; the validator checks
 * them and the compiler only sees ports that passed.
 *
 * @param id orchestration-chosen id
 * @param tenantId owning tenant
 * @param networkId attached network
 * @param switchId inventory node id, such as {@code openflow:1}
 * @param switchPort OpenFlow port number or port name
 * @param macAddress the only source MAC the port may use
 * @param ipAddresses the source IPv4/IPv6 addresses the port may use
 * @param isolated private-VLAN semantics: no traffic to or from other isolated ports of the network
 * @param allowedAddressPairs extra (MAC, IP prefix) sources that pass anti-spoofing
 * @param rateLimit policing of what the port sends, when present
 * @param portSecurityEnabled false turns off anti-spoofing and the firewall for this port (Neutron semantics)
 */
public record Port(String id, @Nullable String tenantId, @Nullable String networkId, @Nullable String switchId,
        @Nullable String switchPort, @Nullable String macAddress, List<String> ipAddresses, boolean isolated,
        List<AddressPair> allowedAddressPairs, @Nullable RateLimit rateLimit,
        boolean portSecurityEnabled) {
    public Port {
        requireNonNull(id);
        ipAddresses = List.copyOf(ipAddresses);
        allowedAddressPairs = List.copyOf(allowedAddressPairs);
    }

    /** A port with port security on. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Port(final String id, final @Nullable String tenantId, final @Nullable String networkId,
            final @Nullable String switchId, final @Nullable String switchPort, final @Nullable String macAddress,
            final List<String> ipAddresses, final boolean isolated, final List<AddressPair> allowedAddressPairs,
            final @Nullable RateLimit rateLimit) {
        this(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, isolated, allowedAddressPairs,
            rateLimit, true);
    }

    /** A plain port: not isolated, no extra addresses, no rate limit. */
    public Port(final String id, final @Nullable String tenantId, final @Nullable String networkId,
            final @Nullable String switchId, final @Nullable String switchPort, final @Nullable String macAddress,
            final List<String> ipAddresses) {
        this(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, false, List.of(), null);
    }

    /** The same port bound elsewhere (a migrated VM). */
    public Port movedTo(final String newSwitchId, final String newSwitchPort) {
        return new Port(id, tenantId, networkId, newSwitchId, newSwitchPort, macAddress, ipAddresses, isolated,
            allowedAddressPairs, rateLimit, portSecurityEnabled);
    }

    public Port withIsolated(final boolean newIsolated) {
        return new Port(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, newIsolated,
            allowedAddressPairs, rateLimit, portSecurityEnabled);
    }

    public Port withAllowedAddressPairs(final List<AddressPair> pairs) {
        return new Port(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, isolated, pairs,
            rateLimit, portSecurityEnabled);
    }

    public Port withRateLimit(final @Nullable RateLimit limit) {
        return new Port(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, isolated,
            allowedAddressPairs, limit, portSecurityEnabled);
    }

    public Port withPortSecurity(final boolean enabled) {
        return new Port(id, tenantId, networkId, switchId, switchPort, macAddress, ipAddresses, isolated,
            allowedAddressPairs, rateLimit, enabled);
    }
}
