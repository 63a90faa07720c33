/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IntentChanges;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification time: every port's traffic followed to every port it reaches, on 1,000 ports over 10 switches and on
 * the 10,000-port workload of {@link CompilerBenchmark}; then one port added, verified incrementally (a verifier
 * that holds the previous round, as the round guard does). Prints figures; never fails on time. Not part of the
 * test suite; run it with {@code mvn -pl app-tenant-isolation/impl test -Dtest=VerifierBenchmark}.
 */
public class VerifierBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierBenchmark.class);
    private static final int FULL_RUNS = 5;
    private static final int LARGE_RUNS = 3;
    private static final int SINGLE_RUNS = 15;

    @Test
    public void thousandPortsOnTenSwitches() {
        measure("1,000 ports on 10 switches", CompilerBenchmark.intent(100, 10, 10, 0), FULL_RUNS);
    }

    @Test
    public void tenThousandPortsOnAHundredSwitches() {
        measure("10,000 ports on 100 switches", CompilerBenchmark.intent(0), LARGE_RUNS);
    }

    private static void measure(final String name, final Intent base, final int runs) {
        final Intent plusOne = CompilerBenchmark.withOneMorePort(base);
        final var compiler = new IsolationCompiler();
        final CompiledIntent before = compiler.update(base, Map.of(), IntentChanges.between(Intent.EMPTY, base));
        final double[] full = new double[runs];
        VerificationReport report = null;
        for (int run = -1; run < runs; run++) {
            final long start = System.nanoTime();
            report = new Verifier(Long.MAX_VALUE).verify(input(base, before));
            if (run >= 0) {
                full[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        assertTrue(report.text(), report.proven());
        assertEquals(base.ports().size(), report.sources());
        Arrays.sort(full);
        final var verifier = new Verifier(Long.MAX_VALUE);
        verifier.verify(input(base, before));
        final var sizes = new int[2];
        final Runnable step = () -> {
            final CompiledIntent added = compiler.update(plusOne, Map.of(), IntentChanges.between(base, plusOne));
            sizes[0] = verifier.verify(input(plusOne, added)).examined();
            final CompiledIntent back = compiler.update(base, Map.of(), IntentChanges.between(plusOne, base));
            sizes[1] = verifier.verify(input(base, back)).examined();
        };
        CompilerBenchmark.warmUp(step);
        final double[] single = new double[SINGLE_RUNS];
        for (int run = 0; run < SINGLE_RUNS; run++) {
            final CompiledIntent added = compiler.update(plusOne, Map.of(), IntentChanges.between(base, plusOne));
            final long start = System.nanoTime();
            final VerificationReport incremental = verifier.verify(input(plusOne, added));
            single[run] = (System.nanoTime() - start) / 1e6;
            assertTrue(incremental.text(), incremental.proven());
            assertEquals(plusOne.ports().size(), incremental.sources());
            final CompiledIntent back = compiler.update(base, Map.of(), IntentChanges.between(plusOne, base));
            verifier.verify(input(base, back));
        }
        Arrays.sort(single);
        final long flows = before.flowsBySwitch().values().stream().mapToLong(Map::size).sum();
        LOG.info(String.format(Locale.ROOT, "%s (%d flows, %d packet sets delivered): full verification min %.0f ms,"
            + " median %.0f ms, max %.0f ms", name, flows, report.paths(), full[0], full[runs / 2],
            full[runs - 1]));
        LOG.info(String.format(Locale.ROOT, "%s: one port added, incremental verification (%d ports re-followed, %d"
            + " when removed again): min %.2f ms, median %.2f ms, max %.2f ms", name, sizes[0], sizes[1], single[0],
            single[SINGLE_RUNS / 2], single[SINGLE_RUNS - 1]));
    }

    private static VerificationInput input(final Intent intent, final CompiledIntent compiled) {
        return new VerificationInput(compiled.flowsBySwitch(), compiled.groupsBySwitch(), intent,
            compiled.edgeFacts(), List.of());
    }
}
