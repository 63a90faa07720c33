/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
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
