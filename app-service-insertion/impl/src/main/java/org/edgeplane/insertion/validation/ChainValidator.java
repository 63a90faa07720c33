/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.IpProtocols;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.Classifier.PortRange;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.insertion.intent.TenantName;

/**
 * Checks service functions, hops and chains against the tenant intent. Malformed values and references to
 * nothing are invalid (400); a port in two roles, a service function in two hops, a hop in two chains and
 * classifiers that select the same packets for two chains are conflicts (409).
 */
public final class ChainValidator {

    private final Intent intent;
    private final ChainIntent chains;
    private final List<Violation> violations = new ArrayList<>();
    /** Port id → the role it already has ("ingress port of service function t/fw"). */
    private final Map<String, String> roles = new HashMap<>();
    private final Map<TenantName, TenantName> chainOfHop = new HashMap<>();

    private ChainValidator(final Intent intent, final ChainIntent chains) {
        this.intent = intent;
        this.chains = chains;
    }

    public static List<Violation> validate(final Intent intent, final ChainIntent chains) {
        final var validator = new ChainValidator(intent, chains);
        chains.functions().values().forEach(validator::checkFunction);
        validator.checkHops();
        chains.chains().values().forEach(validator::checkChain);
        validator.checkOverlaps();
        return List.copyOf(validator.violations);
    }

    private void checkFunction(final ServiceFunction function) {
        final String where = "service-function[" + function.key() + "]";
        checkTenant(where, function.tenantId());
        if (function.ingressPort() == null) {
            invalid(where + "/ingress-port", "is mandatory");
            return;
        }
        final Port ingress = servicePort(where + "/ingress-port", function, function.ingressPort());
        if (function.oneArmed()) {
            return;
        }
        final Port egress = servicePort(where + "/egress-port", function, function.egressPort());
        if (ingress != null && egress != null && !Objects.equals(ingress.networkId(), egress.networkId())) {
            invalid(where + "/egress-port", "port '" + egress.id() + "' is in network '" + egress.networkId()
                + "', the ingress port in '" + ingress.networkId() + "'");
        }
    }

    /**
     * A port of a service function: the tenant's, in no other role, and without port security, because the
     * appliance sends frames with other hosts' addresses, which anti-spoofing would drop.
     */
    private @Nullable Port servicePort(final String where, final ServiceFunction function, final String portId) {
        final Port port = tenantPort(where, function.tenantId(), portId);
        claim(where, portId, "a port of service function " + function.key());
        if (port != null && port.portSecurityEnabled()) {
            invalid(where, "port '" + portId + "' has port security enabled; an appliance forwards other hosts' "
                + "frames, so its ports need port-security-enabled false");
        }
        return port;
    }

    private void checkHops() {
        final var hopOfFunction = new HashMap<TenantName, TenantName>();
        for (Hop hop : chains.hops().values()) {
            final TenantName key = hop.key();
            final String where = "hop[" + key + "]";
            checkTenant(where, hop.tenantId());
            if (hop.serviceFunctions().isEmpty()) {
                invalid(where + "/service-function", "a hop needs at least one service function");
            }
            if (!Set.copyOf(hop.fields()).equals(Set.copyOf(Hop.FIVE_TUPLE))) {
                invalid(where + "/load-balance-field", "only the IP and L4 5-tuple (the default) can be honoured: "
                    + "OpenFlow 1.3 cannot tell a switch which fields its select group hashes, and Open vSwitch "
                    + "hashes the addresses and TCP ports");
            }
            if (hop.serviceFunctions().size() > Hop.MAX_SERVICE_FUNCTIONS) {
                invalid(where + "/service-function", "a hop has at most " + Hop.MAX_SERVICE_FUNCTIONS
                    + " service functions (the MPLS label names the instance in 3 bits)");
            }
            for (String name : hop.serviceFunctions()) {
                final var function = new TenantName(hop.tenantId(), name);
                if (!chains.functions().containsKey(function)) {
                    invalid(where + "/service-function", "tenant '" + hop.tenantId()
                        + "' has no service function '" + name + "'");
                    continue;
                }
                final TenantName other = hopOfFunction.putIfAbsent(function, key);
                if (other != null && !other.equals(key)) {
                    conflict(where + "/service-function", "service function '" + name + "' is already in hop '"
                        + other.name() + "'", other.toString());
                }
            }
        }
    }

