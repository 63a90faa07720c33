/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** A switch's shape tells a complete report from one still arriving, and ignores what changes on its own. */
public class SwitchFactsTest {
    private static final SwitchFacts REPORTED = new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L, "s1-eth2", 2L,
        "tun0", 10L), SwitchProfile.OVS, Set.of());

    @Test
    public void theShapeIsOfNamesAndProfileNotOfOrderNumbersOrLinkState() {
        final var reordered = new LinkedHashMap<String, Long>();
        reordered.put("tun0", 7L);
        reordered.put("s1-eth2", 5L);
        reordered.put("s1-eth1", 4L);
        assertEquals(REPORTED.shape(), new SwitchFacts("openflow:1", reordered, SwitchProfile.OVS, Set.of(4L))
            .shape());
        assertEquals("a fixed value on every member and run", 0xa60a6d8bd2910f36L, REPORTED.shape());
    }

    @Test
    public void aPortNotReportedYetOrAnotherProfileOrNodeChangesTheShape() {
        assertNotEquals(REPORTED.shape(), new SwitchFacts("openflow:1", Map.of("s1-eth1", 1L, "s1-eth2", 2L),
            SwitchProfile.OVS, Set.of()).shape());
        assertNotEquals(REPORTED.shape(), new SwitchFacts("openflow:1", REPORTED.portNumbersByName(), null,
            Set.of()).shape());
        assertNotEquals(REPORTED.shape(), new SwitchFacts("openflow:2", REPORTED.portNumbersByName(),
            SwitchProfile.OVS, Set.of()).shape());
    }
}
