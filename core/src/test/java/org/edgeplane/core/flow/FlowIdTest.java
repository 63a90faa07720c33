/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class FlowIdTest {
    private static final List<Integer> INDEXES = List.of(0, 7, 9, 10, 99, 100, 12_345, Integer.MAX_VALUE);

    @Test
    public void anIdIsItsTextWhetherGivenWholeOrInParts() {
        for (int index : INDEXES) {
            final String text = "firewall:to:groups:port=p1:rule=t/g/web:" + index;
            final FlowId parts = FlowId.of("firewall:to:groups:port=p1", "rule=t/g/web", index);
            assertEquals(text, parts.toString());
            assertEquals(text.length(), parts.length());
            assertEquals(text.hashCode(), parts.hashCode());
            assertEquals(FlowId.of(text), parts);
            assertEquals(FlowId.of(text).hashCode(), parts.hashCode());
            assertTrue(parts.is(text));
            assertEquals(0, parts.compareTo(FlowId.of(text)));
            for (int i = 0; i < text.length(); i++) {
                assertEquals(text.charAt(i), parts.charAt(i));
            }
        }
        assertEquals("s:n", FlowId.of("s", "n").toString());
        assertEquals("s:n".hashCode(), FlowId.of("s", "n").hashCode());
    }

    @Test
    public void hashesComputedOnThePartsAreThoseOfTheText() {
        final int nameHash = FlowId.hashOf("firewall:from:policy:network=n1", "rule=t/policy/10");
        assertEquals("firewall:from:policy:network=n1:rule=t/policy/10".hashCode(), nameHash);
        // A long name overflows the power and the suffix hash, as the text's hash overflows.
        for (String name : new String[] {"", "r", "rule=t/policy/10",
            "rule=tenant-with-a-long-name/web/" + "x".repeat(40)}) {
            assertEquals(("firewall:from:policy:network=n1:" + name).hashCode(),
                FlowId.hashOf("firewall:from:policy:network=n1", FlowId.Name.of(name)));
        }
        for (int index : INDEXES) {
            assertEquals(("firewall:from:policy:network=n1:rule=t/policy/10:" + index).hashCode(),
                FlowId.hashOf(nameHash, index));
        }
    }

    @Test
    public void idsOrderAsTheirTexts() {
        final FlowId nine = FlowId.of("s", "r", 9);
        final FlowId ten = FlowId.of("s", "r", 10);
        assertEquals(Integer.signum("s:r:9".compareTo("s:r:10")), Integer.signum(nine.compareTo(ten)));
        assertNotEquals(nine, ten);
        assertTrue(FlowId.of("s", "r").compareTo(nine) < 0);
    }
}
