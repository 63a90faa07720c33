/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.Classifier.PortRange;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.LoadBalanceField;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.junit.Test;

public class ChainValidatorTest {
    private static final Intent INTENT = IntentFixtures.builder().tenant("red").tenant("blue")
        .vlanNetwork("web", "red", 100).vlanNetwork("db", "red", 101).vlanNetwork("blue-net", "blue", 200)
        .port("src", "red", "web", "openflow:1", "1", IntentFixtures.mac(1), "10.0.0.1")
        .port("dst", "red", "web", "openflow:2", "1", IntentFixtures.mac(2), "10.0.0.2")
        .appliancePort("fw-in", "red", "web", "openflow:1", "2", IntentFixtures.mac(3))
        .appliancePort("fw-out", "red", "web", "openflow:1", "3", IntentFixtures.mac(4))
        .appliancePort("ids", "red", "web", "openflow:2", "2", IntentFixtures.mac(5))
        .appliancePort("proxy", "red", "web", "openflow:2", "4", IntentFixtures.mac(8))
        .port("secured", "red", "web", "openflow:2", "5", IntentFixtures.mac(9))
        .port("db1", "red", "db", "openflow:2", "3", IntentFixtures.mac(6), "10.1.0.1")
        .port("blue1", "blue", "blue-net", "openflow:1", "4", IntentFixtures.mac(7), "10.0.0.1")
        .build();
    private static final ServiceFunction FIREWALL = new ServiceFunction("red", "fw", "fw-in", "fw-out");
    private static final ServiceFunction IDS = new ServiceFunction("red", "ids", "ids", null);
    private static final Hop FIREWALLS = new Hop("red", "firewalls", List.of("fw"), List.of());
    private static final Hop SENSORS = new Hop("red", "sensors", List.of("ids"), List.of());
    /** The hop of the second chain in tests of two chains (a hop belongs to one chain). */
    private static final ServiceFunction PROXY = new ServiceFunction("red", "proxy", "proxy", null);
    private static final Hop PROXIES = new Hop("red", "proxies", List.of("proxy"), List.of());
    private static final Classifier WEB = Classifier.from("web", "src").withProtocol("tcp")
        .withPorts(null, PortRange.of(80, 80)).withDestinationPort("dst");

    private static ServiceChain chain(final String name, final boolean symmetric, final Classifier... classifiers) {
        return new ServiceChain("red", name, List.of("firewalls", "sensors"), List.of(classifiers), symmetric,
            FailurePolicy.FAIL_OPEN);
    }

    /** A second chain, through the proxies. */
    private static ServiceChain proxyChain(final String name, final boolean symmetric,
            final Classifier... classifiers) {
        return new ServiceChain("red", name, List.of("proxies"), List.of(classifiers), symmetric,
            FailurePolicy.FAIL_OPEN);
    }

    private static List<Violation> validate(final List<ServiceFunction> functions, final List<Hop> hops,
            final ServiceChain... chains) {
        return ChainValidator.validate(INTENT, ChainIntent.of(functions, hops, List.of(chains)));
    }

    private static List<Violation> validate(final ServiceChain... chains) {
        return validate(List.of(FIREWALL, IDS, PROXY), List.of(FIREWALLS, SENSORS, PROXIES), chains);
    }

    private static String only(final List<Violation> violations) {
        assertEquals(violations.toString(), 1, violations.size());
        return violations.get(0).kind() + " " + violations.get(0);
    }

    @Test
    public void aTwoHopSymmetricChainIsValid() {
        assertEquals(List.of(), validate(chain("web", true, WEB, Classifier.from("dns", "src").withProtocol("udp")
            .withPrefixes(null, "10.0.0.0/24").withPorts(null, PortRange.of(53, 53)).withDestinationPort("dst"))));
    }

    @Test
    public void anEmptyChainIsInvalid() {
        assertEquals("INVALID service-chain[red/empty]/hop: a chain needs at least one hop", only(validate(
            new ServiceChain("red", "empty", List.of(), List.of(WEB), false, null))));
    }