    private void checkChain(final ServiceChain chain) {
        final String where = "service-chain[" + chain.key() + "]";
        checkTenant(where, chain.tenantId());
        for (String name : chain.hops()) {
            final TenantName other = chainOfHop.putIfAbsent(new TenantName(chain.tenantId(), name), chain.key());
            if (other != null && !other.equals(chain.key())) {
                conflict(where + "/hop", "hop '" + name + "' is already in chain '" + other.name() + "': traffic "
                    + "coming back from it could not tell which chain it is in", other.toString());
            }
        }
        if (chain.hops().isEmpty()) {
            invalid(where + "/hop", "a chain needs at least one hop");
        }
        if (chain.hops().size() > ServiceChain.MAX_HOPS) {
            invalid(where + "/hop", "a chain has at most " + ServiceChain.MAX_HOPS
                + " hops (the MPLS label carries the position in 5 bits)");
        }
        final var networks = new TreeSet<String>();
        final var seen = new HashSet<String>();
        for (String name : chain.hops()) {
            final Hop hop = chains.hop(chain.tenantId(), name);
            if (hop == null) {
                invalid(where + "/hop", "tenant '" + chain.tenantId() + "' has no hop '" + name + "'");
                continue;
            }
            if (!seen.add(name)) {
                invalid(where + "/hop", "hop '" + name + "' appears twice: traffic coming back from it could not "
                    + "tell which position it is at");
            }
            for (String functionName : hop.serviceFunctions()) {
                final ServiceFunction function = chains.function(chain.tenantId(), functionName);
                if (function != null) {
                    networkOf(function.ingressPort(), chain.tenantId()).ifPresent(networks::add);
                }
            }
        }
        if (chain.classifiers().size() > Limits.MAX_CLASSIFIERS_PER_CHAIN) {
            Limits.checkSize(where + "/classifier", chain.classifiers(), Limits.MAX_CLASSIFIERS_PER_CHAIN, Set.of(),
                violations);
        } else {
            for (Classifier classifier : chain.classifiers()) {
                checkClassifier(where + "/classifier[" + classifier.name() + "]", chain, classifier, networks);
            }
        }
        if (networks.size() > 1) {
            invalid(where, "the chain's ports are in networks " + networks + "; a chain stays within one network");
        }
    }

    private void checkClassifier(final String where, final ServiceChain chain, final Classifier classifier,
            final Set<String> networks) {
        final boolean ipv6;
        if (Classifier.IPV4.equals(classifier.ethertype()) || Classifier.IPV6.equals(classifier.ethertype())) {
            ipv6 = Classifier.IPV6.equals(classifier.ethertype());
        } else {
            invalid(where + "/ethertype", "'" + classifier.ethertype() + "' is not ipv4 or ipv6");
            ipv6 = false;
        }
        final Integer protocol = protocolNumber(classifier);
        if (classifier.protocol() != null && protocol == null) {
            invalid(where + "/protocol", "'" + classifier.protocol() + "' is not " + IpProtocols.EXPECTED);
        }
        checkPrefix(where + "/source-prefix", classifier.sourcePrefix(), ipv6);
        checkPrefix(where + "/destination-prefix", classifier.destinationPrefix(), ipv6);
        checkRange(where + "/source-port", classifier.sourcePorts(), protocol);
        checkRange(where + "/destination-port", classifier.destinationPorts(), protocol);
        if (classifier.logicalSourcePort() == null) {
            invalid(where + "/logical-source-port", "is mandatory: traffic is classified at its source port");
        } else if (tenantPort(where + "/logical-source-port", chain.tenantId(), classifier.logicalSourcePort())
                != null) {
            checkNotServicePort(where + "/logical-source-port", classifier.logicalSourcePort());
            networkOf(classifier.logicalSourcePort(), chain.tenantId()).ifPresent(networks::add);
        }
        if (classifier.logicalDestinationPort() == null) {
            if (chain.symmetric()) {
                invalid(where + "/logical-destination-port", "is mandatory on a symmetric chain: replies are "
                    + "classified at the destination port");
            }
        } else if (tenantPort(where + "/logical-destination-port", chain.tenantId(),
                classifier.logicalDestinationPort()) != null) {
            checkNotServicePort(where + "/logical-destination-port", classifier.logicalDestinationPort());
            networkOf(classifier.logicalDestinationPort(), chain.tenantId()).ifPresent(networks::add);
        }
    }

    /** Classifiers of two chains of one tenant that can select the same packet (replies of symmetric ones too). */
    private void checkOverlaps() {
        final var directed = new ArrayList<Directed>();
        for (ServiceChain chain : chains.chains().values()) {
            final TenantName key = chain.key();
            for (Classifier classifier : chain.classifiers()) {
                directed.add(new Directed(key, classifier.name(), classifier));
                if (chain.symmetric()) {
                    directed.add(new Directed(key, classifier.name() + " (replies)", classifier.reversed()));
                }
            }
        }
        for (int i = 0; i < directed.size(); i++) {
            for (int j = i + 1; j < directed.size(); j++) {
                final Directed left = directed.get(i);
                final Directed right = directed.get(j);
                if (left.chain().tenantId().equals(right.chain().tenantId()) && !left.chain().equals(right.chain())
                        && overlap(left.classifier(), right.classifier())) {
                    conflict("service-chain[" + right.chain() + "]/classifier[" + right.name() + "]",
                        "selects packets that classifier '" + left.name() + "' of chain '" + left.chain().name()
                            + "' selects too: which chain they take would be ambiguous", left.chain().toString());
                }
            }
        }
    }

