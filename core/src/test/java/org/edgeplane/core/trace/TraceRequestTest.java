/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.Test;

public class TraceRequestTest {
    private static final Intent INTENT = IntentFixtures.overlay();
    private static final Map<String, SwitchFacts> INVENTORY = Map.of(
        "openflow:1", new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L, "s1-eth2", 2L)),
        "openflow:2", new SwitchFacts("openflow:2", Map.of("s2-eth4", 4L)));

    private static TraceRequest.Resolved resolve(final String... pairs) {
        final var fields = new HashMap<String, String>();
        for (int index = 0; index < pairs.length; index += 2) {
            fields.put(pairs[index], pairs[index + 1]);
        }
        return TraceRequest.of(fields).resolve(INTENT, INVENTORY);
    }

    private static void assertRefused(final String field, final String... pairs) {
        final var refused = assertThrows(TraceRequest.FieldException.class, () -> resolve(pairs));
        assertEquals(refused.getMessage(), field, refused.field());
        assertTrue(refused.getMessage(), refused.getMessage().startsWith(field + ": "));
    }

    @Test
    public void aPortToAPortTakesBothEndpointsAddressesAndTheGivenTransport() {
        final var resolved = resolve("from", "a1", "to", "a2", "proto", "tcp", "dst-port", "80", "tcp-flags",
            "syn,ack");
        assertEquals("openflow:1", resolved.switchId());
        assertEquals(2, resolved.inPort());
        final Frame frame = resolved.frame();
        assertEquals(INTENT.ports().get("a1").macAddress(), frame.ethSrc());
        assertEquals(INTENT.ports().get("a2").macAddress(), frame.ethDst());
        assertEquals("10.2.0.1", frame.ipSrc());
        assertEquals("10.2.0.2", frame.ipDst());
        assertEquals(new Frame.L4(6, 40_000, 80, 0, 0, 0x12), frame.l4());
        assertNull(frame.vlan());
        assertEquals("the first packet of a connection by default", ConntrackMatch.TRACKED | ConntrackMatch.NEW,
            resolved.ct().state());
        assertEquals("in_port=2,dl_src=" + frame.ethSrc() + ",dl_dst=" + frame.ethDst()
            + ",tcp,nw_src=10.2.0.1,nw_dst=10.2.0.2,tcp_src=40000,tcp_dst=80,tcp_flags=0x012",
            OvsMicroflow.of(resolved.inPort(), frame));
        assertEquals(" tcp 40000 > 80 [syn,ack]", PacketTrace.describe(frame).substring(PacketTrace.describe(frame)
            .indexOf(" tcp")));
    }

    @Test
    public void aSwitchPortTakesWhatIsAttachedThereAndTheDestinationIsFoundByAddressInTheSameNetworkFirst() {
        final var fromV1 = resolve("from", "openflow:2:4", "ip-dst", "10.1.0.1", "vlan", "7", "proto", "icmp",
            "ct-state", "est,rpl", "ct-mark", "0x10");
        assertEquals("openflow:2", fromV1.switchId());
        assertEquals(4, fromV1.inPort());
        assertEquals(INTENT.ports().get("v1").macAddress(), fromV1.frame().ethSrc());
        assertEquals(INTENT.ports().get("w1").macAddress(), fromV1.frame().ethDst());
        assertEquals(Integer.valueOf(7), fromV1.frame().vlan());
        assertEquals(new Frame.L4(1, 0, 0, 8, 0), fromV1.frame().l4());
        assertEquals(ConntrackMatch.TRACKED | ConntrackMatch.ESTABLISHED | ConntrackMatch.REPLY, fromV1.ct().state());
        assertEquals(0x10, fromV1.ct().mark());
        // 10.2.0.1 is a1's (red-app) and b1's (blue-app): a port of red-app means a1.
        assertEquals(INTENT.ports().get("a1").macAddress(), resolve("from", "a2", "ip-dst", "10.2.0.1").frame()
            .ethDst());
        assertEquals(INTENT.ports().get("b1").macAddress(), resolve("from", "b2", "ip-dst", "10.2.0.1").frame()
            .ethDst());
    }

    @Test
    public void ipv6TakesItsOwnFamilyAndOpenVswitchsNames() {
        final var resolved = resolve("from", "a1", "ip-src", "fd00::1", "ip-dst", "FD00:0::2", "eth-dst",
            "02:00:00:00:00:42", "proto", "udp", "dst-port", "53");
        assertEquals(FlowMatch.ETH_IPV6, resolved.frame().ethType());
        assertEquals("canonical, as the flows match it", "fd00::2", resolved.frame().ipDst());
        assertTrue(OvsMicroflow.of(2, resolved.frame()), OvsMicroflow.of(2, resolved.frame()).endsWith(
            ",udp6,ipv6_src=fd00::1,ipv6_dst=fd00::2,udp_src=40000,udp_dst=53"));
        assertTrue(OvsMicroflow.of(2, resolve("from", "a1", "ip-src", "fd00::1", "ip-dst", "fd00::2", "eth-dst",
            "02:00:00:00:00:42", "proto", "icmp6").frame()).endsWith(",icmp6,ipv6_src=fd00::1,ipv6_dst=fd00::2,"
            + "icmpv6_type=128,icmpv6_code=0"));
    }

    @Test
    public void arpIsABroadcastRequestForTheDestinationAddress() {
        final Frame arp = resolve("from", "w1", "to", "w2", "proto", "arp").frame();
        assertEquals(FlowMatch.ETH_ARP, arp.ethType());
        assertEquals(Frame.BROADCAST, arp.ethDst());
        assertEquals(Integer.valueOf(FlowMatch.ARP_REQUEST), arp.arpOp());
        assertEquals("10.1.0.1", arp.ipSrc());
        assertEquals("10.1.0.2", arp.ipDst());
    }

    @Test
    public void everyWrongFieldIsNamed() {
        assertRefused("colour", "from", "a1", "colour", "red");
        assertRefused("from", "to", "a2");
        assertRefused("from", "from", "nope", "to", "a2");
        assertRefused("from", "from", "openflow:9:1", "to", "a2");
        assertRefused("from", "from", "openflow:1:x", "to", "a2");
        assertRefused("to", "from", "a1", "to", "zz");
        assertRefused("ip-dst", "from", "a1");
        assertRefused("ip-dst", "from", "a1", "ip-dst", "10.2.0.999");
        assertRefused("ip-src", "from", "a1", "ip-dst", "fd00::1");
        assertRefused("eth-src", "from", "a1", "to", "a2", "eth-src", "02:00:00:00:00");
        assertRefused("eth-src", "from", "openflow:1:9", "ip-src", "10.1.0.9", "ip-dst", "10.1.0.2");
        assertRefused("eth-dst", "from", "a1", "ip-dst", "10.9.9.9");
        assertRefused("vlan", "from", "a1", "to", "a2", "vlan", "5000");
        assertRefused("dst-port", "from", "a1", "to", "a2", "proto", "udp");
        assertRefused("src-port", "from", "a1", "to", "a2", "proto", "udp", "dst-port", "53", "src-port", "0");
        assertRefused("tcp-flags", "from", "a1", "to", "a2", "proto", "udp", "dst-port", "53", "tcp-flags", "syn");
        assertRefused("tcp-flags", "from", "a1", "to", "a2", "proto", "tcp", "dst-port", "80", "tcp-flags", "syn,x");
        assertRefused("proto", "from", "a1", "to", "a2", "proto", "sctpx");
        assertRefused("ct-state", "from", "a1", "to", "a2", "ct-state", "established");
        assertRefused("ct-mark", "from", "a1", "to", "a2", "ct-mark", "-1");
    }
}
