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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotSource;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;

/**
 * Reads intent (configuration: the endpoints and every app's part) from the datastore, and takes the inventory (what
 * compilation needs of each connected switch) as the inventory listener hands it over: a round never decodes the
 * ports of every switch again.
 */
public final class DatastoreSnapshotSource implements SnapshotSource {
    private final DataBroker broker;
    private final Duration timeout;
    /** Each app's decoder of its part of the intent container, by app name. */
    private final Map<String, Function<@Nullable Intent, Object>> slices = new ConcurrentSkipListMap<>();
    private final Map<String, SwitchFacts> inventory = new ConcurrentSkipListMap<>();

    public DatastoreSnapshotSource(final DataBroker broker, final Duration timeout) {
        this.broker = requireNonNull(broker);
        this.timeout = requireNonNull(timeout);
    }

    /** Decodes an app's part of the intent in every snapshot from now on; closing the result stops it. */
    public AutoCloseable addSlice(final String app, final Function<@Nullable Intent, Object> decoder) {
        if (slices.putIfAbsent(app, requireNonNull(decoder)) != null) {
            throw new IllegalStateException("the intent of " + app + " is already decoded");
        }
        return () -> slices.remove(app, decoder);
    }

    /**
     * A switch's facts as the operational inventory has them now; null when it is gone or not an OpenFlow switch.
     * Called by the inventory listener before it marks the switch dirty, so the round it starts sees the change.
     */
    public void switchReported(final String switchId, final @Nullable SwitchFacts facts) {
        if (facts == null) {
            inventory.remove(switchId);
        } else {
            inventory.put(switchId, facts);
        }
    }

    @Override
    public Snapshot read() throws SnapshotUnavailableException {
        final Map<String, SwitchFacts> switches = Map.copyOf(inventory);
        try (var config = broker.newReadOnlyTransaction()) {
            final Intent root = config.read(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
            final var decoded = new HashMap<String, Object>();
            slices.forEach((app, decoder) -> decoded.put(app, decoder.apply(root)));
            return new Snapshot(IntentCodec.fromBinding(root), switches, decoded);
        } catch (ExecutionException | TimeoutException e) {
            throw new SnapshotUnavailableException("cannot read the intent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotUnavailableException("interrupted while reading the intent", e);
        }
    }
}
