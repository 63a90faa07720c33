/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.validation;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.core.validation.Violation.Kind;
import org.junit.Test;

/**
 * Every rule the commit cohort enforces: the field named, the reason given, the kind that picks the HTTP status.
 */
public class IntentValidatorTest {
    private static final Intent BASE = IntentFixtures.twoTenants();

    private static Intent withPort(final Port port) {
        final var ports = new ArrayList<>(BASE.ports().values());
        ports.removeIf(existing -> existing.id().equals(port.id()));
        ports.add(port);
        return Intent.of(BASE.tenants().values(), BASE.networks().values(), ports, BASE.switches().values());
    }

    private static Intent withNetwork(final Network network) {
        final var networks = new ArrayList<>(BASE.networks().values());
        networks.add(network);
        return Intent.of(BASE.tenants().values(), networks, BASE.ports().values(), BASE.switches().values());
    }

    private static Port port(final String network, final String switchPort, final String mac, final String... ips) {
        return new Port("new", "red", network, "openflow:2", switchPort, mac, List.of(ips));
    }

    private static Violation single(final Intent after) {
        final List<Violation> violations = IntentValidator.validate(BASE, after);
        assertEquals(violations.toString(), 1, violations.size());
        return violations.get(0);
    }

    private static void assertViolation(final Intent after, final String field, final String reasonPart,
            final Kind kind) {
        final Violation violation = single(after);
        assertEquals(field, violation.field());
        assertTrue(violation.reason(), violation.reason().contains(reasonPart));
        assertEquals(kind, violation.kind());
    }

    @Test
    public void validIntentPasses() {
        assertEquals(List.of(), IntentValidator.validate(Intent.EMPTY, BASE));
        assertEquals(List.of(), IntentValidator.validate(BASE, withPort(port("red-web", "9", mac(0x30),
            "10.0.0.30", "2001:db8::30"))));
    }

    @Test
    public void malformedMacIsRejected() {
        assertViolation(withPort(port("red-web", "9", "02:00:00:00:00", "10.0.0.30")), "port[new]/mac-address",
            "is not a unicast MAC", Kind.INVALID);
        assertViolation(withPort(port("red-web", "9", "01:00:5e:00:00:01", "10.0.0.30")), "port[new]/mac-address",
            "is not a unicast MAC", Kind.INVALID);
    }

    @Test
    public void malformedIpIsRejected() {
        assertViolation(withPort(port("red-web", "9", mac(0x30), "10.0.0.300")), "port[new]/ip-address",
            "'10.0.0.300' is not an IPv4 or IPv6 address", Kind.INVALID);
        assertViolation(withPort(port("red-web", "9", mac(0x30), "10.0.0.3/24")), "port[new]/ip-address",
            "without prefix length", Kind.INVALID);
    }

    @Test
    public void vlanOutOfRangeIsRejected() {
        assertViolation(withNetwork(new Network("n", "red", SegmentationType.VLAN, 4095L)),
            "network[n]/segmentation-id", "vlan id 4095 is out of range 1..4094", Kind.INVALID);
        assertViolation(withNetwork(new Network("n", "red", SegmentationType.VLAN, 0L)),
            "network[n]/segmentation-id", "out of range", Kind.INVALID);
    }

    @Test
    public void vlanUsedByAnotherNetworkIsRejected() {
        assertViolation(withNetwork(new Network("n", "blue", SegmentationType.VLAN, 101L)),
            "network[n]/segmentation-id", "vlan 101 is already used by network 'red-web'", Kind.CONFLICT);
    }

    @Test
    public void theNetworkThatTakesAUsedVlanIsBlamed() {
        final var before = IntentFixtures.builder().tenant("red").vlanNetwork("red-web", "red", 101)
            .port("p1", "red", "red-web", "openflow:1", "1", mac(1), "10.0.1.1").build();
        final var after = IntentFixtures.builder().tenant("red").vlanNetwork("red-web", "red", 101)
            .vlanNetwork("red-3", "red", 101).port("p1", "red", "red-web", "openflow:1", "1", mac(1), "10.0.1.1")
            .build();
        final List<Violation> violations = IntentValidator.validate(before, after);
        assertEquals(violations.toString(), 1, violations.size());
        assertEquals("network[red-3]/segmentation-id", violations.get(0).field());
    }