    @Test
    public void portsOfAnotherTenantAreRefused() {
        assertEquals("INVALID service-function[red/fw]/ingress-port: port 'blue1' belongs to tenant 'blue', not "
            + "'red'", only(validate(List.of(new ServiceFunction("red", "fw", "blue1", null), IDS),
                List.of(FIREWALLS, SENSORS), chain("web", false, WEB))));
        assertEquals("INVALID service-chain[red/web]/classifier[web]/logical-source-port: port 'blue1' belongs to "
            + "tenant 'blue', not 'red'", only(validate(chain("web", false, Classifier.from("web", "blue1")))));
    }

    @Test
    public void aPortInTwoConflictingRolesIsAConflict() {
        assertEquals("CONFLICT service-chain[red/web]/classifier[web]/logical-source-port: port 'ids' is a port of "
            + "service function red/ids; a service port is no chain's source or destination",
            only(validate(chain("web", false, Classifier.from("web", "ids")))));
        assertEquals("CONFLICT service-function[red/ids]/ingress-port: port 'fw-out' is already a port of service "
            + "function red/fw", only(validate(List.of(FIREWALL, new ServiceFunction("red", "ids", "fw-out",
                null)), List.of(FIREWALLS, SENSORS), chain("web", false, WEB))));
        assertEquals("CONFLICT hop[red/sensors]/service-function: service function 'fw' is already in hop "
            + "'firewalls'", only(validate(List.of(FIREWALL, IDS), List.of(FIREWALLS, new Hop("red", "sensors",
                List.of("fw", "ids"), List.of())), chain("web", false, WEB))));
    }

    @Test
    public void aHopInTwoChainsIsAConflict() {
        assertEquals("CONFLICT service-chain[red/web]/hop: hop 'firewalls' is already in chain 'admin': traffic "
            + "coming back from it could not tell which chain it is in", only(validate(new ServiceChain("red",
                "admin", List.of("firewalls"), List.of(Classifier.from("a", "dst")), false, null), chain("web",
                false, WEB))));
    }

    @Test
    public void loadBalanceFieldsOtherThanTheFiveTupleAreRefused() {
        assertEquals("INVALID hop[red/sensors]/load-balance-field: only the IP and L4 5-tuple (the default) can be "
            + "honoured: OpenFlow 1.3 cannot tell a switch which fields its select group hashes, and Open vSwitch "
            + "hashes the addresses and TCP ports", only(validate(List.of(FIREWALL, IDS, PROXY), List.of(FIREWALLS,
                new Hop("red", "sensors", List.of("ids"), List.of(LoadBalanceField.IP_SRC)), PROXIES),
                chain("web", false, WEB))));
        assertEquals(List.of(), validate(List.of(FIREWALL, IDS, PROXY), List.of(FIREWALLS, new Hop("red",
            "sensors", List.of("ids"), List.of(LoadBalanceField.L4_DST, LoadBalanceField.L4_SRC,
                LoadBalanceField.IP_PROTO, LoadBalanceField.IP_DST, LoadBalanceField.IP_SRC)), PROXIES),
            chain("web", false, WEB)));
    }

    @Test
    public void aServicePortWithPortSecurityIsInvalid() {
        assertEquals("INVALID service-function[red/proxy]/ingress-port: port 'secured' has port security enabled; "
            + "an appliance forwards other hosts' frames, so its ports need port-security-enabled false",
            only(validate(List.of(FIREWALL, IDS, new ServiceFunction("red", "proxy", "secured", null)),
                List.of(FIREWALLS, SENSORS, PROXIES), chain("web", false, WEB))));
    }

    @Test
    public void classifiersOfTwoChainsThatSelectTheSamePacketsConflict() {
        final Classifier lowPorts = Classifier.from("low", "src").withProtocol("tcp")
            .withPorts(null, PortRange.of(1, 1024));
        assertEquals("CONFLICT service-chain[red/web]/classifier[web]: selects packets that classifier 'low' of "
            + "chain 'admin' selects too: which chain they take would be ambiguous",
            only(validate(proxyChain("admin", false, lowPorts), chain("web", false, WEB))));
        // Disjoint: another protocol, other ports, another source prefix, another source port.
        assertEquals(List.of(), validate(proxyChain("admin", false, Classifier.from("low", "src").withProtocol("udp")),
            chain("web", false, WEB)));
        assertEquals(List.of(), validate(proxyChain("admin", false, Classifier.from("high", "src").withProtocol("tcp")
            .withPorts(null, PortRange.of(81, 65535))), chain("web", false, WEB)));
        assertEquals(List.of(), validate(proxyChain("admin", false, Classifier.from("a", "src").withPrefixes(
            "10.9.0.0/16", null)), chain("web", false, WEB.withPrefixes("10.0.0.0/24", null))));
        assertEquals(List.of(), validate(proxyChain("admin", false, Classifier.from("a", "dst")), chain("web", false,
            WEB)));
        // The replies of a symmetric chain are classified at the destination and overlap what starts there.
        assertEquals("CONFLICT service-chain[red/web]/classifier[web (replies)]: selects packets that classifier "
            + "'from-dst' of chain 'admin' selects too: which chain they take would be ambiguous",
            only(validate(proxyChain("admin", false, Classifier.from("from-dst", "dst").withProtocol("tcp")
                .withPorts(PortRange.of(80, 80), null)), chain("web", true, WEB))));
    }

