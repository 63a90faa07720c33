/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;

/**
 * The isolation properties, checked on what one source's walk found against the intent. Each finding carries a
 * witness; a source gets at most one finding per property and target.
 */
final class Properties {
    private static final SymbolicPacket SENT = SymbolicPacket.fromEndpoint("", 0);

    private Properties() {
    }

    /** The packets a frame match admits, on the frame as an endpoint sends it. */
    static Cube sentCube(final FlowMatch match) {
        final Cube cube = MatchCube.of(match).constraintOn(SENT);
        if (cube == null) {
            throw new IllegalArgumentException("a match no sent frame has: " + match);
        }
        return cube;
    }

    /**
     * Properties 1, 2, 3 and 5 of one delivery, added to {@code findings} (one per property and target, the first
     * found): a walk checks each delivery as it makes it and keeps none.
     */
    static void ofDelivery(final Port source, final String targetId, final SymbolicPacket packet,
            final Intent intent, final Map<String, List<Steering>> steeringByPair, final Set<String> appliancePorts,
            final Map<String, Finding> findings) {
        if (targetId.equals(source.id())) {
            return;
        }
        final Port target = intent.ports().get(targetId);
        if (target == null) {
            return;
        }
        final String sourceId = source.id();
        final List<Steering> steered = steeringByPair.getOrDefault(sourceId + "\n" + targetId, List.of());
        final boolean byChain = (appliancePorts.contains(targetId) || !steered.isEmpty())
            && steeredByChain(packet.trail());
        if (!Objects.equals(source.tenantId(), target.tenantId())) {
            add(findings, IsolationProperty.TENANT_ISOLATION, source, target, packet, List.of(),
                "port " + sourceId + " of tenant " + source.tenantId() + " reaches port " + targetId
                    + " of tenant " + target.tenantId());
        } else if (!Objects.equals(source.networkId(), target.networkId()) && steered.isEmpty()) {
            add(findings, IsolationProperty.NETWORK_ISOLATION, source, target, packet, List.of(),
                "port " + sourceId + " of network " + source.networkId() + " reaches port " + targetId
                    + " of network " + target.networkId() + " with no service chain between them");
        } else if (source.isolated() && target.isolated()
                && Objects.equals(source.networkId(), target.networkId())) {
            add(findings, IsolationProperty.ISOLATED_PORTS, source, target, packet, List.of(),
                "isolated port " + sourceId + " reaches isolated port " + targetId);
        }
        if (byChain && appliancePorts.contains(targetId) && steered.isEmpty()) {
            add(findings, IsolationProperty.SERVICE_CHAIN, source, target, packet, List.of(),
                "a chain steers traffic of port " + sourceId + " to appliance port " + targetId
                    + ", which no chain's hop order takes it to");
        }
        if (byChain && !steered.isEmpty() && steered.stream().noneMatch(step -> step.admits().isEmpty())) {
            final var admitted = new ArrayList<Cube>();
            steered.forEach(step -> step.admits().forEach(match -> admitted.add(sentCube(match))));
            add(findings, IsolationProperty.SERVICE_CHAIN, source, target, packet, admitted,
                "port " + sourceId + "'s traffic reaches appliance port " + targetId + " of chain "
                    + steered.get(0).chain() + " though the chain's classifiers do not admit it");
        }
    }

    private static boolean steeredByChain(final Trail trail) {
        for (Trail step = trail; step != null; step = step.previous()) {
            if (step instanceof Trail.Matched matched
                    && (matched.flow().table() == Table.SERVICE_CHAIN
                        || matched.flow().table() == Table.SERVICE_CHAIN_DELIVER)
                    && (matched.flow().cookie() & Cookies.APP_MASK) == Cookies.appPrefix(Owner.SERVICE_INSERTION)
                    && !matched.flow().instructions().isEmpty() && matched.flow().priority() > 0) {
                return true;
            }
        }
        return false;
    }

    private static void add(final Map<String, Finding> findings, final IsolationProperty property,
            final Port source, final Port target, final SymbolicPacket packet, final List<Cube> excluded,
            final String summary) {
        final String key = property + "\n" + target.id();
        if (findings.containsKey(key)) {
            return;
        }
        final Witness witness = Witnesses.of(packet, Cube.ALL, excluded, "port " + target.id());
        if (witness != null) {
            findings.put(key, new Finding(property, source.id(), target.id(), summary, witness));
        }
    }

