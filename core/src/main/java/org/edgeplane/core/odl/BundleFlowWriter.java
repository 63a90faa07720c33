/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowWriter;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.edgeplane.core.reconcile.SwitchUnreachableException;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.UpdateMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.UpdateMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.meter.update.OriginalMeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.meter.update.UpdatedMeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.MessagesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleId;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Writes a switch's flow difference straight to the switch, through the OpenFlow plugin's bundle service: one
 * atomic, ordered OpenFlow bundle per switch per round (the ONF bundle extension, which Open vSwitch implements), so
 * the switch goes from the last round's pipeline to the new one in one step and never forwards with half of it.
 * The configuration datastore and the forwarding-rules manager are not in the path: the write completes when the
 * switch acknowledged the commit, and a switch that lost its flows gets them from the reconciler, not from a copy
 * kept elsewhere.
 *
 * <p>In a bundle: groups added or modified, then flows deleted (each by its exact table, priority, match and
 * cookie), then flows added, then groups deleted. A switch whose content is not known first loses every flow with
 * Edgeplane's cookie and every group, in the same bundle. Meters cannot be bundled: they are written before the
 * bundle and deleted after it.
 */
public final class BundleFlowWriter implements FlowWriter {
    private static final BundleFlags ATOMIC_ORDERED = new BundleFlags(true, true);
    /**
     * The OpenFlow plugin admits a bounded number of outstanding requests per switch (rpc-requests-quota, 20,000 by
     * default), and a bundled message is outstanding until a barrier: a barrier after each chunk, and at most
     * {@link #WINDOW} chunks unacknowledged, keep a bundle of any size under the quota.
     */
    private static final int CHUNK = 2_000;
    private static final int WINDOW = 4;
    /**
     * How long one chunk may wait for the switch's answer before the bundle is given up: as long as the reconciler
     * waits for a whole write. The wait happens on a sending thread of that switch's write, so a switch that stops
     * answering holds up no other switch.
     */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final RpcConsumerRegistry rpcs;
    private final Predicate<String> connected;
    private final Executor senders;
    private final AtomicLong bundleIds = new AtomicLong();

    /**
     * A writer for the switches the predicate says are connected; a write to any other fails at once with
     * {@link SwitchUnreachableException}. Each switch's bundle is sent on one of {@code senders}, so the switches of
     * a round take their bundles at the same time.
     */
    public BundleFlowWriter(final RpcConsumerRegistry rpcs, final Predicate<String> connected,
            final Executor senders) {
        this.rpcs = requireNonNull(rpcs);
        this.connected = requireNonNull(connected);
        this.senders = requireNonNull(senders);
    }

    @Override
    public ListenableFuture<?> apply(final FlowDiff diff, final SwitchHeld held) {
        final String switchId = diff.switchId();
        if (!connected.test(switchId)) {
            return Futures.immediateFailedFuture(new SwitchUnreachableException(switchId));
        }
        final var node = Inventory.nodeRef(switchId);
        // Everything read from what the switch holds is read here, on the reconciler's thread: the reconciler
        // changes it once the write completed, while other switches' writes may still be running.
        final var content = new BundleContent(diff, held, node);
        final List<Boolean> meterHeld = diff.meterWrites().stream().map(meter -> held.holdsMeter(meter.meterId()))
            .toList();
        return Futures.submitAsync(() -> {
            final List<ListenableFuture<RpcResult<?>>> meterWrites = new ArrayList<>();
            for (int i = 0; i < meterHeld.size(); i++) {
                meterWrites.add(writeMeter(node, diff.meterWrites().get(i), meterHeld.get(i)));
            }
            // A flow may use a meter only once the switch has it.
            final Throwable meterFailure = failureOf(awaitAll(node, meterWrites, "meter write"));
            if (meterFailure != null) {
                return Futures.immediateFailedFuture(meterFailure);
            }
            return FluentFuture.from(sendBundle(node, content))
                .transformAsync(ignored -> removeMeters(node, diff), MoreExecutors.directExecutor());
        }, senders);
    }

    /**
     * Opens a bundle, adds the messages chunk by chunk and commits it. Chunks are made and sent while the switch
     * takes the earlier ones, at most {@link #WINDOW} of them unacknowledged, and each ends with a barrier: the plugin
     * completes a request without a reply of its own only at a barrier (or its own barrier timer, half a second), and
     * the barrier's reply also reports any message the switch refused. A bundle with a refused message, or one not
     * sent in full, is discarded whole.
     */
    private ListenableFuture<?> sendBundle(final NodeRef node, final BundleContent content) {
        if (content.size() == 0) {
            return Futures.immediateVoidFuture();
        }
        final var bundleId = new BundleId(Uint32.valueOf(bundleIds.incrementAndGet() & 0xFFFF_FFFFL));
        final List<ListenableFuture<?>> chunks = new ArrayList<>();
        // The open and the first chunk go out together: one channel, in order.
        chunks.add(awaitAll(node, List.of(control(node, bundleId, BundleControlType.ONFBCTOPENREQUEST),
            add(node, bundleId, content.chunk(0, CHUNK))), "bundle open"));
        Throwable unsent = null;
        for (int from = CHUNK; from < content.size() && unsent == null; from += CHUNK) {
            final List<Message> chunk = content.chunk(from, CHUNK);
            if (chunks.size() >= WINDOW) {
                unsent = failureOf(chunks.get(chunks.size() - WINDOW));
            }
            if (unsent == null) {
                chunks.add(awaitAll(node, List.of(add(node, bundleId, chunk)), "bundle message"));
            }
        }
        final ListenableFuture<?> sent = unsent == null ? Futures.allAsList(chunks)
            : Futures.immediateFailedFuture(unsent);
        return FluentFuture.from(sent)
            .catchingAsync(Exception.class, failure -> Futures.transformAsync(
                control(node, bundleId, BundleControlType.ONFBCTDISCARDREQUEST),
                ignored -> Futures.immediateFailedFuture(failure), MoreExecutors.directExecutor()),
                MoreExecutors.directExecutor())
            .transformAsync(ignored -> awaitAll(node, List.of(control(node, bundleId,
                BundleControlType.ONFBCTCOMMITREQUEST)), "bundle commit"), MoreExecutors.directExecutor());
    }