    private record Directed(TenantName chain, String name, Classifier classifier) {
    }

    /** Whether some packet matches both: every field pair admits a common value. */
    static boolean overlap(final Classifier left, final Classifier right) {
        return Objects.equals(left.logicalSourcePort(), right.logicalSourcePort())
            && left.ethertype().equals(right.ethertype())
            && compatible(left.logicalDestinationPort(), right.logicalDestinationPort())
            && compatible(protocolNumber(left), protocolNumber(right))
            && prefixesMeet(left.sourcePrefix(), right.sourcePrefix())
            && prefixesMeet(left.destinationPrefix(), right.destinationPrefix())
            && rangesMeet(left.sourcePorts(), right.sourcePorts())
            && rangesMeet(left.destinationPorts(), right.destinationPorts());
    }

    private static boolean compatible(final @Nullable Object left, final @Nullable Object right) {
        return left == null || right == null || left.equals(right);
    }

    private static boolean prefixesMeet(final @Nullable String left, final @Nullable String right) {
        return left == null || right == null || Addresses.covers(left, right) || Addresses.covers(right, left);
    }

    private static boolean rangesMeet(final @Nullable PortRange left, final @Nullable PortRange right) {
        return left == null || right == null || left.min() == null || right.min() == null
            || left.min() <= right.effectiveMax() && right.min() <= left.effectiveMax();
    }

    private static @Nullable Integer protocolNumber(final Classifier classifier) {
        return IpProtocols.number(classifier.protocol(), Classifier.IPV6.equals(classifier.ethertype())).orElse(null);
    }

    private void checkPrefix(final String where, final @Nullable String prefix, final boolean ipv6) {
        if (prefix == null) {
            return;
        }
        final var parsed = Addresses.ipPrefix(prefix);
        if (parsed.isEmpty()) {
            invalid(where, "'" + prefix + "' is not an IP prefix (address/length, no host bits set)");
        } else if (parsed.orElseThrow().ipv4() == ipv6) {
            invalid(where, "'" + prefix + "' is not of the classifier's ethertype");
        }
    }

    private void checkRange(final String where, final @Nullable PortRange range, final @Nullable Integer protocol) {
        if (range == null) {
            return;
        }
        if (!IpProtocols.hasPorts(protocol)) {
            invalid(where + "-min", "port ranges need protocol tcp or udp");
        } else if (range.min() == null) {
            invalid(where + "-min", "is required with " + where.substring(where.lastIndexOf('/') + 1) + "-max");
        } else if (range.max() != null && range.max() < range.min()) {
            invalid(where + "-max", range.max() + " is below the minimum " + range.min());
        }
    }

    private void checkTenant(final String where, final String tenantId) {
        if (!intent.tenants().containsKey(tenantId)) {
            invalid(where + "/tenant-id", "tenant '" + tenantId + "' does not exist");
        }
    }

    /** The port, when it exists and is the tenant's; otherwise records why not and returns null. */
    private @Nullable Port tenantPort(final String where, final String tenantId, final String portId) {
        final Port port = intent.ports().get(portId);
        if (port == null) {
            invalid(where, "port '" + portId + "' does not exist");
            return null;
        }
        if (!tenantId.equals(port.tenantId())) {
            invalid(where, "port '" + portId + "' belongs to tenant '" + port.tenantId() + "', not '" + tenantId
                + "'");
            return null;
        }
        if (port.networkId() == null) {
            invalid(where, "port '" + portId + "' is in no network");
            return null;
        }
        return port;
    }

    private void claim(final String where, final String portId, final String role) {
        final String existing = roles.putIfAbsent(portId, role);
        if (existing != null && !existing.equals(role)) {
            conflict(where, "port '" + portId + "' is already " + existing, portId);
        }
    }

    private void checkNotServicePort(final String where, final String portId) {
        final String role = roles.get(portId);
        if (role != null) {
            conflict(where, "port '" + portId + "' is " + role + "; a service port is no chain's source or "
                + "destination", portId);
        }
    }

    /** The network of a port of the tenant; other ports have been reported already. */
    private Optional<String> networkOf(final @Nullable String portId, final String tenantId) {
        final Port port = portId == null ? null : intent.ports().get(portId);
        return Optional.ofNullable(port == null || !tenantId.equals(port.tenantId()) ? null : port.networkId());
    }

    private void invalid(final String field, final String reason) {
        violations.add(new Violation(field, reason, Violation.Kind.INVALID, Set.of()));
    }

    private void conflict(final String field, final String reason, final String involved) {
        violations.add(new Violation(field, reason, Violation.Kind.CONFLICT, Set.of(involved)));
    }
}