    /** Property 4: what passes the source's PORT_SECURITY table comes from its own addresses. */
    static List<Finding> ofFirstStage(final String sourceId, final List<SymbolicPacket> passes,
            final Intent intent) {
        final Port source = intent.ports().get(sourceId);
        if (source == null || !source.portSecurityEnabled() || source.macAddress() == null) {
            return List.of();
        }
        final var bindings = bindings(source);
        final var macs = new ArrayList<Cube>();
        bindings.forEach(binding -> {
            final Cube mac = sentCube(FlowMatch.builder().ethSrc(binding.mac()).build());
            if (!macs.contains(mac)) {
                macs.add(mac);
            }
        });
        for (SymbolicPacket pass : passes) {
            final Witness wrongMac = Witnesses.of(pass, Cube.ALL, macs, "past PORT_SECURITY");
            if (wrongMac != null) {
                return List.of(new Finding(IsolationProperty.ANTI_SPOOFING, sourceId, null, "port " + sourceId
                    + " can send from MAC " + wrongMac.frame().ethSrc() + ", not its own", wrongMac));
            }
            for (int ethType : new int[] {FlowMatch.ETH_IPV4, FlowMatch.ETH_ARP, FlowMatch.ETH_IPV6}) {
                final var own = new ArrayList<Cube>();
                for (Binding binding : bindings) {
                    final var match = FlowMatch.builder().ethSrc(binding.mac());
                    final boolean v4 = !binding.prefix().contains(":");
                    if (ethType == FlowMatch.ETH_IPV6 && !v4) {
                        own.add(sentCube(match.ipv6Src(binding.prefix()).build()));
                    } else if (ethType == FlowMatch.ETH_IPV4 && v4) {
                        own.add(sentCube(match.ipv4Src(binding.prefix()).build()));
                    } else if (ethType == FlowMatch.ETH_ARP && v4) {
                        // The ARP sender's hardware address is a source MAC too.
                        own.add(sentCube(match.arpSender(binding.prefix(), binding.mac()).build()));
                    }
                }
                final Cube family = sentCube(FlowMatch.builder().ethType(ethType).build());
                final Witness wrongIp = Witnesses.of(pass, family, own, "past PORT_SECURITY");
                if (wrongIp != null) {
                    return List.of(new Finding(IsolationProperty.ANTI_SPOOFING, sourceId, null, "port " + sourceId
                        + " can send from " + wrongIp.frame().ethSrc() + " " + wrongIp.frame().ipSrc()
                        + ", not its own address", wrongIp));
                }
            }
        }
        return List.of();
    }

    /** A source MAC and prefix the port may send from. */
    private record Binding(String mac, String prefix) {
    }

    private static List<Binding> bindings(final Port port) {
        final String mac = Addresses.unicastMac(port.macAddress()).orElse(port.macAddress());
        final var bindings = new ArrayList<Binding>();
        boolean ipv6 = false;
        for (String ip : port.ipAddresses()) {
            final var literal = Addresses.ipLiteral(ip);
            if (literal.isEmpty()) {
                continue;
            }
            final boolean v4 = Addresses.isIpv4(literal.orElseThrow());
            ipv6 |= !v4;
            bindings.add(new Binding(mac, Addresses.canonical(literal.orElseThrow()) + (v4 ? "/32" : "/128")));
        }
        if (ipv6) {
            bindings.add(new Binding(mac, Addresses.ipv6LinkLocal(mac) + "/128"));
        }
        for (AddressPair pair : port.allowedAddressPairs()) {
            final var prefix = Addresses.ipPrefix(pair.ipPrefix());
            final @Nullable String pairMac = pair.macAddress() == null ? mac
                : Addresses.unicastMac(pair.macAddress()).orElse(null);
            if (prefix.isPresent() && pairMac != null) {
                bindings.add(new Binding(pairMac, prefix.orElseThrow().text()));
            }
        }
        return bindings;
    }
}