    /** Waits for a step; null when it succeeded, else why not (a step the switch never answers fails too). */
    private static @Nullable Throwable failureOf(final ListenableFuture<?> step) {
        try {
            step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new TimeoutException("the switch did not answer within " + STEP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private ListenableFuture<RpcResult<?>> writeMeter(final NodeRef node, final MeterRecord record,
            final boolean held) {
        final var meter = OpenflowTranslator.toMeter(record);
        if (held) {
            return update(node, meter);
        }
        // A switch whose content is not known may hold the meter already: an add it refuses becomes a modify.
        return Futures.transformAsync(anyResult(rpcs.getRpc(AddMeter.class).invoke(new AddMeterInputBuilder(meter)
            .setNode(node).build())), result -> result.isSuccessful() ? Futures.immediateFuture(result)
                : update(node, meter), MoreExecutors.directExecutor());
    }

    private ListenableFuture<RpcResult<?>> update(final NodeRef node,
            final org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter meter) {
        return anyResult(rpcs.getRpc(UpdateMeter.class).invoke(new UpdateMeterInputBuilder().setNode(node)
            .setOriginalMeter(new OriginalMeterBuilder(meter).build())
            .setUpdatedMeter(new UpdatedMeterBuilder(meter).build()).build()));
    }

    private static ListenableFuture<RpcResult<?>> anyResult(final ListenableFuture<? extends RpcResult<?>> future) {
        return Futures.transform(future, result -> result, MoreExecutors.directExecutor());
    }

    private ListenableFuture<?> removeMeters(final NodeRef node, final FlowDiff diff) {
        final List<ListenableFuture<RpcResult<?>>> removals = new ArrayList<>();
        for (Long meterId : diff.meterRemovals()) {
            removals.add(anyResult(rpcs.getRpc(RemoveMeter.class).invoke(new RemoveMeterInputBuilder()
                .setNode(node).setMeterId(new MeterId(Uint32.valueOf(meterId))).build())));
        }
        return awaitAll(node, removals, "meter removal");
    }

    /** Adds one chunk of messages to the open bundle. */
    private ListenableFuture<RpcResult<?>> add(final NodeRef node, final BundleId bundleId,
            final List<Message> chunk) {
        return anyResult(rpcs.getRpc(AddBundleMessages.class).invoke(new AddBundleMessagesInputBuilder()
            .setNode(node).setBundleId(bundleId).setFlags(ATOMIC_ORDERED).setMessages(new MessagesBuilder()
                .setMessage(chunk).build()).build()));
    }

    /** Sends a bundle control message. */
    private ListenableFuture<RpcResult<?>> control(final NodeRef node, final BundleId bundleId,
            final BundleControlType type) {
        return anyResult(rpcs.getRpc(ControlBundle.class).invoke(new ControlBundleInputBuilder()
            .setNode(node).setBundleId(bundleId).setFlags(ATOMIC_ORDERED).setType(type).build()));
    }

    /**
     * Sends a barrier after the requests and completes once the switch answered it: requests without a reply of
     * their own complete only at a barrier, so this also bounds how long they wait. Fails if any was refused.
     */
    private ListenableFuture<?> awaitAll(final NodeRef node, final List<ListenableFuture<RpcResult<?>>>
            requests, final String what) {
        if (requests.isEmpty()) {
            return Futures.immediateVoidFuture();
        }
        final var barrier = anyResult(rpcs.getRpc(SendBarrier.class).invoke(new SendBarrierInputBuilder()
            .setNode(node).build()));
        final var all = new ArrayList<ListenableFuture<RpcResult<?>>>(requests);
        all.add(barrier);
        return Futures.transformAsync(Futures.allAsList(all), results -> {
            for (RpcResult<?> result : results) {
                if (!result.isSuccessful()) {
                    return Futures.immediateFailedFuture(new RpcFailedException(what, result));
                }
            }
            return Futures.immediateVoidFuture();
        }, MoreExecutors.directExecutor());
    }

    /** A request the switch or the plugin refused. */
    static final class RpcFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        RpcFailedException(final String what, final RpcResult<?> result) {
            super(what + " refused: " + result.getErrors());
        }
    }
}
