/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.SwitchFlowReader.ReportedFlow;
import org.junit.Test;

/** An app's counters are its flows' counters summed by cookie over the connected switches, asked when read. */
public class OnDemandFlowStatisticsTest {
    private static final long RULE = Cookies.of(Owner.FIREWALL, Cookies.ObjectKind.RULE, "t/web/http");
    private static final long OTHER_RULE = Cookies.of(Owner.FIREWALL, Cookies.ObjectKind.RULE, "t/web/ssh");

    private final List<String> asked = new ArrayList<>();

    @Test
    public void countersAreSummedByCookieOverEveryConnectedSwitchForTheAppAskedFor() throws Exception {
        final var statistics = new OnDemandFlowStatistics(reader(Map.of(
            "openflow:1", List.of(flow(RULE, 3), flow(RULE, 2), flow(OTHER_RULE, 1)),
            "openflow:2", List.of(flow(RULE, 10)))), () -> Set.of("openflow:1", "openflow:2"));
        assertEquals(Map.of(RULE, new FlowCounter(15, 1500), OTHER_RULE, new FlowCounter(1, 100)),
            statistics.countersByCookie(Owner.FIREWALL));
        assertEquals(List.of(Long.toHexString(Cookies.appPrefix(Owner.FIREWALL)) + "/"
            + Long.toHexString(Cookies.APP_MASK)), asked);
    }

    @Test
    public void noSwitchAnsweringIsAnErrorButNoSwitchConnectedIsNoCounter() throws Exception {
        assertThrows(SnapshotUnavailableException.class, () -> new OnDemandFlowStatistics(reader(Map.of()),
            () -> Set.of("openflow:1")).countersByCookie(Owner.FIREWALL));
        assertEquals(Map.of(), new OnDemandFlowStatistics(reader(Map.of()), Set::of)
            .countersByCookie(Owner.FIREWALL));
    }

    private static ReportedFlow flow(final long cookie, final long packets) {
        return new ReportedFlow(cookie, new FlowCounter(packets, packets * 100));
    }

    private SwitchFlowReader reader(final Map<String, List<ReportedFlow>> answers) {
        return new SwitchFlowReader() {
            @Override
            public Map<String, Long> counts(final Collection<String> switchIds, final long cookie, final long mask) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, List<ReportedFlow>> flows(final Collection<String> switchIds, final long cookie,
                    final long mask) {
                asked.add(Long.toHexString(cookie) + "/" + Long.toHexString(mask));
                return answers;
            }
        };
    }
}