    @Test
    public void malformedClassifiersNameTheField() {
        final var fields = new ArrayList<String>();
        for (Classifier bad : List.of(WEB.withPrefixes("10.0.0.1/8", null), WEB.withPrefixes(null, "fd00::/8"),
                Classifier.from("web", "src").withProtocol("icmp").withPorts(null, PortRange.of(80, 80)),
                WEB.withPorts(null, PortRange.of(90, 80)), WEB.withProtocol("sctp-ish"),
                new Classifier("web", "ipv4", "tcp", null, null, null, null, null, null))) {
            validate(chain("web", false, bad)).forEach(violation -> fields.add(violation.field()));
        }
        assertEquals(List.of("service-chain[red/web]/classifier[web]/source-prefix",
            "service-chain[red/web]/classifier[web]/destination-prefix",
            "service-chain[red/web]/classifier[web]/destination-port-min",
            "service-chain[red/web]/classifier[web]/destination-port-max",
            "service-chain[red/web]/classifier[web]/protocol",
            "service-chain[red/web]/classifier[web]/destination-port-min",
            "service-chain[red/web]/classifier[web]/logical-source-port"), fields);
        assertEquals("INVALID service-chain[red/web]/classifier[c]/logical-destination-port: is mandatory on a "
            + "symmetric chain: replies are classified at the destination port",
            only(validate(chain("web", true, Classifier.from("c", "src")))));
    }

    @Test
    public void referencesToNothingAndChainsAcrossNetworksAreInvalid() {
        assertEquals("INVALID hop[red/sensors]/service-function: tenant 'red' has no service function 'nids'",
            only(validate(List.of(FIREWALL, IDS), List.of(FIREWALLS, new Hop("red", "sensors", List.of("ids",
                "nids"), List.of())), chain("web", false, WEB))));
        final var crowded = new ArrayList<String>();
        for (int i = 0; i <= ServiceChain.MAX_HOPS; i++) {
            crowded.add(i % 2 == 0 ? "firewalls" : "sensors");
        }
        assertTrue(validate(new ServiceChain("red", "long", crowded, List.of(WEB), false, null)).stream()
            .anyMatch(violation -> violation.toString().contains("at most 32 hops")));
        assertTrue(validate(List.of(FIREWALL, IDS), List.of(FIREWALLS, new Hop("red", "sensors", List.of("ids",
            "a", "b", "c", "d", "e", "f", "g", "h"), List.of())), chain("web", false, WEB)).stream()
            .anyMatch(violation -> violation.toString().contains("at most 8 service functions")));
        assertEquals("INVALID service-chain[red/web]/hop: tenant 'red' has no hop 'caches'", only(validate(
            new ServiceChain("red", "web", List.of("firewalls", "caches"), List.of(WEB), false, null))));
        assertEquals("INVALID service-chain[red/web]/hop: hop 'firewalls' appears twice: traffic coming back from "
            + "it could not tell which position it is at", only(validate(new ServiceChain("red", "web",
                List.of("firewalls", "sensors", "firewalls"), List.of(WEB), false, null))));
        assertEquals("INVALID service-chain[red/web]: the chain's ports are in networks [db, web]; a chain stays "
            + "within one network", only(validate(chain("web", false, Classifier.from("web", "db1")))));
        assertTrue(validate(new ServiceChain("green", "web", List.of("firewalls"), List.of(), false, null))
            .stream().anyMatch(violation -> violation.field().equals("service-chain[green/web]/tenant-id")));
    }
}
