/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.verify.Steering;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;

/**
 * The paths the chains steer traffic on, for the isolation verifier, read from the chain intent and which ports
 * are up (not from the compiled flows, which are what it checks): a classifier's source port to the first live
 * hop's appliances (the packets its classifier admits), each live hop's appliances to the next live hop's (what
 * comes back from them), and for a symmetric chain the same backwards from the destination. An appliance is live
 * when both its ports are bound and up; a fail-open chain skips a hop without one, a fail-closed chain with such a
 * hop steers nothing (its classifiers drop).
 */
final class ChainSteering {
    private ChainSteering() {
    }

    static List<Steering> of(final ChainIntent chains, final Intent intent, final EdgeFacts facts) {
        final var steering = new ArrayList<Steering>();
        for (ServiceChain chain : chains.chains().values()) {
            final List<List<ServiceFunction>> hops = liveHops(chain, hopsOf(chain, chains), facts);
            if (hops.isEmpty()) {
                continue;
            }
            final String name = chain.name() + " (tenant " + chain.tenantId() + ")";
            for (Classifier classifier : chain.classifiers()) {
                steer(steering, name, classifier, hops.get(0), true, chain, intent);
                if (chain.symmetric()) {
                    steer(steering, name, classifier.reversed(), hops.get(hops.size() - 1), false, chain, intent);
                }
            }
            for (int position = 0; position + 1 < hops.size(); position++) {
                for (ServiceFunction from : hops.get(position)) {
                    for (ServiceFunction to : hops.get(position + 1)) {
                        steering.add(new Steering(name, from.egressPort(), to.ingressPort(), List.of()));
                        if (chain.symmetric()) {
                            steering.add(new Steering(name, to.ingressPort(), from.egressPort(), List.of()));
                        }
                    }
                }
            }
        }
        return steering;
    }

    /**
     * The hops a frame visits: each with its live functions; hops without one are skipped by a fail-open chain and
     * stop a fail-closed one (none then).
     */
    private static List<List<ServiceFunction>> liveHops(final ServiceChain chain,
            final List<List<ServiceFunction>> hops, final EdgeFacts facts) {
        final var live = new ArrayList<List<ServiceFunction>>();
        for (List<ServiceFunction> hop : hops) {
            final List<ServiceFunction> up = hop.stream().filter(function -> facts.placeIfUp(function.ingressPort())
                .isPresent() && facts.placeIfUp(function.egressPort()).isPresent()).toList();
            if (up.isEmpty() && chain.failurePolicy() != FailurePolicy.FAIL_OPEN) {
                return List.of();
            }
            if (!up.isEmpty()) {
                live.add(up);
            }
        }
        return live;
    }

    /** Each hop's service functions; empty when one is not in the intent (the validator refuses such a chain). */
    private static List<List<ServiceFunction>> hopsOf(final ServiceChain chain, final ChainIntent chains) {
        final var hops = new ArrayList<List<ServiceFunction>>();
        for (String hopName : chain.hops()) {
            final Hop hop = chains.hop(chain.tenantId(), hopName);
            if (hop == null) {
                return List.of();
            }
            final var functions = new ArrayList<ServiceFunction>();
            for (String functionName : hop.serviceFunctions()) {
                final ServiceFunction function = chains.function(chain.tenantId(), functionName);
                if (function == null) {
                    return List.of();
                }
                functions.add(function);
            }
            hops.add(functions);
        }
        return hops;
    }

    /** A classifier's senders to the appliances it enters at ({@code forward}: ingress; backwards: egress). */
    private static void steer(final List<Steering> steering, final String name, final Classifier classifier,
            final List<ServiceFunction> entry, final boolean forward, final ServiceChain chain, final Intent intent) {
        final List<FlowMatch> admits = admits(classifier, intent);
        for (String sender : senders(classifier, chain, intent)) {
            for (ServiceFunction function : entry) {
                steering.add(new Steering(name, sender, forward ? function.ingressPort() : function.egressPort(),
                    admits));
            }
        }
    }

    /** The classifier's source port, or every port of the chain's network when it names none. */
    private static Set<String> senders(final Classifier classifier, final ServiceChain chain, final Intent intent) {
        if (classifier.logicalSourcePort() != null) {
            return Set.of(classifier.logicalSourcePort());
        }
        final Network network = ChainPaths.networkOf(chain, intent);
        final var senders = new HashSet<String>();
        if (network != null) {
            intent.ports().values().stream().filter(port -> network.id().equals(port.networkId()))
                .forEach(port -> senders.add(port.id()));
        }
        return senders;
    }

    /** What the classifier admits, on the frame as its sender sends it: its IP fields and its destination's MAC. */
    private static List<FlowMatch> admits(final Classifier classifier, final Intent intent) {
        final boolean v6 = Classifier.IPV6.equals(classifier.ethertype());
        final @Nullable Port destination = classifier.logicalDestinationPort() == null ? null
            : intent.ports().get(classifier.logicalDestinationPort());
        final var admits = new ArrayList<FlowMatch>();
        for (FlowMatch.Builder match : ClassifierMatches.of(classifier, v6, SwitchProfile.OVS, null,
                classifier.name(), new HashSet<>())) {
            if (destination != null && destination.macAddress() != null) {
                match.ethDst(destination.macAddress());
            }
            admits.add(match.build());
        }
        return admits;
    }
}
