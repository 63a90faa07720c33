/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.testing.FakeSwitches;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * The reconciler writes exactly the difference, and only remembers what was written.
 */
public class ReconcilerTest {
    private final FakeSwitches switches = new FakeSwitches();
    private final Reconciler reconciler = new Reconciler(switches, Duration.ofSeconds(1));

    private static Intent intentA() {
        return IntentFixtures.twoTenants();
    }

    /** A plus one port on switch 2 in red-web. */
    private static Intent intentB() {
        final var a = intentA();
        final var ports = new ArrayList<>(a.ports().values());
        ports.add(new org.edgeplane.core.endpoint.Port("r5", "red", "red-web", "openflow:2", "5", mac(0x15),
            List.of("10.0.0.5")));
        return Intent.of(a.tenants().values(), a.networks().values(), ports, a.switches().values());
    }

    private static SortedMap<String, Map<String, FlowRecord>> desired(final Intent intent) {
        return IsolationCompiler.compile(intent, Map.of()).flowsBySwitch();
    }

    @Test
    public void firstReconcileWritesEverythingAndTheSecondNothing() {
        reconciler.reconcile(desired(intentA()));
        assertEquals(desired(intentA()), new TreeMap<>(switches.tables()));
        final int written = switches.changes();
        reconciler.reconcile(desired(intentA()));
        assertEquals(written, switches.changes());
    }

    @Test
    public void changeEmitsOnlyTheDifference() {
        reconciler.reconcile(desired(intentA()));
        switches.applied().clear();
        reconciler.reconcile(desired(intentB()));

        final var expectedWrites = new TreeMap<String, FlowRecord>();
        desired(intentB()).forEach((sw, flows) -> flows.forEach((id, flow) -> {
            if (!flow.equals(desired(intentA()).get(sw).get(id))) {
                expectedWrites.put(sw + " " + id, flow);
            }
        }));
        final var actualWrites = new TreeMap<String, FlowRecord>();
        switches.applied().forEach(diff -> diff.writes().forEach(flow -> actualWrites.put(diff.switchId() + " "
            + flow.id(), flow)));
        assertEquals(expectedWrites, actualWrites);
        assertTrue(switches.applied().stream().allMatch(diff -> diff.removals().isEmpty()));
        // r5 on switch 2: classify, 2 port-security, l2, egress there; l2 towards it on switch 1; switch 2's flood.
        assertEquals(Set.of("openflow:1 isolation:l2:port=r5", "openflow:2 isolation:classify:port=r5",
            "openflow:2 isolation:egress:port=r5", "openflow:2 isolation:flood:network=red-web:from=port",
            "openflow:2 isolation:flood:network=red-web:from=fabric", "openflow:2 isolation:l2:port=r5",
            "openflow:2 isolation:port-security:port=r5:arp=10.0.0.5",
            "openflow:2 isolation:port-security:port=r5:ipv4=10.0.0.5"), actualWrites.keySet());
    }

    @Test
    public void changeAndRevertReturnsToTheSameFlows() {
        reconciler.reconcile(desired(intentA()));
        final var before = deepCopy(switches.tables());
        reconciler.reconcile(desired(intentB()));
        reconciler.reconcile(desired(intentA()));
        assertEquals(before, switches.tables());
    }

    @Test
    public void deletingEverythingLeavesNoFlow() {
        reconciler.reconcile(desired(intentA()));
        reconciler.reconcile(desired(Intent.EMPTY));
        switches.tables().values().forEach(flows -> assertEquals(Map.of(), flows));
        assertEquals(Set.of(), reconciler.installedIds("openflow:1"));
    }

    @Test
    public void failedWriteIsRetriedInFullAndReported() {
        switches.refuse(true);
        final var failed = reconciler.reconcile(desired(intentA()));
        assertTrue(failed.get("openflow:1").error().isPresent());
        switches.refuse(false);
        final var retried = reconciler.reconcile(desired(intentA()));
        assertTrue(retried.get("openflow:1").error().isEmpty());
        assertEquals(desired(intentA()), new TreeMap<>(switches.tables()));
    }

