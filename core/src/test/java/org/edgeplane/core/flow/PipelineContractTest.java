/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.junit.Test;

/**
 * The contract checks flows that share a base match as it checks each flow they stand for: every case that one
 * of those flows breaks, the shared check refuses too, naming the flows.
 */
public class PipelineContractTest {
    private static final long COOKIE = Cookies.appPrefix(Owner.FIREWALL) | 1;
    private static final FlowMatch PORT = FlowMatch.builder().inPort(3).build();
    private static final FlowMatch TCP_22 = FlowMatch.builder().ip(FlowMatch.ETH_IPV4).ipProto(IpMatch.TCP)
        .ports(null, IpMatch.PortMask.exact(22)).build();
    private static final List<Instruction> CONNTRACK = List.of(new Instruction.ApplyActions(List.of(
        new Action.Conntrack(1, true, null, null))), new Instruction.GotoTable(Table.FIREWALL_FROM_GROUPS.next()));

    private static String refusal(final Table table, final long cookie, final FlowMatch overlay,
            final List<Instruction> instructions) {
        final var single = assertThrows(IllegalArgumentException.class, () -> PipelineContract.verify(
            new FlowRecord("s:r:0", table, 100, cookie, PORT.overlay(overlay), instructions)));
        final var shared = assertThrows(IllegalArgumentException.class, () -> PipelineContract.verify("s", "r",
            table, 100, cookie, PORT, List.of(TCP_22, overlay), instructions));
        assertTrue(shared.getMessage(), shared.getMessage().startsWith("s:r: "));
        assertEquals(single.getMessage().substring("s:r:0".length()), shared.getMessage().substring(3));
        return shared.getMessage();
    }

    @Test
    public void sharedFlowsThatKeepTheContractPass() {
        PipelineContract.verify("s", "r", Table.FIREWALL_FROM_GROUPS, 100, COOKIE, PORT, List.of(TCP_22),
            CONNTRACK);
        PipelineContract.verify(new FlowRecord("s:r:0", Table.FIREWALL_FROM_GROUPS, 100, COOKIE,
            PORT.overlay(TCP_22), CONNTRACK));
    }

    @Test
    public void anUndeclaredFieldInOneOverlayIsRefused() {
        final String message = refusal(Table.FIREWALL_FROM_GROUPS, COOKIE, FlowMatch.builder()
            .ethSrc("02:00:00:00:00:01").build(), List.of());
        assertTrue(message, message.contains("ETH_SRC"));
    }

    @Test
    public void conntrackOnAnOverlayWithoutIpIsRefused() {
        final String message = refusal(Table.FIREWALL_FROM_GROUPS, COOKIE, FlowMatch.builder().build(), CONNTRACK);
        assertTrue(message, message.contains("conntrack"));
    }

    @Test
    public void anotherAppsCookieIsRefused() {
        final String message = refusal(Table.FIREWALL_FROM_GROUPS, Cookies.appPrefix(Owner.ISOLATION), TCP_22,
            List.of());
        assertTrue(message, message.contains("cookie"));
    }
}
