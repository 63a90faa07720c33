/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
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
