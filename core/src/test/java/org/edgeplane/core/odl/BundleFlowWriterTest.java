/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowSweep;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.edgeplane.core.reconcile.SwitchUnreachableException;
import org.junit.After;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveGroupCase;
import org.opendaylight.yangtools.yang.binding.Rpc;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The bundle writer against a switch channel that behaves as the OpenFlow plugin's does: a bundled message
 * completes only when the switch answers a barrier sent after it, answers come a little later on another thread,
 * and the plugin refuses requests beyond its per-switch quota.
 */
public class BundleFlowWriterTest {
    private static final String SWITCH = "openflow:1";
    /** The plugin's rpc-requests-quota default: requests outstanding at once per switch. */
    private static final int QUOTA = 20_000;
    /** How long the switch takes to answer a barrier: long enough for unanswered chunks to pile up. */
    private static final long ANSWER_DELAY_MS = 40;
    private static final long COOKIE = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "p");

    private final FakeChannel channel = new FakeChannel();
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    @After
    public void stopChannel() {
        channel.answers.shutdownNow();
        senders.shutdownNow();
    }

    @Test
    public void aLargeBundleGoesOutInOrderUnderTheQuotaAndIsCommittedOnce() throws Exception {
        final int flows = 25_000;
        final var writes = new ArrayList<FlowRecord>();
        for (int i = 0; i < flows; i++) {
            writes.add(flow(i));
        }
        final var writer = new BundleFlowWriter(channel, SWITCH::equals, senders);
        writer.apply(new FlowDiff(SWITCH, writes, new TreeMap<>()), unknownSwitch()).get(30, TimeUnit.SECONDS);

        assertEquals(List.of("OPEN", "COMMIT"), channel.controls);
        // A switch whose content is unknown first loses every Edgeplane flow and every group, then gets the adds.
        assertTrue(channel.bundled.get(0).getBundleInnerMessage() instanceof BundleRemoveFlowCase);
        assertTrue(channel.bundled.get(1).getBundleInnerMessage() instanceof BundleRemoveGroupCase);
        assertEquals(flows + 2, channel.bundled.size());
        for (int i = 0; i < flows; i++) {
            final var add = (BundleAddFlowCase) channel.bundled.get(i + 2).getBundleInnerMessage();
            assertEquals(writes.get(i).id(), add.getAddFlowCaseData().getFlowName());
        }
        assertTrue("at most " + channel.maxOutstanding + " outstanding", channel.maxOutstanding <= QUOTA);
    }

    /**
     * The reconciler's thread only prepares a switch's bundle: sending it (and waiting for the switch) happens on a
     * sender, so the switches of a round take their bundles at the same time and a slow one holds up no other.
     */
    @Test
    public void theCallerPreparesAndASenderSends() throws Exception {
        final var queued = new ArrayList<Runnable>();
        final var write = new BundleFlowWriter(channel, SWITCH::equals, queued::add)
            .apply(new FlowDiff(SWITCH, List.of(flow(1)), new TreeMap<>()), unknownSwitch());
        assertFalse(write.isDone());
        assertEquals(List.of(), channel.controls);
        assertEquals(1, queued.size());
        queued.get(0).run();
        write.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("OPEN", "COMMIT"), channel.controls);
    }

    @Test
    public void aRefusedChunkDiscardsTheWholeBundle() throws Exception {
        channel.refuseBundledMessage = 3_000;
        final var writes = new ArrayList<FlowRecord>();
        for (int i = 0; i < 10_000; i++) {
            writes.add(flow(i));
        }
        final var write = new BundleFlowWriter(channel, SWITCH::equals, senders).apply(new FlowDiff(SWITCH, writes,
            new TreeMap<>()), unknownSwitch());
        try {
            write.get(30, TimeUnit.SECONDS);
            fail("a bundle with a refused message was reported written");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("refused"));
        }
        assertEquals(List.of("OPEN", "DISCARD"), channel.controls);
    }

    @Test
    public void aSwitchLeftWithNoFlowLosesThemInOneMessageAndOtherwiseEachExactly() throws Exception {
        final List<FlowRecord> held = List.of(flow(1), flow(2), flow(3));
        final var writer = new BundleFlowWriter(channel, SWITCH::equals, senders);
        final var all = new TreeMap<String, Table>();
        held.forEach(flow -> all.put(flow.id(), flow.table()));
        writer.apply(new FlowDiff(SWITCH, List.of(), all), knownSwitch(held)).get(30, TimeUnit.SECONDS);
        assertEquals(1, channel.bundled.size());
        final var everything = ((BundleRemoveFlowCase) channel.bundled.get(0).getBundleInnerMessage())
            .getRemoveFlowCaseData();
        assertEquals(Boolean.FALSE, everything.getStrict());
        assertEquals(Cookies.EDGEPLANE_MASK, everything.getCookieMask().getValue().longValue());

        channel.bundled.clear();
        final var two = new TreeMap<String, Table>(all);
        two.remove(held.get(2).id());
        writer.apply(new FlowDiff(SWITCH, List.of(), two), knownSwitch(held)).get(30, TimeUnit.SECONDS);
        assertEquals(2, channel.bundled.size());
        for (Message message : channel.bundled) {
            final var exact = ((BundleRemoveFlowCase) message.getBundleInnerMessage()).getRemoveFlowCaseData();
            assertEquals(Boolean.TRUE, exact.getStrict());
            assertEquals(COOKIE, exact.getCookie().getValue().longValue());
        }
    }

    /** A swept object loses every flow it has in the table, whatever the match, before anything is added. */
    @Test
    public void aSweepDeletesOneObjectsFlowsInOneTableBeforeTheAdds() throws Exception {
        final var writer = new BundleFlowWriter(channel, SWITCH::equals, senders);
        final var sweeps = new TreeSet<FlowSweep>(Set.of(new FlowSweep(flow(1).table(), COOKIE)));
        writer.apply(new FlowDiff(SWITCH, List.of(flow(1)), new TreeMap<>()).withSweeps(sweeps),
            knownSwitch(List.of(flow(2)))).get(30, TimeUnit.SECONDS);
        assertEquals(2, channel.bundled.size());
        final var sweep = ((BundleRemoveFlowCase) channel.bundled.get(0).getBundleInnerMessage())
            .getRemoveFlowCaseData();
        assertEquals(Boolean.FALSE, sweep.getStrict());
        assertEquals(COOKIE, sweep.getCookie().getValue().longValue());
        assertEquals(-1L, sweep.getCookieMask().getValue().longValue());
        assertEquals(flow(1).table().id(), sweep.getTableId().shortValue());
        assertEquals(null, sweep.getMatch().getInPort());
        assertTrue(channel.bundled.get(1).getBundleInnerMessage() instanceof BundleAddFlowCase);
    }

    /** The write stamp commits with the bundle: set by its last message, and deleted with the switch's content. */
    @Test
    public void theStampIsSetInTheSameBundleAndRemovedWithTheLastContent() throws Exception {
        final var writer = new BundleFlowWriter(channel, SWITCH::equals, senders);
        final long stamp = 0x1234_5678_9abcL;
        writer.apply(new FlowDiff(SWITCH, List.of(flow(1)), new TreeMap<>()).withStamp(stamp),
            knownSwitch(List.of())).get(30, TimeUnit.SECONDS);
        assertEquals(2, channel.bundled.size());
        assertEquals(1, channel.controls.stream().filter("COMMIT"::equals).count());
        final var set = ((BundleAddFlowCase) channel.bundled.get(1).getBundleInnerMessage()).getAddFlowCaseData();
        assertEquals(Cookies.WRITE_STAMP | stamp, set.getCookie().getValue().longValue());
        assertEquals(Cookies.STAMP_TABLE, set.getTableId().shortValue());
        assertTrue("beyond the pipeline, so no packet reaches it", Arrays.stream(Table.values())
            .allMatch(table -> table.id() < Cookies.STAMP_TABLE));
        assertTrue("Open vSwitch refuses flows in its internal table 254", Cookies.STAMP_TABLE < 254);
        assertEquals(0, set.getPriority().intValue());
        assertEquals("it does nothing to a packet", null, set.getInstructions());

        channel.bundled.clear();
        final var all = new TreeMap<String, Table>();
        all.put(flow(1).id(), flow(1).table());
        writer.apply(new FlowDiff(SWITCH, List.of(), all).withStamp(FlowDiff.REMOVE_STAMP),
            knownSwitch(List.of(flow(1)))).get(30, TimeUnit.SECONDS);
        final var removed = ((BundleRemoveFlowCase) channel.bundled.get(channel.bundled.size() - 1)
            .getBundleInnerMessage()).getRemoveFlowCaseData();
        assertEquals(Cookies.STAMP_TABLE, removed.getTableId().shortValue());
        assertEquals(Cookies.WRITE_STAMP, removed.getCookie().getValue().longValue());
        assertEquals(Cookies.APP_MASK, removed.getCookieMask().getValue().longValue());
    }

    @Test
    public void aSwitchThatIsNotConnectedFailsAtOnceAndGetsNothing() throws InterruptedException, TimeoutException {
        final var write = new BundleFlowWriter(channel, id -> false, senders).apply(new FlowDiff(SWITCH,
            List.of(flow(1)), new TreeMap<>()), unknownSwitch());
        try {
            write.get(1, TimeUnit.SECONDS);
            fail("written to a switch that is not connected");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof SwitchUnreachableException);
        }
        assertFalse(channel.controls.contains("OPEN"));
        assertEquals(0, channel.bundled.size());
    }

    private static FlowRecord flow(final int index) {
        return new FlowRecord(String.format("port=p:%06d", index), Table.FIREWALL_FROM_GROUPS, 100, COOKIE,
            FlowMatch.builder().inPort(1 + index).build(),
            List.of(new Instruction.GotoTable(Table.FIREWALL_FROM_DENY)));
    }

    private static SwitchHeld knownSwitch(final List<FlowRecord> flows) {
        return held(true, flows);
    }

    private static SwitchHeld unknownSwitch() {
        return held(false, List.of());
    }

    /** A switch holding these flows and no group or meter, its content known or not. */
    private static SwitchHeld held(final boolean known, final List<FlowRecord> flows) {
        return new SwitchHeld() {
            @Override
            public boolean isKnown() {
                return known;
            }

            @Override
            public int flowCount() {
                return flows.size();
            }

            @Override
            public Optional<FlowRecord> flow(final String flowId) {
                return flows.stream().filter(flow -> flow.id().equals(flowId)).findFirst();
            }

            @Override
            public boolean holdsGroup(final long groupId) {
                return false;
            }

            @Override
            public boolean holdsMeter(final long meterId) {
                return false;
            }
        };
    }

    /**
     * One switch's channel: control messages and bundled messages in the order sent; a barrier is answered a
     * little later, on another thread, completing every request sent before it. A request beyond the quota is
     * refused, as the plugin refuses it.
     */
    private static final class FakeChannel extends RpcsOnly {
        final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        final List<String> controls = new ArrayList<>();
        final List<Message> bundled = new ArrayList<>();
        /** The bundled message (by position) the switch refuses; -1 for none. */
        int refuseBundledMessage = -1;
        int maxOutstanding;
        /** Requests sent since the last barrier, one entry per bundled message. */
        private final List<SettableFuture<RpcResult<?>>> sinceBarrier = new ArrayList<>();
        private int messagesSinceBarrier;
        /** Bundled messages whose barrier the switch has not answered yet. */
        private int outstanding;
        private boolean refusedSinceBarrier;

        @Override
        @SuppressWarnings("unchecked")
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> rpcInterface) {
            if (rpcInterface == AddBundleMessages.class) {
                return (R) (AddBundleMessages) input -> cast(request(input.getMessages().nonnullMessage()));
            }
            if (rpcInterface == ControlBundle.class) {
                return (R) (ControlBundle) input -> {
                    synchronized (this) {
                        controls.add(controlName(input.getType().name()));
                    }
                    return cast(barrier());
                };
            }
            if (rpcInterface == SendBarrier.class) {
                return (R) (SendBarrier) input -> cast(barrier());
            }
            throw new UnsupportedOperationException(rpcInterface.getName());
        }

        private synchronized ListenableFuture<RpcResult<?>> request(final List<Message> messages) {
            final SettableFuture<RpcResult<?>> reply = SettableFuture.create();
            if (outstanding + messages.size() > QUOTA) {
                reply.set(RpcResultBuilder.failed().withError(ErrorType.APPLICATION, "request queue full")
                    .build());
                return reply;
            }
            final int first = bundled.size();
            bundled.addAll(messages);
            refusedSinceBarrier |= refuseBundledMessage >= first && refuseBundledMessage < bundled.size();
            // The plugin keeps one slot per bundled message until the barrier.
            sinceBarrier.add(reply);
            messagesSinceBarrier += messages.size();
            outstanding += messages.size();
            maxOutstanding = Math.max(maxOutstanding, outstanding);
            return reply;
        }

        private synchronized ListenableFuture<RpcResult<?>> barrier() {
            final var answered = List.copyOf(sinceBarrier);
            final int released = messagesSinceBarrier;
            sinceBarrier.clear();
            messagesSinceBarrier = 0;
            final boolean refused = refusedSinceBarrier;
            refusedSinceBarrier = false;
            final SettableFuture<RpcResult<?>> reply = SettableFuture.create();
            answers.schedule(() -> {
                final RpcResult<?> result = refused ? RpcResultBuilder.failed().withError(ErrorType.APPLICATION,
                    "OFPBFC_MSG_FAILED").build() : RpcResultBuilder.success().build();
                synchronized (this) {
                    outstanding -= released;
                }
                answered.forEach(request -> request.set(result));
                reply.set(RpcResultBuilder.success().build());
            }, ANSWER_DELAY_MS, TimeUnit.MILLISECONDS);
            return reply;
        }

        /** "ONFBCTOPENREQUEST" as "OPEN". */
        private static String controlName(final String type) {
            return type.replace("ONFBCT", "").replace("REQUEST", "");
        }

        @SuppressWarnings({ "unchecked", "rawtypes" })
        private static <T> ListenableFuture<RpcResult<T>> cast(final ListenableFuture<RpcResult<?>> future) {
            return (ListenableFuture) future;
        }
    }
}
