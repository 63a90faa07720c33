/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What the operational inventory says about one switch.
 *
 * @param nodeId inventory node id
 * @param portNumbersByName OpenFlow port number of each port name the switch reported
 */
public record SwitchFacts(String nodeId, Map<String, Long> portNumbersByName) {
    public SwitchFacts {
        requireNonNull(nodeId);
        portNumbersByName = Map.copyOf(portNumbersByName);
    }
}
