/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.benchmark;

import static org.junit.Assert.assertEquals;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.endpoint.Tenant;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IntentChanges;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compile time at scale: 1,000 tenants with one VLAN network each, 10,000 ports over 100 switches. Prints figures;
 * never fails on time (this machine is noisy). Not part of the test suite; run it with
 * {@code mvn -pl app-tenant-isolation/impl test -Dtest=CompilerBenchmark}.
 */
public class CompilerBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerBenchmark.class);
    private static final int TENANTS = 1_000;
    private static final int PORTS_PER_TENANT = 10;
    private static final int SWITCHES = 100;
    private static final int WARMUP = 5;
    /**
     * The single-change figures are steady-state: a controller runs long enough for the JIT to have compiled its
     * round. A count of warm-up steps is not enough: 30 left the firewall's single change at 6-8 ms, half of it
     * not yet compiled by C2, where a warmed-up step takes 2.5 ms. So each warms up for a time, as JMH does.
     */
    private static final long WARMUP_SINGLE_CHANGE_NANOS = 3_000_000_000L;
    private static final int WARMUP_SINGLE_CHANGE_MIN = 30;
    private static final int WARMUP_SINGLE_CHANGE_MAX = 100_000;
    private static final int RUNS = 15;

    /** The intent with one more port in tenant t0's network, on a switch that already has some of its ports. */
    static Intent withOneMorePort(final Intent intent) {
        final var ports = new java.util.TreeMap<>(intent.ports());
        final String id = "p" + TENANTS * PORTS_PER_TENANT;
        ports.put(id, new Port(id, "t0", "n0", "openflow:1", "999", "02:00:01:00:00:01", List.of("10.0.0.250")));
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    public static Intent intent(final int extraPorts) {
        return intent(TENANTS, PORTS_PER_TENANT, SWITCHES, extraPorts);
    }

    /**
     * The benchmarks' workload shape: each tenant has one VLAN network and the same number of ports, spread round
     * robin over the switches (each with uplink 1000); tenant t0 has {@code extraPorts} more.
     */
    public static Intent intent(final int tenantCount, final int portsPerTenant, final int switchCount,
            final int extraPorts) {
        final var tenants = new ArrayList<Tenant>();
        final var networks = new ArrayList<Network>();
        final var ports = new ArrayList<Port>();
        final var switches = new ArrayList<SwitchConfig>();
        for (int s = 1; s <= switchCount; s++) {
            switches.add(new SwitchConfig("openflow:" + s, List.of("1000"), SwitchProfile.OVS, null, null));
        }
        int portNumber = 0;
        for (int t = 0; t < tenantCount; t++) {
            tenants.add(new Tenant("t" + t, ""));
            networks.add(new Network("n" + t, "t" + t, SegmentationType.VLAN, (long) t + 1));
            for (int p = 0; p < portsPerTenant + (t == 0 ? extraPorts : 0); p++) {
                final int index = portNumber++;
                ports.add(new Port("p" + index, "t" + t, "n" + t, "openflow:" + (index % switchCount + 1),
                    Integer.toString(index / switchCount + 1), String.format("02:00:00:%02x:%02x:%02x",
                        index >> 16 & 0xff, index >> 8 & 0xff, index & 0xff),
                    List.of(String.format("10.%d.%d.%d", t >> 8 & 0xff, t & 0xff, p + 1))));
            }
        }
        return Intent.of(tenants, networks, ports, switches);
    }

    @Test
    public void fullCompileAndOnePortAdded() {
        final Intent base = intent(0);
        final Intent plusOne = withOneMorePort(base);
        final double[] full = time(base);
        final String addedPort = "p" + TENANTS * PORTS_PER_TENANT;
        final double[] incremental = timeIncremental(base, plusOne,
            new IntentChanges(Set.of(), Set.of(addedPort), Set.of()));
        final double[] diffAndIncremental = timeIncremental(base, plusOne, null);
        final double[] withReconcile = timeIncrementalAndReconcile(base, plusOne);
        final CompiledIntent compiled = IsolationCompiler.compile(base, Map.of());
        final long flows = compiled.flowsBySwitch().values().stream().mapToLong(Map::size).sum();
        assertEquals(TENANTS * PORTS_PER_TENANT, compiled.ports().size());
        LOG.info(String.format(Locale.ROOT, "%d tenants, %d ports, %d switches -> %d flows (%.0f per switch)",
            TENANTS, TENANTS * PORTS_PER_TENANT, SWITCHES, flows, (double) flows / SWITCHES));
        LOG.info(String.format(Locale.ROOT, "full compile: min %.1f ms, median %.1f ms", full[0], full[RUNS / 2]));
        LOG.info(String.format(Locale.ROOT, "one port added, incremental (changed ids from the listener): "
            + "min %.3f ms, median %.3f ms", incremental[0], incremental[RUNS / 2]));
        LOG.info(String.format(Locale.ROOT, "one port added, incremental after diffing the snapshots: "
            + "min %.3f ms, median %.3f ms", diffAndIncremental[0], diffAndIncremental[RUNS / 2]));
        LOG.info(String.format(Locale.ROOT, "one port added, snapshots diffed, incremental compile + "
            + "reconcile diff (writer that accepts at once): min %.3f ms, median %.3f ms", withReconcile[0],
            withReconcile[RUNS / 2]));
        final var compiler = new IsolationCompiler();
        compiler.update(base, Map.of(), IntentChanges.between(Intent.EMPTY, base));
        assertEquals(IsolationCompiler.compile(plusOne, Map.of()), compiler.update(plusOne, Map.of(),
            new IntentChanges(Set.of(), Set.of(addedPort), Set.of())));
    }

    /**
     * Runs {@code step} (a change and its undoing) for {@link #WARMUP_SINGLE_CHANGE_NANOS}, at least
     * {@link #WARMUP_SINGLE_CHANGE_MIN} times and at most {@link #WARMUP_SINGLE_CHANGE_MAX}; returns how often.
     */
    public static int warmUp(final Runnable step) {
        final long deadline = System.nanoTime() + WARMUP_SINGLE_CHANGE_NANOS;
        int steps = 0;
        while (steps < WARMUP_SINGLE_CHANGE_MAX && (steps < WARMUP_SINGLE_CHANGE_MIN
                || System.nanoTime() - deadline < 0)) {
            step.run();
            steps++;
        }
        return steps;
    }

    /**
     * Times bringing a compiler that holds {@code before} up to {@code after}; null changes: diff the two. One
     * compiler goes back and forth, as a running controller's does, and only the steps to {@code after} are timed:
     * a compiler built afresh for every step would leave a full compile's garbage to the timed step's collector.
     */
    private static double[] timeIncremental(final Intent before, final Intent after, final IntentChanges changes) {
        final double[] millis = new double[RUNS];
        final var compiler = new IsolationCompiler();
        compiler.update(before, Map.of(), IntentChanges.between(Intent.EMPTY, before));
        final Runnable step = () -> {
            compiler.update(after, Map.of(), changes != null ? changes : IntentChanges.between(before, after));
            compiler.update(before, Map.of(), changes != null ? changes : IntentChanges.between(after, before));
        };
        warmUp(step);
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            compiler.update(after, Map.of(), changes != null ? changes : IntentChanges.between(before, after));
            millis[i] = (System.nanoTime() - start) / 1e6;
            compiler.update(before, Map.of(), changes != null ? changes : IntentChanges.between(after, before));
        }
        Arrays.sort(millis);
        return millis;
    }

    /** Like {@link #timeIncremental}, and then the reconciler's diff against what the switches hold. */
    private static double[] timeIncrementalAndReconcile(final Intent before, final Intent after) {
        final double[] millis = new double[RUNS];
        final var compiler = new IsolationCompiler();
        final var reconciler = new Reconciler((diff, held) -> Futures.immediateVoidFuture(), Duration.ofSeconds(5));
        final var initial = compiler.update(before, Map.of(), IntentChanges.between(Intent.EMPTY, before));
        reconciler.reconcile(initial.flowsBySwitch(), initial.metersBySwitch(), initial.groupsBySwitch());
        warmUp(() -> {
            final var updated = compiler.update(after, Map.of(), IntentChanges.between(before, after));
            reconciler.reconcile(updated.flowsBySwitch(), updated.metersBySwitch(), updated.groupsBySwitch());
            final var back = compiler.update(before, Map.of(), IntentChanges.between(after, before));
            reconciler.reconcile(back.flowsBySwitch(), back.metersBySwitch(), back.groupsBySwitch());
        });
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            final var updated = compiler.update(after, Map.of(), IntentChanges.between(before, after));
            final var results = reconciler.reconcile(updated.flowsBySwitch(), updated.metersBySwitch(),
                updated.groupsBySwitch());
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertEquals(results.toString(), 1, results.values().stream().mapToInt(r -> r.changes()).max()
                .orElse(0) > 0 ? 1 : 0);
            final var back = compiler.update(before, Map.of(), IntentChanges.between(after, before));
            reconciler.reconcile(back.flowsBySwitch(), back.metersBySwitch(), back.groupsBySwitch());
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double[] time(final Intent intent) {
        for (int i = 0; i < WARMUP; i++) {
            IsolationCompiler.compile(intent, Map.of());
        }
        final double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            IsolationCompiler.compile(intent, Map.of());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }
}
