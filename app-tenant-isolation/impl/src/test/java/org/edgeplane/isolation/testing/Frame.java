/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.testing;

import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.isolation.flow.FlowMatch;

/**
 * The header fields of a frame that the packet-fate model looks at.
 *
 * @param ethSrc source MAC
 * @param ethDst destination MAC
 * @param vlan outer VLAN id, null when untagged
 * @param ethType EtherType of the payload
 * @param ipSrc IPv4/IPv6 source, or ARP sender protocol address
 * @param ipDst IPv4/IPv6 destination, or ARP target protocol address
 * @param arpSha ARP sender hardware address
 */
public record Frame(String ethSrc, String ethDst, @Nullable Integer vlan, int ethType, @Nullable String ipSrc,
        @Nullable String ipDst, @Nullable String arpSha) {

    public static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    public static Frame ipv4(final String srcMac, final String dstMac, final String srcIp, final String dstIp) {
        return new Frame(srcMac, dstMac, null, FlowMatch.ETH_IPV4, srcIp, dstIp, null);
    }

    public static Frame ipv6(final String srcMac, final String dstMac, final String srcIp, final String dstIp) {
        return new Frame(srcMac, dstMac, null, FlowMatch.ETH_IPV6, srcIp, dstIp, null);
    }

    /** An ARP request: broadcast, sender fields from the host. */
    public static Frame arpRequest(final String srcMac, final String srcIp, final String targetIp) {
        return new Frame(srcMac, BROADCAST, null, FlowMatch.ETH_ARP, srcIp, targetIp, srcMac);
    }

    public Frame withVlan(final @Nullable Integer newVlan) {
        return new Frame(ethSrc, ethDst, newVlan, ethType, ipSrc, ipDst, arpSha);
    }
}
