/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

/**
 * An appliance attached at ports of its tenant: a chain delivers traffic at the ingress port and takes it back
 * from the egress port (the same port for a one-armed appliance).
 *
 * @param routed whether it routes between its ports (frames must be addressed to it) rather than bridging them
 */
public record ServiceFunction(String tenantId, String name, String ingressPort, String egressPort,
        boolean routed) {
    public ServiceFunction {
        egressPort = egressPort == null ? ingressPort : egressPort;
    }

    /** A transparent (bridging) appliance. */
    public ServiceFunction(final String tenantId, final String name, final String ingressPort,
            final String egressPort) {
        this(tenantId, name, ingressPort, egressPort, false);
    }

    public TenantName key() {
        return new TenantName(tenantId, name);
    }

    /** Whether the appliance takes traffic in and sends it back on one port. */
    public boolean oneArmed() {
        return ingressPort != null && ingressPort.equals(egressPort);
    }
}
