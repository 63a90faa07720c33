/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgeplane.core.reconcile.FlowWriter;
import org.edgeplane.core.reconcile.SwitchWriteCodec;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitch;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitchInput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitchOutput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitchOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's side of {@code write-switch}: collects a write's parts and, with the last one, applies it to the
 * switch through this member's own connection (as one bundle, like any local write) and answers once it committed.
 * A switch has one write in flight at a time: the parts of an older write of the same switch are dropped.
 */
final class SwitchWriteService implements WriteSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchWriteService.class);

    private final FlowWriter local;
    /** Per switch, the write whose parts are arriving. */
    private final Map<String, Parts> arriving = new ConcurrentHashMap<>();

    private record Parts(String writeId, byte[][] parts) {
        boolean complete() {
            for (byte[] part : parts) {
                if (part == null) {
                    return false;
                }
            }
            return true;
        }

        byte[] joined() {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            final byte[] all = new byte[length];
            int offset = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, offset, part.length);
                offset += part.length;
            }
            return all;
        }
    }

    SwitchWriteService(final FlowWriter local) {
        this.local = requireNonNull(local);
    }

    @Override
    // A write that cannot be decoded or applied is answered as failed, never thrown at the RPC broker.
    @SuppressWarnings("checkstyle:IllegalCatch")
    public ListenableFuture<RpcResult<WriteSwitchOutput>> invoke(final WriteSwitchInput input) {
        final String switchId = input.getNode().getValue().firstKeyOf(Node.class).getId().getValue();
        final int count = input.getParts().intValue();
        final int index = input.getPart().intValue();
        if (count < 1 || index >= count) {
            return failed(switchId, "part " + index + " of " + count);
        }
        final Parts parts = arriving.compute(switchId, (id, current) -> current != null
            && current.writeId().equals(input.getWriteId()) && current.parts().length == count ? current
            : new Parts(input.getWriteId(), new byte[count][]));
        parts.parts()[index] = input.getContent();
        if (!parts.complete()) {
            return RpcResultBuilder.success(new WriteSwitchOutputBuilder().setComplete(false).build()).buildFuture();
        }
        arriving.remove(switchId, parts);
        final SettableFuture<RpcResult<WriteSwitchOutput>> answer = SettableFuture.create();
        try {
            final var write = SwitchWriteCodec.decode(parts.joined());
            if (!write.diff().switchId().equals(switchId)) {
                return failed(switchId, "a write for " + write.diff().switchId());
            }
            Futures.addCallback(local.apply(write.diff(), write.held()), new FutureCallback<Object>() {
                @Override
                public void onSuccess(final Object result) {
                    answer.set(RpcResultBuilder.success(new WriteSwitchOutputBuilder().setComplete(true).build())
                        .build());
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("Switch {}: a write handed over by the rounds' leader failed", switchId, cause);
                    answer.set(RpcResultBuilder.<WriteSwitchOutput>failed()
                        .withError(ErrorType.APPLICATION, String.valueOf(cause)).build());
                }
            }, MoreExecutors.directExecutor());
        } catch (RuntimeException e) {
            return failed(switchId, String.valueOf(e));
        }
        return answer;
    }

    private static ListenableFuture<RpcResult<WriteSwitchOutput>> failed(final String switchId, final String why) {
        LOG.warn("Switch {}: refused a handed-over write: {}", switchId, why);
        return RpcResultBuilder.<WriteSwitchOutput>failed().withError(ErrorType.PROTOCOL, why).buildFuture();
    }
}
