/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.testing.GoldenFiles;
import org.edgeplane.core.testing.IntentFixtures;
import org.junit.Test;

/**
 * Intent in, exact flows out, against the dumps in src/test/resources/golden (see {@link GoldenFiles}).
 */
public class IsolationCompilerGoldenTest {
    @Test
    public void twoTenantsOnTwoSwitches() throws IOException {
        assertGolden("two-tenants", IntentFixtures.twoTenants());
    }

    @Test
    public void dualStackPortOnOneSwitch() throws IOException {
        assertGolden("dual-stack", IntentFixtures.builder().tenant("t").vlanNetwork("n", "t", 7)
            .port("p1", "t", "n", "openflow:5", "1", mac(1), "192.168.0.1", "2001:db8::1")
            .port("p2", "t", "n", "openflow:5", "2", mac(2), "192.168.0.2").build());
    }

    @Test
    public void overlayWithEdgeFeatures() throws IOException {
        assertGolden("overlay", IntentFixtures.overlay());
    }

    @Test
    public void sameIntentGivesTheSameFlowsIdsAndCookies() {
        final var first = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        final var second = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        assertEquals(first, second);
    }

    @Test
    public void everyFlowCarriesAnIsolationCookieThatNamesItsObject() {
        final var compiled = IsolationCompiler.compile(IntentFixtures.twoTenants(), Map.of());
        final long r1 = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "r1");
        compiled.flowsBySwitch().values().forEach(flows -> flows.values().forEach(flow -> {
            assertTrue(flow.id(), Cookies.isEdgeplane(flow.cookie()));
            assertEquals(flow.id(), Cookies.appPrefix(Owner.ISOLATION), flow.cookie() & Cookies.APP_MASK);
            assertEquals(flow.id(), flow.id().contains("port=r1"), flow.cookie() == r1);
        }));
        assertEquals(5, compiled.ports().get("r1").flowCount());
    }

    @Test
    public void emptyIntentGivesNoFlows() {
        assertTrue(IsolationCompiler.compile(Intent.EMPTY, Map.of()).flowsBySwitch().isEmpty());
    }

    private static void assertGolden(final String name, final Intent intent) throws IOException {
        final var compiled = IsolationCompiler.compile(intent, Map.of());
        GoldenFiles.assertGolden(name, GoldenFiles.render(compiled.flowsBySwitch())
            + compiled.metersBySwitch().entrySet().stream().map(entry -> "# " + entry.getKey() + " meters\n"
                + entry.getValue().values().stream().map(MeterRecord::toString).collect(Collectors.joining("\n"))
                + "\n").collect(Collectors.joining()));
    }
}
