/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;

public class IpProtocolsTest {
    @Test
    public void namesAndNumbersResolveForEachFamily() {
        assertEquals(Optional.of(6), IpProtocols.number("TCP", false));
        assertEquals(Optional.of(17), IpProtocols.number("udp", true));
        assertEquals(Optional.of(1), IpProtocols.number("icmp", false));
        assertEquals(Optional.of(58), IpProtocols.number("icmp", true));
        assertEquals(Optional.of(58), IpProtocols.number("ipv6-icmp", true));
        assertEquals(Optional.of(58), IpProtocols.number("icmpv6", false));
        assertEquals(Optional.of(132), IpProtocols.number("132", false));
        assertEquals(Optional.of(0), IpProtocols.number("0", false));
    }

    @Test
    public void anythingElseIsNoProtocol() {
        for (String text : new String[] {"256", "-1", "sctp", "", "6.0", "٦"}) {
            assertEquals(text, Optional.empty(), IpProtocols.number(text, false));
        }
        assertEquals(Optional.empty(), IpProtocols.number(null, false));
    }

    @Test
    public void onlyTcpAndUdpHavePorts() {
        assertTrue(IpProtocols.hasPorts(6));
        assertTrue(IpProtocols.hasPorts(17));
        assertFalse(IpProtocols.hasPorts(1));
        assertFalse(IpProtocols.hasPorts(null));
    }
}
