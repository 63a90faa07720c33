/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.cli;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.junit.Test;

public class FirewallCountersCommandTest {
    @Test
    public void quarantinedPortsAreListedWithTheirError() {
        final var rules = new TreeMap<String, FlowCounter>();
        rules.put("red/web/http", new FlowCounter(3, 180));
        final var drops = new TreeMap<String, FlowCounter>();
        drops.put("r1", FlowCounter.ZERO);
        drops.put("r3", new FlowCounter(2, 120));
        final var errors = new TreeMap<String, String>();
        errors.put("r3", "firewall compile failed: boom; all its traffic is dropped until it compiles");
        assertEquals(List.of(
            String.format("%-48s %12s %14s", "RULE", "PACKETS", "BYTES"),
            String.format("%-48s %12d %14d", "red/web/http", 3, 180),
            "",
            String.format("%-48s %12s %14s", "PORT", "DROPPED-PKTS", "DROPPED-BYTES"),
            String.format("%-48s %12d %14d", "r1", 0, 0),
            String.format("%-48s %12d %14d", "r3", 2, 120),
            "",
            String.format("%-48s %s", "QUARANTINED PORT", "ERROR"),
            String.format("%-48s %s", "r3", errors.get("r3"))),
            FirewallCountersCommand.render(new FirewallCounters(rules, drops, errors)).lines().toList());
    }
}
