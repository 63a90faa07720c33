/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.reconcile.FlowDiff;
import org.edgeplane.isolation.reconcile.FlowWriter;
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

    @Override
    public ListenableFuture<?> apply(final FlowDiff diff) {
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
}
