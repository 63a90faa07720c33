/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.FirewallStatus;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.FirewallStatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.PortCounter;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.PortCounterBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.RuleCounter;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.RuleCounterBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the firewall-status container in the operational datastore, replacing it whole when it changed. */
final class FirewallStatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallStatusPublisher.class);
    private static final InstanceIdentifier<FirewallStatus> PATH = InstanceIdentifier.create(FirewallStatus.class);

    private final DataBroker broker;
    private volatile FirewallCounters published;

    FirewallStatusPublisher(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    void publish(final FirewallCounters counters) {
        if (counters.equals(published)) {
            return;
        }
        final var rules = new ArrayList<RuleCounter>();
        counters.rules().forEach((rule, counter) -> rules.add(new RuleCounterBuilder().setRule(rule)
            .setPackets(Uint64.valueOf(counter.packets())).setBytes(Uint64.valueOf(counter.bytes())).build()));
        final var ports = new ArrayList<PortCounter>();
        counters.droppedByPort().forEach((port, counter) -> ports.add(new PortCounterBuilder().setPortId(port)
            .setDroppedPackets(Uint64.valueOf(counter.packets())).setDroppedBytes(Uint64.valueOf(counter.bytes()))
            .build()));
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, PATH, new FirewallStatusBuilder()
            .setRuleCounter(BindingMap.of(rules)).setPortCounter(BindingMap.of(ports)).build());
        published = counters;
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("Firewall counters published: {} rules, {} ports", rules.size(), ports.size());
            }

            @Override
            public void onFailure(final Throwable cause) {
                // Forget them, so that the next round writes the counters again.
                published = null;
                LOG.warn("Firewall counters could not be published", cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
