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
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.round.RoundWorker;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.common.api.ServiceGroupIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The cluster singleton that runs Edgeplane's rounds: ODL's singleton service starts it on exactly one member at a
 * time (on a single controller, at once). That member compiles, writes every switch (through the OpenFlow plugin's
 * routed RPCs, which the switch's master member executes) and publishes the status; the others only validate and
 * store intent.
 */
final class RoundsLeadership implements ClusterSingletonService {
    static final ServiceGroupIdentifier IDENTIFIER = ServiceGroupIdentifier.create("edgeplane-rounds");

    private final RoundWorker worker;
    private final Runnable announce;
    private final Supplier<Registration> leaderServices;
    private @Nullable Registration registered;

    /**
     * The rounds' leadership of this member.
     *
     * @param leaderServices registers what only the leader offers (the trace RPC), for as long as it leads
     */
    RoundsLeadership(final RoundWorker worker, final Runnable announce,
            final Supplier<Registration> leaderServices) {
        this.worker = requireNonNull(worker);
        this.announce = requireNonNull(announce);
        this.leaderServices = requireNonNull(leaderServices);
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        worker.activate();
        announce.run();
        registered = leaderServices.get();
    }

    /** Completes once a round that was running has ended: no write of this member follows. */
    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        if (registered != null) {
            registered.close();
            registered = null;
        }
        return worker.deactivate();
    }
}
