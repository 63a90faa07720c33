/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.odl;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.TreeMap;
import org.edgeplane.core.odl.OperationalPublisher;
import org.edgeplane.insertion.intent.TenantName;
import org.edgeplane.insertion.status.ChainStatus;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.ServiceChainStatus;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.ServiceChainStatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.service.chain.status.ChainBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.service.chain.status.chain.Hop;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.service.chain.status.chain.HopBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/** The service-chain-status container in the operational datastore, from the chains' status. */
final class ChainStatusContainer {
    private ChainStatusContainer() {
    }

    static OperationalPublisher<ChainStatus, ServiceChainStatus> publisher(final DataBroker broker) {
        return new OperationalPublisher<>(broker, InstanceIdentifier.create(ServiceChainStatus.class),
            ChainStatusContainer::of);
    }

    static ServiceChainStatus of(final ChainStatus status) {
        final var chains = new TreeMap<TenantName, ChainBuilder>();
        status.chains().forEach((chain, hops) -> {
            final var hopNodes = new ArrayList<Hop>();
            hops.forEach(hop -> hopNodes.add(new HopBuilder().setIndex(Uint8.valueOf(hop.index()))
                .setName(hop.name()).setLiveInstance(ImmutableSet.copyOf(hop.liveInstances()))
                .setPackets(Uint64.valueOf(hop.packets())).build()));
            chains.put(chain, builder(chain).setHop(BindingMap.of(hopNodes)));
        });
        // A chain whose compile failed may have no hop installed; it is listed with its error all the same.
        status.errors().forEach((chain, error) -> chains.computeIfAbsent(chain, ChainStatusContainer::builder)
            .setLastError(error));
        return new ServiceChainStatusBuilder().setChain(BindingMap.of(chains.values().stream()
            .map(ChainBuilder::build).toList())).build();
    }

    private static ChainBuilder builder(final TenantName chain) {
        return new ChainBuilder().setTenantId(chain.tenantId()).setName(chain.name());
    }
}
