/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.odl;

import java.util.ArrayList;
import org.edgeplane.core.odl.OperationalPublisher;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.FirewallStatus;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.FirewallStatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.PortCounter;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.PortCounterBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.RuleCounter;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.firewall.status.RuleCounterBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint64;

/** The firewall-status container in the operational datastore, from the firewall's counters. */
final class FirewallStatusPublisher {
    private FirewallStatusPublisher() {
    }

    static OperationalPublisher<FirewallCounters, FirewallStatus> create(final DataBroker broker) {
        return new OperationalPublisher<>(broker, InstanceIdentifier.create(FirewallStatus.class),
            FirewallStatusPublisher::toContainer);
    }

    private static FirewallStatus toContainer(final FirewallCounters counters) {
        final var rules = new ArrayList<RuleCounter>();
        counters.rules().forEach((rule, counter) -> rules.add(new RuleCounterBuilder().setRule(rule)
            .setPackets(Uint64.valueOf(counter.packets())).setBytes(Uint64.valueOf(counter.bytes())).build()));
        final var ports = new ArrayList<PortCounter>();
        counters.droppedByPort().forEach((port, counter) -> ports.add(new PortCounterBuilder().setPortId(port)
            .setDroppedPackets(Uint64.valueOf(counter.packets())).setDroppedBytes(Uint64.valueOf(counter.bytes()))
            .setLastError(counters.errorsByPort().get(port)).build()));
        return new FirewallStatusBuilder().setRuleCounter(BindingMap.of(rules)).setPortCounter(BindingMap.of(ports))
            .build();
    }
}
