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
import org.eclipse.jdt.annotation.Nullable;

/**
 * An endpoint bound to one switch port. Values are exactly as orchestration wrote them; the validator checks
 * them and the compiler only sees ports that passed.
 *
 * @param id orchestration-chosen id
 * @param tenantId owning tenant
 * @param networkId attached network
 * @param switchId inventory node id, such as {@code openflow:1}
 * @param switchPort OpenFlow port number or port name
 * @param macAddress the only source MAC the port may use
 * @param ipAddresses the source IPv4/IPv6 addresses the port may use
 */
public record Port(String id, @Nullable String tenantId, @Nullable String networkId, @Nullable String switchId,
        @Nullable String switchPort, @Nullable String macAddress, List<String> ipAddresses) {
    public Port {
        requireNonNull(id);
        ipAddresses = List.copyOf(ipAddresses);
    }
}
