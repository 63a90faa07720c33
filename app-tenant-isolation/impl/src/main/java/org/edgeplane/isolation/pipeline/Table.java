/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.pipeline;

import static org.edgeplane.isolation.pipeline.MatchField.ARP_OP;
import static org.edgeplane.isolation.pipeline.MatchField.ARP_SHA;
import static org.edgeplane.isolation.pipeline.MatchField.ARP_SPA;
import static org.edgeplane.isolation.pipeline.MatchField.ARP_TPA;
import static org.edgeplane.isolation.pipeline.MatchField.ETH_DST;
import static org.edgeplane.isolation.pipeline.MatchField.ETH_SRC;
import static org.edgeplane.isolation.pipeline.MatchField.ETH_TYPE;
import static org.edgeplane.isolation.pipeline.MatchField.IN_PORT;
import static org.edgeplane.isolation.pipeline.MatchField.IPV4_SRC;
import static org.edgeplane.isolation.pipeline.MatchField.IPV6_SRC;
import static org.edgeplane.isolation.pipeline.MatchField.METADATA;
import static org.edgeplane.isolation.pipeline.MatchField.TUNNEL_ID;
import static org.edgeplane.isolation.pipeline.MatchField.VLAN_VID;

import java.util.EnumSet;
import java.util.Set;

/**
 * The edge pipeline, declared once. Table ids, owners and the match fields each table accepts live here and
 * nowhere else; docs/pipeline.md describes the same tables for people. Tables of apps that are not installed are
 * skipped: a stage hands over to {@link #next()}, the next table of its own owner chain.
 */
public enum Table {
    /**
     * Local port to network metadata; uplink VLAN or tunnel id to network metadata (and the isolated-source bit
     * by source MAC). Drops everything else.
     */
    CLASSIFY(0, Owner.ISOLATION, EnumSet.of(IN_PORT, VLAN_VID, TUNNEL_ID, ETH_SRC)),
    /** Source MAC/IP (and ARP sender) must match the port's binding. */
    PORT_SECURITY(10, Owner.ISOLATION, EnumSet.of(IN_PORT, ETH_TYPE, ETH_SRC, IPV4_SRC, IPV6_SRC, ARP_SPA,
        ARP_SHA)),
    /** ARP requests for a known address of the network answered by the switch (ovs profile); else pass on. */
    ARP_RESPONDER(20, Owner.ISOLATION, EnumSet.of(METADATA, ETH_TYPE, ARP_OP, ARP_TPA)),
    /** Reserved: firewall, traffic leaving an endpoint (tables 30-39). */
    FIREWALL_FROM_PORT(30, Owner.FIREWALL, EnumSet.noneOf(MatchField.class)),
    /** Reserved: service-chain classification and steering (tables 40-49). */
    SERVICE_CHAIN(40, Owner.SERVICE_INSERTION, EnumSet.noneOf(MatchField.class)),
    /** (network, destination MAC) to an egress port; broadcast and multicast to the network's ports. */
    L2_FORWARD(50, Owner.ISOLATION, EnumSet.of(METADATA, ETH_DST)),
    /** Reserved: firewall, traffic entering an endpoint (tables 60-69). */
    FIREWALL_TO_PORT(60, Owner.FIREWALL, EnumSet.noneOf(MatchField.class)),
    /** (network, egress port) to output, tagging frames that leave by an uplink. */
    EGRESS(70, Owner.ISOLATION, EnumSet.of(METADATA));

    private final short id;
    private final Owner owner;
    private final Set<MatchField> allowedFields;

    Table(final int id, final Owner owner, final Set<MatchField> allowedFields) {
        this.id = (short) id;
        this.owner = owner;
        this.allowedFields = allowedFields;
    }

    public short id() {
        return id;
    }

    public Owner owner() {
        return owner;
    }

    public Set<MatchField> allowedFields() {
        return allowedFields;
    }

    /** The next table owned by the same app; isolation's stages hand over to each other this way. */
    public Table next() {
        for (int i = ordinal() + 1; i < values().length; i++) {
            if (values()[i].owner == owner) {
                return values()[i];
            }
        }
        throw new IllegalStateException(this + " is the last stage of " + owner);
    }

    /** The table with this OpenFlow table id. */
    public static Table ofId(final short tableId) {
        for (Table table : values()) {
            if (table.id == tableId) {
                return table;
            }
        }
        throw new IllegalArgumentException("no Edgeplane table has id " + tableId);
    }
}
