/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.Optional;

/**
 * What the compiler made of one port.
 *
 * @param portId the port
 * @param switchId the switch it is bound to
 * @param flowCount flows compiled for it on its own switch
 * @param error why it got no flows, if it got none
 * @param heldBy the port that holds the switch port this one claims too (it keeps it; this one gets no flows)
 */
public record PortOutcome(String portId, String switchId, long ofPort, int flowCount, Optional<String> error,
        Optional<String> heldBy) {

    public PortOutcome(final String portId, final String switchId, final long ofPort, final int flowCount,
            final Optional<String> error) {
        this(portId, switchId, ofPort, flowCount, error, Optional.empty());
    }
}
