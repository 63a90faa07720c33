/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.RateLimit;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.endpoint.Tenant;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.IntentBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.ObjectId;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.PortBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.Switch;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.SwitchBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.TenantBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.port.AllowedAddressPairBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.port.RateLimitBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Converts between the YANG-generated intent container and the compiler's immutable records, and names its path.
 */
public final class IntentCodec {
    /** The intent container in the configuration datastore. */
    public static final InstanceIdentifier<org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent> PATH =
        InstanceIdentifier.create(org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent.class);

    private IntentCodec() {
    }

    /** The records for a container; an absent container is empty intent. */
    public static Intent fromBinding(
            final org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.@Nullable Intent container) {
        if (container == null) {
            return Intent.EMPTY;
        }
        final var tenants = new ArrayList<Tenant>();
        container.nonnullTenant().values()
            .forEach(tenant -> tenants.add(new Tenant(tenant.getId().getValue(), tenant.getName())));
        final var networks = new ArrayList<Network>();
        container.nonnullNetwork().values().forEach(network -> networks.add(new Network(network.getId().getValue(),
            network.getTenantId(),
            network.getSegmentationType() == null ? null
                : SegmentationType.valueOf(network.getSegmentationType().getName().toUpperCase(Locale.ROOT)),
            network.getSegmentationId() == null ? null : network.getSegmentationId().toJava())));
        final var ports = new ArrayList<Port>();
        container.nonnullPort().values().forEach(port -> ports.add(fromBinding(port)));
        final var switches = new ArrayList<SwitchConfig>();
        for (Switch config : container.nonnullSwitch().values()) {
            switches.add(new SwitchConfig(config.getNodeId(),
                config.getUplinkPort() == null ? List.of() : config.getUplinkPort(),
                config.getProfile() == null ? null
                    : SwitchProfile.valueOf(config.getProfile().getName().toUpperCase(Locale.ROOT)),
                config.getTunnelIp(), config.getTunnelPort()));
        }
        return Intent.of(tenants, networks, ports, switches);
    }

    private static Port fromBinding(
            final org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.Port port) {
        final var pairs = port.nonnullAllowedAddressPair().values().stream()
            .map(pair -> new AddressPair(pair.getIpPrefix(), pair.getMacAddress()))
            .sorted(Comparator.comparing(AddressPair::ipPrefix)).toList();
        final var limit = port.getRateLimit();
        return new Port(port.getId().getValue(), port.getTenantId(), port.getNetworkId(), port.getSwitchId(),
            port.getSwitchPort(), port.getMacAddress(),
            port.getIpAddress() == null ? List.of() : List.copyOf(new TreeSet<>(port.getIpAddress())),
            Boolean.TRUE.equals(port.getIsolated()), pairs,
            limit == null ? null : new RateLimit(limit.getKbps() == null ? 0 : limit.getKbps().toJava(),
                limit.getBurstKbits() == null ? null : limit.getBurstKbits().toJava()),
            !Boolean.FALSE.equals(port.getPortSecurityEnabled()));
    }

    /** The container for records: the inverse of {@link #fromBinding}. */
    public static org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent toBinding(final Intent intent) {
        final var tenants = new ArrayList<org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.Tenant>();
        intent.tenants().values().forEach(tenant -> tenants.add(new TenantBuilder().setId(new ObjectId(tenant.id()))
            .setName(tenant.name()).build()));
        final var networks =
            new ArrayList<org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.Network>();
        intent.networks().values().forEach(network -> networks.add(new NetworkBuilder()
            .setId(new ObjectId(network.id())).setTenantId(network.tenantId())
            .setSegmentationType(network.segmentationType() == null ? null
                : org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.SegmentationType
                    .ofName(network.segmentationType().yangName()))
            .setSegmentationId(network.segmentationId() == null ? null : Uint32.valueOf(network.segmentationId()))
            .build()));
        final var ports = new ArrayList<org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.intent.Port>();
        intent.ports().values().forEach(port -> ports.add(new PortBuilder().setId(new ObjectId(port.id()))
            .setTenantId(port.tenantId()).setNetworkId(port.networkId()).setSwitchId(port.switchId())
            .setSwitchPort(port.switchPort()).setMacAddress(port.macAddress())
            .setIpAddress(port.ipAddresses().isEmpty() ? null : Set.copyOf(port.ipAddresses()))
            .setIsolated(port.isolated() ? Boolean.TRUE : null)
            .setPortSecurityEnabled(port.portSecurityEnabled() ? null : Boolean.FALSE)
            .setAllowedAddressPair(port.allowedAddressPairs().isEmpty() ? null
                : BindingMap.of(port.allowedAddressPairs().stream().map(pair -> new AllowedAddressPairBuilder()
                    .setIpPrefix(pair.ipPrefix()).setMacAddress(pair.macAddress()).build()).toList()))
            .setRateLimit(port.rateLimit() == null ? null : new RateLimitBuilder()
                .setKbps(Uint32.valueOf(port.rateLimit().kbps()))
                .setBurstKbits(port.rateLimit().burstKbits() == null ? null
                    : Uint32.valueOf(port.rateLimit().burstKbits())).build())
            .build()));
        final var switches = new ArrayList<Switch>();
        intent.switches().values().forEach(config -> switches.add(new SwitchBuilder().setNodeId(config.nodeId())
            .setUplinkPort(config.uplinkPorts())
            .setProfile(config.profile() == null ? null
                : org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.SwitchProfile
                    .ofName(config.profile().yangName()))
            .setTunnelIp(config.tunnelIp()).setTunnelPort(config.tunnelPort()).build()));
        return new IntentBuilder().setTenant(BindingMap.of(tenants)).setNetwork(BindingMap.of(networks))
            .setPort(BindingMap.of(ports)).setSwitch(BindingMap.of(switches)).build();
    }
}
