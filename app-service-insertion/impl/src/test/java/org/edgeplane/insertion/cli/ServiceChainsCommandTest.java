/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.cli;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.edgeplane.insertion.intent.TenantName;
import org.edgeplane.insertion.status.ChainStatus;
import org.edgeplane.insertion.status.ChainStatus.HopState;
import org.junit.Test;

public class ServiceChainsCommandTest {
    @Test
    public void eachHopIsOneLineWithItsLiveInstancesAndPackets() {
        final var chains = new TreeMap<TenantName, List<HopState>>();
        chains.put(new TenantName("red", "web"), List.of(new HopState(1, "inspect", List.of("ids1", "ids2"), 42),
            new HopState(2, "route", List.of(), 0)));
        assertEquals(List.of(
            "CHAIN                             HOP NAME                      PACKETS  LIVE-INSTANCES",
            "red/web                             1 inspect                        42  ids1,ids2",
            "red/web                             2 route                           0  (none)"),
            ServiceChainsCommand.render(new ChainStatus(chains)).lines().toList());
    }

    @Test
    public void aChainThatFailedToCompileIsListedWithItsError() {
        final var errors = new TreeMap<TenantName, String>();
        errors.put(new TenantName("red", "db"), "compile failed: boom; its traffic is not steered (fail-open)");
        assertEquals(List.of(
            "CHAIN                             HOP NAME                      PACKETS  LIVE-INSTANCES",
            "red/db                           ERROR compile failed: boom; its traffic is not steered (fail-open)"),
            ServiceChainsCommand.render(new ChainStatus(new TreeMap<>(), errors)).lines().toList());
    }
}
