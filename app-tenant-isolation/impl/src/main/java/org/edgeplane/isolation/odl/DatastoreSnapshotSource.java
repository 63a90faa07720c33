/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.Inventory;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.isolation.service.Snapshot;
import org.edgeplane.isolation.service.SnapshotSource;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;

/**
 * Reads intent (configuration) and inventory (operational).
 */
public final class DatastoreSnapshotSource implements SnapshotSource {
    private final DataBroker broker;
    private final Duration timeout;

    public DatastoreSnapshotSource(final DataBroker broker, final Duration timeout) {
        this.broker = requireNonNull(broker);
        this.timeout = requireNonNull(timeout);
    }

    @Override
    public Snapshot read() throws SnapshotUnavailableException {
        // mdsal binds a transaction to one datastore: intent and inventory are read in two.
        try (var config = broker.newReadOnlyTransaction(); var operational = broker.newReadOnlyTransaction()) {
            final var intent = config.read(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH);
            final var nodes = operational.read(LogicalDatastoreType.OPERATIONAL, Inventory.NODES);
            final Nodes reported = nodes.get(timeout.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
            return new Snapshot(IntentCodec.fromBinding(intent.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .orElse(null)), Inventory.switches(reported), Inventory.reportedFlows(reported));
        } catch (ExecutionException | TimeoutException e) {
            throw new SnapshotUnavailableException("cannot read intent and inventory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotUnavailableException("interrupted while reading intent and inventory", e);
        }
    }

    @Override
    public Map<String, Set<String>> reportedFlows() throws SnapshotUnavailableException {
        try (var operational = broker.newReadOnlyTransaction()) {
            return Inventory.reportedFlows(operational.read(LogicalDatastoreType.OPERATIONAL, Inventory.NODES)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).orElse(null));
        } catch (ExecutionException | TimeoutException e) {
            throw new SnapshotUnavailableException("cannot read the inventory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotUnavailableException("interrupted while reading the inventory", e);
        }
    }
}
