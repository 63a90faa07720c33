/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.Map;

/** The port names each connected switch reports, for resolving a port reference to its OpenFlow number. */
@FunctionalInterface
public interface PortNames {
    /** Knows no switch: every name stays unresolved. */
    PortNames NONE = switchId -> Map.of();

    /** The OpenFlow number of each port name the switch reports; empty for a switch that is not connected. */
    Map<String, Long> numbersByName(String switchId);
}
