/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.firewall.compiler.FirewallFixtures.egress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.ingress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;
import org.edgeplane.isolation.benchmark.CompilerBenchmark;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firewall compile time at scale: the isolation benchmark's 1,000 tenants and 10,000 ports over 100 {@code ovs}
 * switches, with 50 rules per tenant (45 in five security groups of nine rules, five policy rules): 50,000 rules of
 * every kind (port ranges that need masks, UDP, ICMP, prefixes, remote groups including self references). Each
 * port is in two groups. Prints figures, with the garbage collector's share; never fails on time. Not part of the
 * test suite; run it with {@code mvn -pl app-distributed-firewall/impl test -Dtest=FirewallBenchmark
 * -Djacoco.skip=true} (the coverage agent slows the compile by half).
 */
public class FirewallBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallBenchmark.class);
    private static final int TENANTS = 1_000;
    private static final int GROUPS_PER_TENANT = 5;
    private static final int POLICY_RULES_PER_TENANT = 5;
    private static final int WARMUP = 5;
    private static final int RUNS = 15;

    /**
     * {@code firewall} with one rule more in tenant t0's group g0. Every port of t0 is in g0, so with
     * {@code CompilerBenchmark.intent(190)} (t0 has 200 ports, on every switch) that group has 200 members. Every
     * other group, policy and port's group list is the very object of {@code firewall}, as in a snapshot that
     * shares what did not change with the one before (the "nothing changed" figure measures a snapshot that shares
     * nothing).
     */
    static FirewallIntent withExtraRule(final FirewallIntent firewall) {
        final var groups = new TreeMap<>(firewall.groups());
        final GroupKey key = new GroupKey("t0", "g0");
        final var rules = new ArrayList<>(groups.get(key).rules());
        rules.add(rule("added", ingress("tcp").withPorts(9090, 9090)));
        groups.put(key, new SecurityGroup("t0", "g0", rules));
        return new FirewallIntent(groups, firewall.policies(), firewall.portGroups());
    }

    static FirewallIntent firewall(final Intent intent) {
        final var groups = new ArrayList<SecurityGroup>();
        final var policy = new ArrayList<PolicyRule>();
        for (int t = 0; t < TENANTS; t++) {
            final String tenant = "t" + t;
            for (int g = 0; g < GROUPS_PER_TENANT; g++) {
                final String peer = "g" + (g + 1) % GROUPS_PER_TENANT;
                groups.add(new SecurityGroup(tenant, "g" + g, List.of(
                    rule("web", ingress("tcp").withPorts(80 + g, 80 + g)),
                    rule("range", ingress("tcp").withPorts(1000 + g, 1999 + g)),
                    rule("peers", ingress("tcp").withPorts(7000, 7010).withRemoteGroup("g" + g)),
                    rule("from-peer", ingress("tcp").withPorts(5432, 5432).withRemoteGroup(peer)),
                    rule("dns", ingress("udp").withPorts(53, 53).withRemotePrefix("10.0.0.0/8")),
                    rule("ping", ingress("icmp").withIcmp(8, null)),
                    rule("ntp", ingress("udp").withPorts(123, 123).withRemotePrefix("192.168." + g + ".0/24")),
                    rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)),
                    rule("out-tcp", egress("tcp").withPorts(1, 1023).withRemotePrefix("172.16.0.0/12")))));
            }
            for (int p = 1; p <= POLICY_RULES_PER_TENANT; p++) {
                policy.add(new PolicyRule(tenant, p * 10, RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4)
                    .withProtocol("tcp").withPorts(8000 + p, 8000 + p).withRemotePrefix("0.0.0.0/0"),
                    p % 2 == 0 ? PolicyRule.DENY : PolicyRule.PASS));
            }
        }
        final var portGroups = new HashMap<String, List<String>>();
        intent.ports().values().forEach(port -> {
            final int index = Integer.parseInt(port.id().substring(1));
            portGroups.put(port.id(), "t0".equals(port.tenantId()) ? List.of("g0", "g1")
                : List.of("g" + index % GROUPS_PER_TENANT, "g" + (index + 1) % GROUPS_PER_TENANT));
        });
        return FirewallIntent.of(groups, policy, portGroups);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
            .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Heap in use after a full collection: outside the timing, to see what a result holds. */
    private static long usedAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * One rule added to a group of 200 members (and taken away again) on the same 50,000 rules: only the switches
     * whose ports use the group compile again, here all of them.
     */
    @Test
    public void oneRuleAddedRecompilesOnlyTheSwitchesThatUseIt() {
        final Intent intent = CompilerBenchmark.intent(190);
        final FirewallIntent before = firewall(intent);
        final FirewallIntent after = withExtraRule(before);
        // The binding stage resolves the facts once per round for every stage; that is not the firewall's time.
        final EdgeFacts facts = IsolationCompiler.compile(intent, Map.of()).edgeFacts();
        final var compiler = new FirewallCompiler();
        // One compiler and reconciler go back and forth, as a running controller's do; only the steps that add the
        // rule are timed, each compiled and diffed against what the step before installed. Steady state, as in the
        // other benchmarks (see CompilerBenchmark.warmUp).
        final var reconciler = new Reconciler((diff, held) -> Futures.immediateVoidFuture(), Duration.ofSeconds(5));
        reconciler.reconcile(compiler.update(before, intent, facts).flowsBySwitch());
        // Each step's intent is new, as a round's snapshot is, and shares what did not change with the one before.
        CompilerBenchmark.warmUp(() -> {
            reconciler.reconcile(compiler.update(withExtraRule(before), intent, facts).flowsBySwitch());
            reconciler.reconcile(compiler.update(before, intent, facts).flowsBySwitch());
        });
        final double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            final FirewallIntent changed = withExtraRule(before);
            final long start = System.nanoTime();
            final var results = reconciler.reconcile(compiler.update(changed, intent, facts).flowsBySwitch());
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertTrue(results.values().stream().anyMatch(result -> result.changes() > 0));
            reconciler.reconcile(compiler.update(before, intent, facts).flowsBySwitch());
        }
        Arrays.sort(millis);
        final int recompiled = compiler.lastCompiled();
        final int reused = compiler.lastReused();
        // The same intent again, decoded afresh as a round reads it (equal, not the same objects): nothing is
        // compiled; what is left is deciding that nothing changed.
        final Intent sameIntent = CompilerBenchmark.intent(190);
        final FirewallIntent sameFirewall = firewall(sameIntent);
        final EdgeFacts sameFacts = IsolationCompiler.compile(sameIntent, Map.of()).edgeFacts();
        compiler.update(before, intent, facts);
        final double[] unchanged = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            if (i % 2 == 0) {
                compiler.update(sameFirewall, sameIntent, sameFacts);
            } else {
                compiler.update(before, intent, facts);
            }
            unchanged[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(unchanged);
        assertEquals(0, compiler.lastCompiled());
        compiler.update(before, intent, facts);
        assertEquals(FirewallCompiler.compile(after, intent, facts), compiler.update(after, intent, facts));
        LOG.info(String.format(Locale.ROOT, "firewall, one rule added to a group of 200 members, compiled and diffed: "
            + "min %.1f ms, "
            + "median %.1f ms, "
            + "max %.1f ms; %d ports and networks compiled, %d reused", millis[0], millis[RUNS / 2], millis[RUNS - 1],
            recompiled, reused));
        LOG.info(String.format(Locale.ROOT, "firewall, nothing changed (an equal intent read afresh): min %.1f ms, "
            + "median %.1f ms, max %.1f ms", unchanged[0], unchanged[RUNS / 2], unchanged[RUNS - 1]));
    }

    @Test
    public void fullCompileOfFiftyThousandRules() {
        final Intent intent = CompilerBenchmark.intent(0);
        final FirewallIntent firewall = firewall(intent);
        final int rules = firewall.groups().values().stream().mapToInt(group -> group.rules().size()).sum()
            + firewall.policies().values().stream().mapToInt(List::size).sum();
        assertEquals(50_000, rules);
        final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());

        for (int i = 0; i < WARMUP; i++) {
            FirewallCompiler.compile(firewall, intent, compiled.edgeFacts());
        }
        final double[] millis = new double[RUNS];
        FirewallFlows flows = null;
        final long gcBefore = gcMillis();
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            flows = FirewallCompiler.compile(firewall, intent, compiled.edgeFacts());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        final double gcPerRun = (double) (gcMillis() - gcBefore) / RUNS;
        Arrays.sort(millis);
        final long total = flows.flowsBySwitch().values().stream().mapToLong(Map::size).sum();
        assertTrue(flows.problems().toString(), flows.problems().isEmpty());
        LOG.info(String.format(Locale.ROOT, "%d tenants, %d ports, %d rules over %d switches -> %d firewall flows "
            + "(%.0f per switch)", TENANTS, intent.ports().size(), rules, flows.flowsBySwitch().size(), total,
            (double) total / flows.flowsBySwitch().size()));
        LOG.info(String.format(Locale.ROOT, "firewall full compile: min %.0f ms, median %.0f ms, max %.0f ms; "
            + "garbage collection %.0f ms per compile (%s, max heap %d MB)", millis[0], millis[RUNS / 2],
            millis[RUNS - 1], gcPerRun, ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList(), Runtime.getRuntime().maxMemory() >> 20));
        // Rule flows are made when read: a reconcile pays that once per flow, so it is timed too.
        final double[] readMillis = new double[RUNS];
        long read = 0;
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            for (Map<String, FlowRecord> switchFlows : flows.flowsBySwitch().values()) {
                for (FlowRecord flow : switchFlows.values()) {
                    read += flow.priority();
                }
            }
            readMillis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(readMillis);
        assertTrue(read > 0);
        LOG.info(String.format(Locale.ROOT, "reading every flow of the result once: min %.0f ms, median %.0f ms",
            readMillis[0], readMillis[RUNS / 2]));
        final long withResult = usedAfterCollection();
        // Without the fence the compiler may treat the result as dead before it is measured.
        Reference.reachabilityFence(flows);
        flows = null;
        final long held = withResult - usedAfterCollection();
        LOG.info(String.format(Locale.ROOT, "memory held by one compiled result: %d MB (%.0f bytes per flow)",
            held >> 20, (double) held / total));
        for (SwitchProfile profile : SwitchProfile.values()) {
            LOG.info(String.format(Locale.ROOT, "self-referencing group on one %s switch: 200 members -> %d "
                + "firewall flows (100 members -> %d)", profile,
                RemoteGroupGrowthTest.flowsForSelfReferencingGroup(200, profile),
                RemoteGroupGrowthTest.flowsForSelfReferencingGroup(100, profile)));
        }
    }
}
