/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.util.List;
import java.util.OptionalLong;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.SwitchProfile;

/**
 * What the compiler needs to know about one switch, resolved from its configuration and its inventory facts.
 *
 * @param switchId inventory node id
 * @param profile what it can execute
 * @param uplinks uplink port numbers, the preferred one first
 * @param tunnelIp its VXLAN endpoint, when configured and valid
 * @param tunnelPort its flow-based VXLAN port, when configured and resolved
 */
record SwitchContext(String switchId, SwitchProfile profile, List<Long> uplinks, @Nullable String tunnelIp,
        OptionalLong tunnelPort) {
}
