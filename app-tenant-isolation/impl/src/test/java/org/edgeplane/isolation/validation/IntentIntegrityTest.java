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
import java.util.Map;
import java.util.stream.IntStream;
import org.edgeplane.core.endpoint.AddressPair;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.RateLimit;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.core.validation.Violation.Kind;
import org.junit.Test;

/**
 * The write-time guarantees of issue 16: switch ports compared by identity (number or name), reserved ports and
 * addresses refused, no port can claim another's identity through a pair, bounded lists, and no crash on absent
 * fields. Each case asserts the field named, the reason and the kind that picks the HTTP status.
 */
public class IntentIntegrityTest {
    private static final Intent BASE = IntentFixtures.twoTenants();
    /** What openflow:1 and openflow:2 report: s1-eth1 is port 1, the bridge s1 is its LOCAL port. */
    private static final PortNames NAMES = switchId -> switchId.equals("openflow:1")
        ? Map.of("s1-eth1", 1L, "s1-eth3", 3L, "s1-eth9", 9L, "s1-eth10", 10L, "s1", 0xFFFFFFFEL)
        : Map.of("s2-eth1", 1L, "s2-eth10", 10L, "s2", 0xFFFFFFFEL);

    private static Intent withPort(final Port port) {
        return with(BASE, port);
    }

    private static Intent with(final Intent base, final Port port) {
        final var ports = new ArrayList<>(base.ports().values());
        ports.removeIf(existing -> existing.id().equals(port.id()));
        ports.add(port);
        return Intent.of(base.tenants().values(), base.networks().values(), ports, base.switches().values());
    }

    private static Intent withSwitch(final SwitchConfig config) {
        final var switches = new ArrayList<>(BASE.switches().values());
        switches.removeIf(existing -> existing.nodeId().equals(config.nodeId()));
        switches.add(config);
        return Intent.of(BASE.tenants().values(), BASE.networks().values(), BASE.ports().values(), switches);
    }

    /** A blue port on openflow:1 at {@code switchPort}, with fresh addresses. */
    private static Port blue(final String switchPort) {
        return new Port("intruder", "blue", "blue-web", "openflow:1", switchPort, mac(0x70), List.of("10.0.0.70"));
    }

    private static Port red(final String id, final int last, final List<String> ips) {
        return new Port(id, "red", "red-web", "openflow:2", Integer.toString(last), mac(last), ips);
    }

    private static Violation single(final Intent before, final Intent after) {
        final List<Violation> violations = IntentValidator.validate(before, after, NAMES);
        assertEquals(violations.toString(), 1, violations.size());
        return violations.get(0);
    }

    private static void assertRefused(final Intent after, final String field, final String reasonPart,
            final Kind kind) {
        final Violation violation = single(BASE, after);
        assertEquals(violation.toString(), field, violation.field());
        assertTrue(violation.reason(), violation.reason().contains(reasonPart));
        assertEquals(violation.toString(), kind, violation.kind());
    }

    @Test
    public void aSwitchPortNamedIsTheSamePortAsItsNumber() {
        // Red r1 holds openflow:1 port 1; blue takes it by name: refused, naming the holder.
        assertRefused(withPort(blue("s1-eth1")), "port[intruder]/switch-port",
            "openflow:1 port 1 is already used by port 'r1' (as '1')", Kind.CONFLICT);
        // The same inside one tenant.
        assertRefused(withPort(new Port("twin", "red", "red-web", "openflow:1", "s1-eth3", mac(0x71),
            List.of("10.0.0.71"))), "port[twin]/switch-port", "already used by port 'r3'", Kind.CONFLICT);
    }

    @Test
    public void aNameTheSwitchDoesNotReportYetIsAccepted() {
        assertEquals(List.of(), IntentValidator.validate(BASE, withPort(blue("s1-eth7")), NAMES));
        // Unknown switch: names cannot be compared yet; the compiler keeps the earlier holder when they can.
        assertEquals(List.of(), IntentValidator.validate(BASE, withPort(blue("s1-eth1")), PortNames.NONE));
    }

