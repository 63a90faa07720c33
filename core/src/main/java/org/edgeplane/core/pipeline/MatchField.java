/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

/**
 * The OpenFlow 1.3 match fields Edgeplane flows may use. A table declares which of them it accepts.
 */
public enum MatchField {
    IN_PORT,
    METADATA,
    ETH_TYPE,
    ETH_SRC,
    ETH_DST,
    VLAN_VID,
    IPV4_SRC,
    IPV6_SRC,
    ARP_SPA,
    ARP_SHA,
    ARP_OP,
    ARP_TPA,
    TUNNEL_ID,
    MPLS_LABEL,
    IP_PROTO,
    IPV4_DST,
    IPV6_DST,
    L4_SRC,
    L4_DST,
    /** ICMP or ICMPv6 type and code. */
    ICMP,
    /** Nicira ct_state and ct_mark. */
    CONNTRACK
}