    @Test
    public void duplicateMacOrIpWithinANetworkIsRejected() {
        assertViolation(withPort(port("red-web", "9", mac(0x11), "10.0.0.30")), "port[new]/mac-address",
            "is already used by port 'r1'", Kind.CONFLICT);
        assertViolation(withPort(port("red-web", "9", mac(0x30), "10.0.0.1")), "port[new]/ip-address",
            "10.0.0.1 in network 'red-web' is already used by port 'r1'", Kind.CONFLICT);
    }

    @Test
    public void sameAddressesInAnotherNetworkAreFine() {
        assertEquals(List.of(), IntentValidator.validate(BASE, withPort(port("red-db", "9", mac(0x11),
            "10.0.0.1"))));
    }

    @Test
    public void unknownTenantOrNetworkIsRejected() {
        assertViolation(withPort(new Port("new", "green", "red-web", "openflow:2", "9", mac(0x30), List.of())),
            "port[new]/tenant-id", "tenant 'green' does not exist", Kind.INVALID);
        assertViolation(withPort(port("nowhere", "9", mac(0x30), "10.0.0.30")), "port[new]/network-id",
            "network 'nowhere' does not exist", Kind.INVALID);
        assertViolation(withPort(new Port("new", "blue", "red-web", "openflow:2", "9", mac(0x30), List.of())),
            "port[new]/network-id", "belongs to tenant 'red'", Kind.INVALID);
    }

    @Test
    public void twoPortsOnOneSwitchPortAreRejected() {
        assertViolation(withPort(port("red-web", "1", mac(0x30), "10.0.0.30")), "port[new]/switch-port",
            "openflow:2 port 1 is already used by port 'r2'", Kind.CONFLICT);
    }

    @Test
    public void portOnAnUplinkIsRejected() {
        assertViolation(withPort(port("red-web", "10", mac(0x30), "10.0.0.30")), "port[new]/switch-port",
            "is an uplink", Kind.CONFLICT);
    }

    @Test
    public void deletingANetworkWithPortsIsRejected() {
        final var networks = new ArrayList<>(BASE.networks().values());
        networks.removeIf(network -> network.id().equals("red-db"));
        final var after = Intent.of(BASE.tenants().values(), networks, BASE.ports().values(),
            BASE.switches().values());
        final List<Violation> violations = IntentValidator.validate(BASE, after);
        assertEquals("network[red-db]", violations.get(0).field());
        assertTrue(violations.get(0).reason().contains("still has ports [r4]") || violations.get(0).reason()
            .contains("while it has ports [r4]"));
        assertEquals(Kind.CONFLICT, violations.get(0).kind());
    }

    @Test
    public void badSwitchIdAndPortAreRejected() {
        assertViolation(withPort(new Port("new", "red", "red-web", "switch-1", "9", mac(0x30), List.of())),
            "port[new]/switch-id", "is not an OpenFlow node id", Kind.INVALID);
        assertViolation(withPort(port("red-web", "70000", mac(0x30))), "port[new]/switch-port",
            "out of range", Kind.INVALID);
    }

    @Test
    public void unchangedBadDataDoesNotBlockUnrelatedWrites() {
        final var broken = withPort(port("red-web", "9", "not-a-mac"));
        final var ports = new ArrayList<>(broken.ports().values());
        ports.add(new Port("other", "blue", "blue-web", "openflow:2", "8", mac(0x40), List.of("10.0.0.40")));
        final var after = Intent.of(broken.tenants().values(), broken.networks().values(), ports,
            broken.switches().values());
        assertEquals(List.of(), IntentValidator.validate(broken, after));
    }
}