    @Test
    public void aRestartedReconcilerReplacesWhatAnEarlierRunInstalled() {
        reconciler.reconcile(desired(intentB()));
        final var restarted = new Reconciler(switches, Duration.ofSeconds(1));
        switches.replaced().clear();
        restarted.reconcile(desired(intentA()));
        assertEquals(desired(intentA()), new TreeMap<>(switches.tables()));
        assertEquals(List.copyOf(desired(intentA()).keySet()), switches.replaced());
        // Known from then on: the next change is only the difference.
        switches.replaced().clear();
        switches.applied().clear();
        restarted.reconcile(desired(intentB()));
        assertEquals(List.of(), switches.replaced());
        assertEquals(desired(intentB()), new TreeMap<>(switches.tables()));
        assertTrue(switches.changes() < desired(intentB()).get("openflow:2").size());
    }

    @Test
    public void aForgottenSwitchIsReplacedInFull() {
        reconciler.reconcile(desired(intentA()));
        switches.tables().get("openflow:1").clear();
        reconciler.forget("openflow:1");
        switches.replaced().clear();
        reconciler.reconcile(desired(intentA()));
        assertEquals(List.of("openflow:1"), switches.replaced());
        assertEquals(desired(intentA()), new TreeMap<>(switches.tables()));
    }

    @Test
    public void aSwitchThatIsNotConnectedIsReportedAsAwaitedAndWrittenInFullOnceItIs() {
        final var unreachable = new Reconciler((diff, held) -> diff.switchId().equals("openflow:2")
            ? Futures.immediateFailedFuture(new SwitchUnreachableException("openflow:2"))
            : switches.apply(diff, held), Duration.ofSeconds(1));
        final var results = unreachable.reconcile(desired(intentA()));
        assertEquals(Optional.of("switch openflow:2 is not connected"), results.get("openflow:2").error());
        assertTrue(results.get("openflow:2").awaitsSwitch());
        assertTrue(results.get("openflow:1").error().isEmpty());
        assertEquals(Set.of(), unreachable.installedIds("openflow:2"));
    }

    private static Map<String, Map<Long, GroupRecord>> groupsOn2(final GroupRecord... groups) {
        final var byId = new TreeMap<Long, GroupRecord>();
        for (GroupRecord group : groups) {
            byId.put(group.groupId(), group);
        }
        return Map.of("openflow:2", byId);
    }

    private static GroupRecord group(final long id, final long... ports) {
        final var buckets = new ArrayList<GroupRecord.Bucket>();
        for (int i = 0; i < ports.length; i++) {
            buckets.add(new GroupRecord.Bucket(i, List.of(new Action.Output(ports[i]))));
        }
        return new GroupRecord(id, buckets, 0L);
    }

    @Test
    public void groupsAreWrittenChangedAndRemovedWithOnlyTheDifference() {
        reconciler.reconcile(desired(intentA()), Map.of(), groupsOn2(group(7, 5, 6), group(8, 5)));
        assertEquals(groupsOn2(group(7, 5, 6), group(8, 5)), Map.of("openflow:2", switches.groups().get("openflow:2")));
        switches.applied().clear();
        reconciler.reconcile(desired(intentA()), Map.of(), groupsOn2(group(7, 5, 6), group(8, 6)));
        assertEquals(List.of(group(8, 6)), switches.applied().stream().flatMap(diff -> diff.groupWrites().stream())
            .toList());
        assertTrue(switches.applied().stream().allMatch(diff -> diff.writes().isEmpty()
            && diff.groupRemovals().isEmpty()));
        reconciler.reconcile(desired(intentA()), Map.of(), Map.of());
        assertEquals(Map.of(), switches.groups().get("openflow:2"));
    }

    @Test
    public void groupsOfAnEarlierRunAreGoneAfterTheFirstWrite() {
        reconciler.reconcile(desired(intentA()), Map.of(), groupsOn2(group(7, 5, 6), group(8, 5)));
        final var restarted = new Reconciler(switches, Duration.ofSeconds(1));
        restarted.reconcile(desired(intentA()), Map.of(), groupsOn2(group(8, 5)));
        assertEquals(groupsOn2(group(8, 5)), Map.of("openflow:2", switches.groups().get("openflow:2")));
    }

    private static Map<String, Map<String, FlowRecord>> deepCopy(final Map<String, Map<String, FlowRecord>> map) {
        final var copy = new TreeMap<String, Map<String, FlowRecord>>();
        map.forEach((key, value) -> copy.put(key, new TreeMap<>(value)));
        return copy;
    }
}