    @Test
    public void uplinksAndTunnelsAreComparedByIdentity() {
        assertRefused(withPort(blue("s1-eth10")), "port[intruder]/switch-port",
            "openflow:1 port 10 is an uplink port ('10') of the switch", Kind.CONFLICT);
        assertRefused(withSwitch(new SwitchConfig("openflow:1", List.of("10"), null, "172.16.0.1", "s1-eth10")),
            "switch[openflow:1]/tunnel-port", "'s1-eth10' is also an uplink port ('10')", Kind.CONFLICT);
        assertRefused(withSwitch(new SwitchConfig("openflow:1", List.of("10", "s1-eth10"))),
            "switch[openflow:1]/uplink-port", "'s1-eth10' is the same switch port as an uplink port ('10')",
            Kind.CONFLICT);
        assertRefused(withSwitch(new SwitchConfig("openflow:1", List.of("10", "s1-eth3"))),
            "port[r3]/switch-port", "openflow:1 port 3 is an uplink port ('s1-eth3')", Kind.CONFLICT);
    }

    @Test
    public void reservedPortsAreRefused() {
        assertRefused(withPort(blue("s1")), "port[intruder]/switch-port", "is OpenFlow port LOCAL, a reserved port",
            Kind.INVALID);
        for (String reserved : List.of("LOCAL", "controller", "IN_PORT", "ALL", "FLOOD", "NORMAL")) {
            assertRefused(withPort(blue(reserved)), "port[intruder]/switch-port", "OpenFlow reserved port",
                Kind.INVALID);
        }
        for (String outOfRange : List.of("0", "65280", "4294967294", "007")) {
            assertRefused(withPort(blue(outOfRange)), "port[intruder]/switch-port", "out of range 1..65279",
                Kind.INVALID);
        }
        for (String garbage : List.of("-1", "s1-eth1\u200b", "eth 1", "eth/1", "", "1.5")) {
            assertRefused(withPort(blue(garbage)), "port[intruder]/switch-port", "", Kind.INVALID);
        }
        assertRefused(withSwitch(new SwitchConfig("openflow:2", List.of("s2"))), "switch[openflow:2]/uplink-port",
            "is OpenFlow port LOCAL", Kind.INVALID);
    }

    @Test
    public void switchIdsAreDatapathIds() {
        assertEquals(List.of(), IntentValidator.validate(BASE, withPort(new Port("p", "blue", "blue-web",
            "openflow:18446744073709551615", "1", mac(0x70), List.of())), NAMES));
        for (String bad : List.of("openflow:18446744073709551616", "openflow:0", "openflow:01", "OpenFlow:1")) {
            assertRefused(withPort(new Port("p", "blue", "blue-web", bad, "1", mac(0x70), List.of())),
                "port[p]/switch-id", "is not an OpenFlow node id", Kind.INVALID);
        }
    }

    @Test
    public void absentFieldsAreNamedNotCrashed() {
        assertRefused(withPort(new Port("p", null, "blue-web", "openflow:1", "7", mac(0x70), List.of())),
            "port[p]/tenant-id", "is required", Kind.INVALID);
        assertRefused(withPort(new Port("p", "blue", null, "openflow:1", "7", mac(0x70), List.of())),
            "port[p]/network-id", "is required", Kind.INVALID);
        final var all = IntentValidator.validate(BASE, withPort(new Port("p", null, null, null, null, null,
            List.of())), NAMES);
        assertEquals(all.toString(), List.of("port[p]/tenant-id", "port[p]/network-id", "port[p]/switch-id",
            "port[p]/switch-port", "port[p]/mac-address"), all.stream().map(Violation::field).toList());
        assertRefused(withPort(blue("7").withRateLimit(new RateLimit(0, 100L))), "port[intruder]/rate-limit/kbps",
            "is required with rate-limit", Kind.INVALID);
    }

    @Test
    public void reservedAndRepeatedAddressesAreRefused() {
        for (String ip : List.of("0.0.0.0", "255.255.255.255", "224.0.0.5", "127.0.0.1", "::", "::1", "ff02::1",
                "0.1.2.3", "240.0.0.1")) {
            assertRefused(withPort(red("p", 0x72, List.of(ip))), "port[p]/ip-address", "not a host's", Kind.INVALID);
        }
        assertRefused(withPort(red("p", 0x72, List.of("2001:db8::1", "2001:db8:0::1"))), "port[p]/ip-address",
            "2001:db8::1 is listed twice", Kind.INVALID);
    }

