/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowWriter;
import org.edgeplane.core.reconcile.HeldSnapshot;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.edgeplane.core.reconcile.SwitchUnreachableException;
import org.edgeplane.core.reconcile.SwitchWriteCodec;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitch;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitchInputBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Writes a switch this member masters itself; hands any other switch's write to its master ({@code write-switch},
 * routed by ODL to the member that masters the switch). The OpenFlow plugin's own messages cannot make that trip:
 * its bundle messages have no place for the Nicira extensions Edgeplane's flows use once they leave this member.
 */
final class RoutingFlowWriter implements FlowWriter {
    /** Under the cluster's message frame (512 KiB), with room for the RPC's envelope. */
    private static final int PART_SIZE = 256 * 1024;

    private final int partSize;
    private final FlowWriter local;
    private final Predicate<String> mastersHere;
    private final Predicate<String> connected;
    private final RpcConsumerRegistry rpcs;
    private final Supplier<String> member;
    private final AtomicLong writes = new AtomicLong();

    RoutingFlowWriter(final FlowWriter local, final Predicate<String> mastersHere, final Predicate<String> connected,
            final RpcConsumerRegistry rpcs, final Supplier<String> member) {
        this(local, mastersHere, connected, rpcs, member, PART_SIZE);
    }

    RoutingFlowWriter(final FlowWriter local, final Predicate<String> mastersHere, final Predicate<String> connected,
            final RpcConsumerRegistry rpcs, final Supplier<String> member, final int partSize) {
        this.partSize = partSize;
        this.local = requireNonNull(local);
        this.mastersHere = requireNonNull(mastersHere);
        this.connected = requireNonNull(connected);
        this.rpcs = requireNonNull(rpcs);
        this.member = requireNonNull(member);
    }

    @Override
    public ListenableFuture<?> apply(final FlowDiff diff, final SwitchHeld held) {
        final String switchId = diff.switchId();
        if (mastersHere.test(switchId)) {
            return local.apply(diff, held);
        }
        if (!connected.test(switchId)) {
            return Futures.immediateFailedFuture(new SwitchUnreachableException(switchId));
        }
        // What the write reads of the switch is read here, on the reconciler's thread, like a local write's.
        final byte[] encoded = SwitchWriteCodec.encode(diff, HeldSnapshot.of(diff, held));
        final String writeId = member.get() + "/" + writes.incrementAndGet();
        final int parts = Math.max(1, (encoded.length + partSize - 1) / partSize);
        return sendPart(switchId, writeId, encoded, 0, parts);
    }

    private ListenableFuture<?> sendPart(final String switchId, final String writeId, final byte[] encoded,
            final int part, final int parts) {
        final byte[] content = Arrays.copyOfRange(encoded, part * partSize,
            Math.min(encoded.length, (part + 1) * partSize));
        final var sent = rpcs.getRpc(WriteSwitch.class).invoke(new WriteSwitchInputBuilder()
            .setNode(Inventory.nodeRef(switchId)).setWriteId(writeId).setPart(Uint32.valueOf(part))
            .setParts(Uint32.valueOf(parts)).setContent(content).build());
        return Futures.transformAsync(sent, result -> {
            if (!result.isSuccessful()) {
                return Futures.immediateFailedFuture(new IllegalStateException("the master of " + switchId
                    + " refused part " + part + " of the write: " + result.getErrors()));
            }
            return part + 1 < parts ? sendPart(switchId, writeId, encoded, part + 1, parts)
                : Futures.immediateFuture(null);
        }, MoreExecutors.directExecutor());
    }
}
