/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.openflowplugin.api.openflow.device.DeviceInfo;
import org.opendaylight.openflowplugin.api.openflow.mastership.MastershipChangeService;
import org.opendaylight.yang.gen.v1.urn.edgeplane.cluster.rev261205.WriteSwitch;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switches this member masters, as the OpenFlow plugin's election decides, and the routed write RPC registered
 * for each of them: ODL sends a switch's {@code write-switch} calls to the one member that registered it for that
 * switch, its master.
 */
final class SwitchMasters implements MastershipChangeService {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchMasters.class);

    private final RpcProviderService rpcProvider;
    private final WriteSwitch writes;
    private final Map<String, Registration> mastered = new ConcurrentHashMap<>();

    SwitchMasters(final RpcProviderService rpcProvider, final WriteSwitch writes) {
        this.rpcProvider = requireNonNull(rpcProvider);
        this.writes = requireNonNull(writes);
    }

    /** Whether this member masters the switch now. */
    boolean mastersHere(final String switchId) {
        return mastered.containsKey(switchId);
    }

    Set<String> switches() {
        return mastered.keySet();
    }

    @Override
    public void onBecomeOwner(final DeviceInfo device) {
        final String switchId = device.getNodeId().getValue();
        mastered.computeIfAbsent(switchId, id -> rpcProvider.registerRpcImplementation(writes,
            Set.of(device.getNodeInstanceIdentifier())));
        LOG.info("Switch {}: mastered here; writes for it come to this member", switchId);
    }

    @Override
    public void onLoseOwnership(final DeviceInfo device) {
        final Registration registration = mastered.remove(device.getNodeId().getValue());
        if (registration != null) {
            registration.close();
            LOG.info("Switch {}: no longer mastered here", device.getNodeId().getValue());
        }
    }

    @Override
    public void close() {
        mastered.values().forEach(Registration::close);
        mastered.clear();
    }
}
