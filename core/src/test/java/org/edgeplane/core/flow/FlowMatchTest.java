/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class FlowMatchTest {
    private static final FlowMatch PORT = FlowMatch.builder().inPort(7).metadata(0x10, 0xff).build();
    private static final FlowMatch RULE = FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipv4Src("10.0.0.0/8")
        .ipProto(IpMatch.TCP).ports(null, IpMatch.PortMask.exact(22)).build();

    @Test
    public void toBuilderRebuildsTheSameMatch() {
        assertEquals(PORT, PORT.toBuilder().build());
        assertEquals(RULE, RULE.toBuilder().build());
    }

    @Test
    public void overlayAddsTheFieldsTheOtherMatchSets() {
        final FlowMatch combined = PORT.overlay(RULE);
        assertEquals("in_port=7,metadata=0x10/0xff,eth_type=0x0800,ipv4_src=10.0.0.0/8,ip_proto=6,tp_dst=22",
            combined.toString());
        assertEquals(FlowMatch.builder().inPort(7).metadata(0x10, 0xff).ip(FlowMatch.ETH_IPV4).ipv4Src("10.0.0.0/8")
            .ipProto(IpMatch.TCP).ports(null, IpMatch.PortMask.exact(22)).build(), combined);
    }

    @Test
    public void overlayReplacesWhatBothSet() {
        final FlowMatch other = FlowMatch.builder().inPort(9).build();
        assertEquals(FlowMatch.builder().inPort(9).metadata(0x10, 0xff).build(),
            PORT.overlay(other));
    }

    /** A zero-length prefix matches every address: it is no field at all, in either direction and family. */
    @Test
    public void aPrefixOfEveryAddressIsNoAddressField() {
        final FlowMatch anyV4 = FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipProto(IpMatch.TCP).build();
        assertEquals(anyV4, FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipv4Src("0.0.0.0/0").ipProto(IpMatch.TCP)
            .build());
        assertEquals(anyV4, FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipv4Dst("0.0.0.0/0").ipProto(IpMatch.TCP)
            .build());
        final FlowMatch anyV6 = FlowMatch.builder().ip(FlowMatch.ETH_IPV6).ipProto(IpMatch.UDP).build();
        assertEquals(anyV6, FlowMatch.builder().ipv6Src("::/0").ipProto(IpMatch.UDP).build());
        assertEquals(anyV6, FlowMatch.builder().ipv6Dst("::/0").ipProto(IpMatch.UDP).build());
        assertEquals("eth_type=0x0800,ipv4_src=10.0.0.0/8", FlowMatch.builder().ipv4Src("10.0.0.0/8").build()
            .toString());
    }
}
