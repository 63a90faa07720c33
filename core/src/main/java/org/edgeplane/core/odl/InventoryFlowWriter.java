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
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowWriter;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;

/**
 * Writes flow differences to the inventory configuration datastore, one transaction per switch, from which the
 * OpenFlow plugin's forwarding-rules manager pushes them to the switch (and pushes them again when it reconnects).
 */
public final class InventoryFlowWriter implements FlowWriter {
    private final DataBroker broker;

    public InventoryFlowWriter(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * Meters and groups a flow needs are written, and committed, before the flow; those no flow needs any more are
     * deleted after the flows. The forwarding-rules manager pushes in commit order, so the switch never sees a flow
     * that names a meter or group it does not hold.
     */
    @Override
    public ListenableFuture<?> apply(final FlowDiff diff) {
        FluentFuture<?> chain = FluentFuture.from(Futures.immediateFuture(null));
        if (!diff.meterWrites().isEmpty() || !diff.groupWrites().isEmpty()) {
            chain = commitObjects(diff);
        }
        chain = chain.transformAsync(ignored -> commitFlows(diff), MoreExecutors.directExecutor());
        if (!diff.meterRemovals().isEmpty() || !diff.groupRemovals().isEmpty()) {
            chain = chain.transformAsync(ignored -> removeObjects(diff), MoreExecutors.directExecutor());
        }
        return chain;
    }

    private FluentFuture<?> commitObjects(final FlowDiff diff) {
        final var tx = broker.newWriteOnlyTransaction();
        for (MeterRecord meter : diff.meterWrites()) {
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                Inventory.meterPath(diff.switchId(), meter.meterId()), OpenflowTranslator.toMeter(meter));
        }
        for (GroupRecord group : diff.groupWrites()) {
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                Inventory.groupPath(diff.switchId(), group.groupId()), OpenflowTranslator.toGroup(group));
        }
        return tx.commit();
    }

    private FluentFuture<?> commitFlows(final FlowDiff diff) {
        final var tx = broker.newWriteOnlyTransaction();
        diff.removals().forEach((id, table) -> tx.delete(LogicalDatastoreType.CONFIGURATION,
            Inventory.flowPath(diff.switchId(), table, id)));
        for (FlowRecord flow : diff.writes()) {
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                Inventory.flowPath(diff.switchId(), flow.table(), flow.id()),
                OpenflowTranslator.toFlow(diff.switchId(), flow));
        }
        return tx.commit();
    }

    private FluentFuture<?> removeObjects(final FlowDiff diff) {
        final var tx = broker.newWriteOnlyTransaction();
        diff.meterRemovals().forEach(meterId -> tx.delete(LogicalDatastoreType.CONFIGURATION,
            Inventory.meterPath(diff.switchId(), meterId)));
        diff.groupRemovals().forEach(groupId -> tx.delete(LogicalDatastoreType.CONFIGURATION,
            Inventory.groupPath(diff.switchId(), groupId)));
        return tx.commit();
    }
}
