/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.compiler;

import java.net.InetAddress;
import java.util.List;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Owner;

/**
 * A port the compiler could place on a switch port, with its addresses parsed.
 *
 * @param port the intent
 * @param network its network
 * @param ofPort the OpenFlow port number it is bound to
 * @param mac its MAC, lower case
 * @param ips its addresses
 * @param pairs its allowed address pairs, MAC filled in and prefix canonical
 */
record BoundPort(Port port, Network network, long ofPort, String mac, List<InetAddress> ips,
        List<ResolvedPair> pairs) {

    /** An allowed address pair with its MAC resolved. */
    record ResolvedPair(String prefix, boolean ipv4, String mac) {
    }

    String id() {
        return port.id();
    }

    String switchId() {
        return port.switchId();
    }

    boolean isolated() {
        return port.isolated();
    }

    long networkBits() {
        return Metadata.network(network.segmentationType(), network.segmentationId());
    }

    long cookie() {
        return Cookies.of(Owner.ISOLATION, ObjectKind.PORT, port.id());
    }
}