    @Test
    public void listsAreBounded() {
        final var ips = IntStream.range(0, Limits.MAX_IPS_PER_PORT + 1).mapToObj(i -> "10.9.0." + (i + 1)).toList();
        assertRefused(withPort(red("p", 0x72, ips)), "port[p]/ip-address", "has 17 entries; at most 16",
            Kind.INVALID);
        final var pairs = IntStream.range(0, Limits.MAX_PAIRS_PER_PORT + 1)
            .mapToObj(i -> new AddressPair("10.8.0." + (i + 1), null)).toList();
        assertRefused(withPort(red("p", 0x72, List.of()).withAllowedAddressPairs(pairs)),
            "port[p]/allowed-address-pair", "has 11 entries; at most 10", Kind.INVALID);
        final var uplinks = IntStream.range(0, Limits.MAX_UPLINKS_PER_SWITCH + 1)
            .mapToObj(i -> Integer.toString(100 + i)).toList();
        assertRefused(withSwitch(new SwitchConfig("openflow:1", uplinks)), "switch[openflow:1]/uplink-port",
            "has 9 entries; at most 8", Kind.INVALID);
    }

    @Test
    public void aPairCannotCarryAnotherPortsIdentity() {
        // r1 is 02:..:11 / 10.0.0.1 in red-web; r2 (openflow:2 port 1) tries to send as r1.
        final Port r2 = BASE.ports().get("r2");
        assertRefused(withPort(r2.withAllowedAddressPairs(List.of(new AddressPair("10.0.5.5", mac(0x11))))),
            "port[r2]/allowed-address-pair[10.0.5.5]/mac-address", "is port 'r1''s own MAC", Kind.CONFLICT);
        assertRefused(withPort(r2.withAllowedAddressPairs(List.of(new AddressPair("10.0.0.1", null)))),
            "port[r2]/allowed-address-pair[10.0.0.1]/ip-prefix", "holds the address of port 'r1'", Kind.CONFLICT);
        assertRefused(withPort(r2.withAllowedAddressPairs(List.of(new AddressPair("10.0.0.0/30", null)))),
            "port[r2]/allowed-address-pair[10.0.0.0/30]/ip-prefix", "port 'r1', 'r3'", Kind.CONFLICT);
        assertRefused(withPort(r2.withAllowedAddressPairs(List.of(new AddressPair("fe80::ff:fe00:11", null)))),
            "port[r2]/allowed-address-pair[fe80::ff:fe00:11]/ip-prefix", "holds the address of port 'r1'",
            Kind.CONFLICT);
        // A port whose address lies in a neighbour's pair is refused too: the pair would impersonate it.
        final Intent vip = withPort(r2.withAllowedAddressPairs(List.of(new AddressPair("10.0.5.0/24", null))));
        final Violation late = single(vip, with(vip, red("p", 0x72, List.of("10.0.5.9"))));
        assertEquals("port[r2]/allowed-address-pair[10.0.5.0/24]/ip-prefix", late.field());
        assertTrue(late.reason(), late.reason().contains("holds the address of port 'p'"));
    }

    @Test
    public void aSecondPortCannotTakeANeighboursLinkLocal() {
        assertRefused(withPort(red("p", 0x72, List.of("fe80::ff:fe00:11"))), "port[p]/ip-address",
            "fe80::ff:fe00:11 in network 'red-web' is already used by port 'r1' (the IPv6 link-local of its MAC)",
            Kind.CONFLICT);
    }

    @Test
    public void sharedVirtualAddressesHeldOnlyInPairsStayAllowed() {
        final Port r1 = BASE.ports().get("r1").withAllowedAddressPairs(List.of(new AddressPair("10.0.0.100", null)));
        final Port r2 = BASE.ports().get("r2").withAllowedAddressPairs(List.of(new AddressPair("10.0.0.100", null)));
        assertEquals(List.of(), IntentValidator.validate(BASE, with(withPort(r1), r2), NAMES));
    }
}
