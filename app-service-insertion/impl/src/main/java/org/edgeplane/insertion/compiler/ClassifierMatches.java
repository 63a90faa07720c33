/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.IpMatch.PortMask;
import org.edgeplane.core.flow.IpProtocols;
import org.edgeplane.core.flow.PortRanges;
import org.edgeplane.insertion.intent.Classifier;

/** A classifier's IP fields as flow matches on a switch of a profile. Pure. */
final class ClassifierMatches {
    /** Stands for "no port match" in the lists of port alternatives. */
    private static final PortMask ANY_PORT = new PortMask(0, 0);

    private ClassifierMatches() {
    }

    /**
     * The sender's own addresses within the classifier's source prefix: what tells a frame of this chain coming
     * back from an appliance from the appliance's own traffic. None (no constraint) when the sender has none.
     */
    static List<String> senderAddresses(final Port origin, final @Nullable String prefix,
            final boolean v6) {
        final var addresses = new ArrayList<String>();
        for (String ip : origin.ipAddresses()) {
            if (ip.contains(":") != v6) {
                continue;
            }
            final String single = ip + (v6 ? "/128" : "/32");
            if (prefix == null || Addresses.covers(prefix, single)) {
                addresses.add(single);
            }
        }
        return addresses;
    }

    /**
     * The IP part of a classifier as matches, one per port mask (or exact port on switches that cannot mask),
     * and, with {@code senders}, one per sender address.
     */
    static List<FlowMatch.Builder> of(final Classifier classifier, final boolean v6, final SwitchProfile profile,
            final @Nullable List<String> senders, final String name, final Set<String> problems) {
        final Integer proto = IpProtocols.number(classifier.protocol(), v6).orElse(null);
        final List<PortMask> sources = portAlternatives(classifier.sourcePorts(), profile, name, problems);
        final List<PortMask> destinations = portAlternatives(classifier.destinationPorts(), profile, name, problems);
        if (sources.isEmpty() || destinations.isEmpty()) {
            return List.of();
        }
        final var sourcePrefixes = new ArrayList<@Nullable String>();
        if (senders != null && !senders.isEmpty()) {
            sourcePrefixes.addAll(senders);
        } else {
            sourcePrefixes.add(classifier.sourcePrefix());
        }
        final var matches = new ArrayList<FlowMatch.Builder>();
        for (String source : sourcePrefixes) {
            for (PortMask sourcePort : sources) {
                for (PortMask destinationPort : destinations) {
                    final var match = FlowMatch.builder().ip(v6 ? FlowMatch.ETH_IPV6 : FlowMatch.ETH_IPV4);
                    if (source != null) {
                        if (v6) {
                            match.ipv6Src(source);
                        } else {
                            match.ipv4Src(source);
                        }
                    }
                    if (classifier.destinationPrefix() != null) {
                        if (v6) {
                            match.ipv6Dst(classifier.destinationPrefix());
                        } else {
                            match.ipv4Dst(classifier.destinationPrefix());
                        }
                    }
                    if (proto != null) {
                        match.ipProto(proto);
                        if (sourcePort != ANY_PORT || destinationPort != ANY_PORT) {
                            match.ports(sourcePort == ANY_PORT ? null : sourcePort,
                                destinationPort == ANY_PORT ? null : destinationPort);
                        }
                    }
                    matches.add(match);
                }
            }
        }
        return matches;
    }

    private static List<PortMask> portAlternatives(final Classifier.@Nullable PortRange range,
            final SwitchProfile profile, final String name, final Set<String> problems) {
        if (range == null || range.min() == null) {
            return List.of(ANY_PORT);
        }
        final int min = range.min();
        final int max = range.effectiveMax();
        final Optional<List<PortMask>> masks = PortRanges.forSwitch(min, max, profile == SwitchProfile.OVS);
        if (masks.isEmpty()) {
            problems.add(name + ": port range " + min + "-" + max + " needs more than " + PortRanges.MAX_EXACT_PORTS
                + " exact matches on an of13 switch; not classified there");
            return List.of();
        }
        return masks.orElseThrow().isEmpty() ? List.of(ANY_PORT) : masks.orElseThrow();
    }
}
