/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.edgeplane.isolation.benchmark.CompilerBenchmark;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures, not a pass/fail on time: service insertion on the benchmark's 1,000 tenants / 10,000 ports over 100
 * switches, one symmetric chain per tenant (web traffic of its first port through a transparent appliance on two of
 * its ports, on other switches); a full compile of every chain, and one hop added to one chain, compiled chain by
 * chain and diffed by the reconciler against what the previous round installed.
 */
public class ChainBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ChainBenchmark.class);
    private static final int TENANTS = 1_000;
    private static final int WARMUP = 5;
    private static final int RUNS = 15;

    /** Every tenant's last two ports become its appliance's (no port security, as appliances need). */
    private static Intent withAppliancePorts(final Intent intent) {
        final var ports = new TreeMap<>(intent.ports());
        intent.ports().values().forEach(port -> {
            final int index = Integer.parseInt(port.id().substring(1));
            if (index % 10 >= 6) {
                ports.put(port.id(), port.withPortSecurity(false));
            }
        });
        return new Intent(intent.tenants(), intent.networks(), ports, intent.switches());
    }

    /** One chain per tenant, of one hop through the tenant's appliance. */
    private static ChainIntent chains() {
        final var functions = new ArrayList<ServiceFunction>();
        final var hops = new ArrayList<Hop>();
        final var chains = new ArrayList<ServiceChain>();
        for (int t = 0; t < TENANTS; t++) {
            final String tenant = "t" + t;
            final int first = t * 10;
            functions.add(new ServiceFunction(tenant, "ids", "p" + (first + 8), "p" + (first + 9)));
            hops.add(new Hop(tenant, "inspect", List.of("ids"), Hop.FIVE_TUPLE));
            chains.add(new ServiceChain(tenant, "web", List.of("inspect"), List.of(Classifier.from("web", "p" + first)
                .withProtocol("tcp").withPorts(null, Classifier.PortRange.of(80, 80))), true,
                FailurePolicy.FAIL_OPEN));
        }
        return ChainIntent.of(functions, hops, chains);
    }

    /**
     * {@code chains} with a second hop (through a second appliance) in tenant t0's chain; every other function, hop
     * and chain is the very object of {@code chains}, as in a snapshot that shares what did not change (the
     * "nothing changed" figure measures a snapshot that shares nothing).
     */
    private static ChainIntent withSecondHop(final ChainIntent chains) {
        final var functions = new TreeMap<>(chains.functions());
        final var hops = new TreeMap<>(chains.hops());
        final var all = new TreeMap<>(chains.chains());
        final ServiceFunction dpi = new ServiceFunction("t0", "dpi", "p6", "p7");
        functions.put(dpi.key(), dpi);
        final Hop deep = new Hop("t0", "deep", List.of("dpi"), Hop.FIVE_TUPLE);
        hops.put(deep.key(), deep);
        final ServiceChain web = chains.chains().values().stream().filter(chain -> "t0".equals(chain.tenantId()))
            .findFirst().orElseThrow();
        final ServiceChain longer = new ServiceChain("t0", web.name(), List.of("inspect", "deep"), web.classifiers(),
            web.symmetric(), web.failurePolicy());
        all.put(longer.key(), longer);
        return new ChainIntent(functions, hops, all);
    }

    @Test
    public void fullCompileAndOneHopAdded() {
        final Intent intent = withAppliancePorts(CompilerBenchmark.intent(0));
        final EdgeFacts facts = IsolationCompiler.compile(intent, Map.of()).edgeFacts();
        final ChainIntent base = chains();
        final ChainIntent plusHop = withSecondHop(base);

        final double[] full = new double[RUNS];
        ChainFlows compiled = null;
        for (int i = -WARMUP; i < RUNS; i++) {
            final long start = System.nanoTime();
            compiled = ChainCompiler.compile(base, intent, facts);
            if (i >= 0) {
                full[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(full);
        assertEquals(List.of(), compiled.errors().values().stream().toList());

        final double[] oneHop = new double[RUNS];
        long recompiled = 0;
        // One memo and reconciler go back and forth, as a running controller's do; only the steps that add the hop
        // are timed.
        final var memo = new ChainMemo();
        final var reconciler = new Reconciler((diff, held) -> Futures.immediateVoidFuture(), Duration.ofSeconds(5));
        final ChainFlows first = memo.update(base, intent, facts);
        reconciler.reconcile(first.flowsBySwitch(), Map.of(), first.groupsBySwitch());
        // Steady state, as in the other benchmarks (see CompilerBenchmark.warmUp).
        CompilerBenchmark.warmUp(() -> {
            final ChainFlows after = memo.update(plusHop, intent, facts);
            reconciler.reconcile(after.flowsBySwitch(), Map.of(), after.groupsBySwitch());
            final ChainFlows back = memo.update(base, intent, facts);
            reconciler.reconcile(back.flowsBySwitch(), Map.of(), back.groupsBySwitch());
        });
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            final ChainFlows after = memo.update(plusHop, intent, facts);
            final var results = reconciler.reconcile(after.flowsBySwitch(), Map.of(), after.groupsBySwitch());
            oneHop[i] = (System.nanoTime() - start) / 1e6;
            recompiled = memo.lastCompiled();
            assertTrue(results.values().stream().anyMatch(result -> result.changes() > 0));
            final ChainFlows back = memo.update(base, intent, facts);
            reconciler.reconcile(back.flowsBySwitch(), Map.of(), back.groupsBySwitch());
        }
        Arrays.sort(oneHop);
        // Nothing of the chains' inputs changed (a round another app started), read afresh: equal, not the same.
        final Intent sameIntent = withAppliancePorts(CompilerBenchmark.intent(0));
        final EdgeFacts sameFacts = IsolationCompiler.compile(sameIntent, Map.of()).edgeFacts();
        final ChainIntent sameChains = chains();
        final var unchangedMemo = new ChainMemo();
        unchangedMemo.update(base, intent, facts);
        final double[] unchanged = new double[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            final long start = System.nanoTime();
            if (i % 2 == 0) {
                unchangedMemo.update(sameChains, sameIntent, sameFacts);
            } else {
                unchangedMemo.update(base, intent, facts);
            }
            if (i >= 0) {
                unchanged[i] = (System.nanoTime() - start) / 1e6;
            }
            assertEquals(0, unchangedMemo.lastCompiled());
        }
        Arrays.sort(unchanged);
        assertEquals(ChainCompiler.compile(plusHop, intent, facts), new ChainMemo().update(plusHop, intent, facts));
        final long flows = compiled.flowsBySwitch().values().stream().mapToLong(Map::size).sum();
        final long groups = compiled.groupsBySwitch().values().stream().mapToLong(Map::size).sum();
        LOG.info(String.format(Locale.ROOT, "%d chains over %d ports -> %d flows, %d groups", TENANTS,
            intent.ports().size(), flows, groups));
        LOG.info(String.format(Locale.ROOT, "chains, full compile: min %.1f ms, median %.1f ms, max %.1f ms",
            full[0], full[RUNS / 2], full[RUNS - 1]));
        LOG.info(String.format(Locale.ROOT, "chains, one hop added to one chain, compile + reconcile diff: "
            + "min %.2f ms, median %.2f ms, max %.2f ms; %d of %d chains compiled", oneHop[0], oneHop[RUNS / 2],
            oneHop[RUNS - 1], recompiled, TENANTS));
        LOG.info(String.format(Locale.ROOT, "chains, nothing changed (an equal intent read afresh): min %.2f ms, "
            + "median %.2f ms, max %.2f ms", unchanged[0], unchanged[RUNS / 2], unchanged[RUNS - 1]));
    }
}
