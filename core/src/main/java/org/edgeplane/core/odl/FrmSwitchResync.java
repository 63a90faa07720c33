/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import org.edgeplane.core.reconcile.SwitchResync;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.openflowplugin.app.frm.reconciliation.service.rev180227.ReconcileNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.openflowplugin.app.frm.reconciliation.service.rev180227.ReconcileNodeInputBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Resynchronises a switch through the forwarding-rules manager's reconcile-node RPC (routed by node), and removes
 * stray flows through the OpenFlow plugin's remove-flow RPC: a non-strict delete in every table (OFPTT_ALL) of the
 * flows with one cookie (full cookie mask), whatever their match.
 */
public final class FrmSwitchResync implements SwitchResync {
    /** OFPTT_ALL: a delete in every table. */
    private static final Uint8 ALL_TABLES = Uint8.MAX_VALUE;

    private final RpcConsumerRegistry rpcs;

    public FrmSwitchResync(final RpcConsumerRegistry rpcs) {
        this.rpcs = requireNonNull(rpcs);
    }

    @Override
    public ListenableFuture<?> removeByCookie(final String switchId, final long cookie) {
        return rpcs.getRpc(RemoveFlow.class).invoke(new RemoveFlowInputBuilder()
            .setNode(new NodeRef(Inventory.NODES.child(Node.class, new NodeKey(new NodeId(switchId)))))
            .setTableId(ALL_TABLES).setStrict(Boolean.FALSE).setMatch(new MatchBuilder().build())
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setCookieMask(new FlowCookie(Uint64.MAX_VALUE)).build());
    }

    @Override
    public ListenableFuture<?> resync(final String switchId) {
        final var node = Inventory.NODES.child(Node.class, new NodeKey(new NodeId(switchId)));
        return rpcs.getRpc(ReconcileNode.class).invoke(new ReconcileNodeInputBuilder()
            .setNodeId(Uint64.valueOf(switchId.substring(switchId.indexOf(':') + 1)))
            .setNode(new NodeRef(node)).build());
    }
}
