/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.HeldSnapshot;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.edgeplane.core.reconcile.SwitchUnreachableException;
import org.edgeplane.core.testing.FakeSwitches;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitch;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitchInput;
import org.opendaylight.yangtools.yang.binding.Rpc;

/**
 * A rounds leader that does not master a switch hands its write to the master: in parts, through ODL's routed RPC
 * (here a fake broker that routes to the master's service), and the master applies it as its own write.
 */
public class HandedOverWriteTest {
    private final FakeSwitches onTheMaster = new FakeSwitches();
    private final List<String> localWrites = new CopyOnWriteArrayList<>();
    private final List<WriteSwitchInput> routed = new CopyOnWriteArrayList<>();
    private final SwitchWriteService master = new SwitchWriteService(onTheMaster);

    private final class Broker extends RpcsOnly {
        @Override
        @SuppressWarnings("unchecked")
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> rpcInterface) {
            assertEquals(WriteSwitch.class, rpcInterface);
            return (R) (WriteSwitch) input -> {
                routed.add(input);
                return master.invoke(input);
            };
        }
    }

    private RoutingFlowWriter leader(final String mastered) {
        return new RoutingFlowWriter((diff, held) -> {
            localWrites.add(diff.switchId());
            return Futures.immediateFuture(null);
        }, mastered::equals, switchId -> !switchId.equals("openflow:9"), new Broker(), () -> "member-2", 1024);
    }

    private static FlowDiff diff(final String switchId, final int flows) {
        final var writes = new ArrayList<FlowRecord>();
        for (int i = 0; i < flows; i++) {
            writes.add(new FlowRecord("port:p" + i, Table.CLASSIFY, 100, 0xed01L + i,
                FlowMatch.builder().inPort(i + 1).ethSrc(String.format("02:00:00:00:%02x:%02x", i / 256, i % 256))
                    .build(), List.of(new Instruction.ApplyActions(List.of(new Action.Output(i + 2))))));
        }
        return new FlowDiff(switchId, writes, new TreeMap<>());
    }

    /** A switch whose content is not known: the write replaces everything Edgeplane owns on it. */
    private static final SwitchHeld UNKNOWN = new HeldSnapshot(false, 0, Map.of(), new TreeSet<>(), new TreeSet<>());

    @Test
    public void aSwitchMasteredElsewhereGetsItsWriteThroughItsMasterInParts() throws Exception {
        final var write = diff("openflow:2", 300);
        leader("openflow:1").apply(write, UNKNOWN).get(10, TimeUnit.SECONDS);
        assertTrue("the write was split into parts: " + routed.size(), routed.size() > 1);
        assertTrue(routed.stream().allMatch(part -> part.getWriteId().equals(routed.get(0).getWriteId())));
        assertEquals(List.of(), localWrites);
        final Map<String, FlowRecord> held = onTheMaster.tables().get("openflow:2");
        assertEquals(300, held.size());
        assertEquals(write.writes().get(299), held.get("port:p299"));
        assertEquals("the master replaced the unknown switch's content, as a local write does",
            List.of("openflow:2"), onTheMaster.replaced());
    }

    @Test
    public void aSwitchMasteredHereIsWrittenHereAndAnUnconnectedOneNowhere() throws Exception {
        leader("openflow:1").apply(diff("openflow:1", 3), UNKNOWN).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("openflow:1"), localWrites);
        assertEquals(List.of(), routed);
        final var unconnected = assertThrows(ExecutionException.class,
            () -> leader("openflow:1").apply(diff("openflow:9", 3), UNKNOWN).get(10, TimeUnit.SECONDS));
        assertTrue(unconnected.getCause() instanceof SwitchUnreachableException);
    }

    @Test
    public void aWriteTheMasterCannotApplyFailsOnTheLeader() {
        onTheMaster.refuse(true);
        final var failed = assertThrows(ExecutionException.class,
            () -> leader("openflow:1").apply(diff("openflow:2", 3), UNKNOWN).get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage(), failed.getCause().getMessage().contains("refused"));
        assertEquals(Map.of(), onTheMaster.tables());
    }
}
