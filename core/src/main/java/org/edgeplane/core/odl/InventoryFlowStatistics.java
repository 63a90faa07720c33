/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.stage.FlowStatistics;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;

/** Reads the flow statistics the OpenFlow plugin keeps in the operational inventory. */
public final class InventoryFlowStatistics implements FlowStatistics {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DataBroker broker;

    public InventoryFlowStatistics(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    @Override
    public Map<Long, FlowCounter> countersByCookie(final Owner owner) throws SnapshotUnavailableException {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Inventory.countersByCookie(tx.read(LogicalDatastoreType.OPERATIONAL, Inventory.NODES)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).orElse(null), owner);
        } catch (ExecutionException | TimeoutException e) {
            throw new SnapshotUnavailableException("cannot read flow statistics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotUnavailableException("interrupted while reading flow statistics", e);
        }
    }
}
