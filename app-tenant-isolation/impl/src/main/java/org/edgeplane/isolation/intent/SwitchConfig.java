/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
 */
package org.edgeplane.isolation.intent;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Per-switch settings orchestration gives: the uplink ports toward the physical fabric, in order of preference.
 *
 * @param nodeId inventory node id
 * @param uplinkPorts port numbers or names
 */
public record SwitchConfig(String nodeId, List<String> uplinkPorts) {
    public SwitchConfig {
        requireNonNull(nodeId);
        uplinkPorts = List.copyOf(uplinkPorts);
    }
}
