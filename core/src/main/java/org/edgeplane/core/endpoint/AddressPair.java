/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * An extra source a port may send from, as Neutron's allowed-address-pairs.
 *
 * @param ipPrefix IPv4/IPv6 address or prefix, as orchestration wrote it
 * @param macAddress the MAC that may send from it; the port's own MAC when null
 */
public record AddressPair(String ipPrefix, @Nullable String macAddress) {
    public AddressPair {
        requireNonNull(ipPrefix);
    }
}
