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
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Objects;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one operational container equal to a value: replaces it whole when the value changed since the last
 * successful write. A failed write is forgotten, so the next call writes again.
 *
 * @param <V> the value, compared with {@link Object#equals}
 * @param <D> the container
 */
public final class OperationalPublisher<V, D extends DataObject> {
    private static final Logger LOG = LoggerFactory.getLogger(OperationalPublisher.class);

    private final DataBroker broker;
    private final InstanceIdentifier<D> path;
    private final Function<V, D> toContainer;
    private volatile V published;

    public OperationalPublisher(final DataBroker broker, final InstanceIdentifier<D> path,
            final Function<V, D> toContainer) {
        this.broker = requireNonNull(broker);
        this.path = requireNonNull(path);
        this.toContainer = requireNonNull(toContainer);
    }

    /** Forgets what was published, so the next call writes (another writer may have replaced it meanwhile). */
    public void forget() {
        published = null;
    }

    public void publish(final V value) {
        if (Objects.equals(value, published)) {
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, path, toContainer.apply(value));
        published = value;
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("Published {}", path);
            }

            @Override
            public void onFailure(final Throwable cause) {
                published = null;
                LOG.warn("Could not publish {}", path, cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
