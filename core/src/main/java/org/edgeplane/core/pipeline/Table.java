/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

import static org.edgeplane.core.pipeline.MatchField.ARP_OP;
import static org.edgeplane.core.pipeline.MatchField.ARP_SHA;
import static org.edgeplane.core.pipeline.MatchField.ARP_SPA;
import static org.edgeplane.core.pipeline.MatchField.ARP_TPA;
import static org.edgeplane.core.pipeline.MatchField.CONNTRACK;
import static org.edgeplane.core.pipeline.MatchField.ETH_DST;
import static org.edgeplane.core.pipeline.MatchField.ETH_SRC;
import static org.edgeplane.core.pipeline.MatchField.ETH_TYPE;
import static org.edgeplane.core.pipeline.MatchField.ICMP;
import static org.edgeplane.core.pipeline.MatchField.IN_PORT;
import static org.edgeplane.core.pipeline.MatchField.IPV4_DST;
import static org.edgeplane.core.pipeline.MatchField.IPV4_SRC;
import static org.edgeplane.core.pipeline.MatchField.IPV6_DST;
import static org.edgeplane.core.pipeline.MatchField.IPV6_SRC;
import static org.edgeplane.core.pipeline.MatchField.IP_PROTO;
import static org.edgeplane.core.pipeline.MatchField.L4_DST;
import static org.edgeplane.core.pipeline.MatchField.L4_SRC;
import static org.edgeplane.core.pipeline.MatchField.METADATA;
import static org.edgeplane.core.pipeline.MatchField.MPLS_LABEL;
import static org.edgeplane.core.pipeline.MatchField.TUNNEL_ID;
import static org.edgeplane.core.pipeline.MatchField.VLAN_VID;

import java.util.EnumSet;
import java.util.Set;

/**
 * The edge pipeline, declared once. Table ids, owners and the match fields each table accepts live here and
 * nowhere else; docs/pipeline.md describes the same tables for people. Frames pass every stage in order; a stage
 * hands what it lets through to {@link #next()}, and the stage of an app that is not installed passes everything.
 */
public enum Table {
    /**
     * Local port to network metadata; uplink VLAN or tunnel id to network metadata (and the isolated-source bit
     * by source MAC). Drops everything else.
     */
    CLASSIFY(0, Owner.ISOLATION, true, EnumSet.of(IN_PORT, VLAN_VID, TUNNEL_ID, ETH_SRC)),
    /** Source MAC/IP (and ARP sender) must match the port's binding. */
    PORT_SECURITY(10, Owner.ISOLATION, true, EnumSet.of(IN_PORT, ETH_TYPE, ETH_SRC, IPV4_SRC, IPV6_SRC, ARP_SPA,
        ARP_SHA)),
    /** ARP requests for a known address of the network answered by the switch (ovs profile); else pass on. */
    ARP_RESPONDER(20, Owner.ISOLATION, true, EnumSet.of(METADATA, ETH_TYPE, ARP_OP, ARP_TPA)),
    /** Firewall, traffic leaving an endpoint: governed ports' IP traffic enters the firewall here. */
    FIREWALL_FROM_PORT(30, Owner.FIREWALL, true, EnumSet.of(IN_PORT, METADATA, ETH_TYPE, IP_PROTO, ICMP)),
    /** After connection tracking: replies and related traffic of allowed connections pass, the rest is judged. */
    FIREWALL_FROM_STATE(31, Owner.FIREWALL, false, EnumSet.of(ETH_TYPE, CONNTRACK)),
    /** Tags the destination address with the remote groups it belongs to. */
    FIREWALL_FROM_REMOTE(32, Owner.FIREWALL, false, EnumSet.of(METADATA, ETH_TYPE, IPV4_DST, IPV6_DST)),
    /** The tenant's ordered policy: first match wins. */
    FIREWALL_FROM_POLICY(33, Owner.FIREWALL, false, firewallRuleFields(IPV4_DST, IPV6_DST)),
    /** Security-group allow rules of the sending port. */
    FIREWALL_FROM_GROUPS(34, Owner.FIREWALL, false, firewallRuleFields(IPV4_DST, IPV6_DST)),
    /** Denied: counted per port; an established connection is marked so its replies stop too. */
    FIREWALL_FROM_DENY(35, Owner.FIREWALL, false, EnumSet.of(IN_PORT, ETH_TYPE, CONNTRACK)),
    /**
     * Service chains: classified traffic of a chain's source port, and what comes back from a hop's appliance, is
     * sent to the chain's next hop (a select group); MPLS-labelled frames from the fabric are delivered to the
     * appliance their label names. Frames from the fabric enter the pipeline here.
     */
    SERVICE_CHAIN(40, Owner.SERVICE_INSERTION, true, EnumSet.of(IN_PORT, METADATA, ETH_TYPE, ETH_DST, IPV4_SRC,
        IPV6_SRC, IP_PROTO, IPV4_DST, IPV6_DST, L4_SRC, L4_DST, MPLS_LABEL)),
    /**
     * A frame that crossed the fabric to a transparent appliance gets its original destination MAC back, by its
     * destination address, before it reaches the appliance (it travelled with the appliance's MAC).
     */
    SERVICE_CHAIN_DELIVER(41, Owner.SERVICE_INSERTION, false, EnumSet.of(METADATA, ETH_TYPE, IPV4_DST, IPV6_DST)),
    /** (network, destination MAC) to an egress port; broadcast and multicast to the network's ports. */
    L2_FORWARD(50, Owner.ISOLATION, true, EnumSet.of(METADATA, ETH_DST)),
    /** Firewall, traffic entering an endpoint: unicast to a governed port enters the firewall here. */
    FIREWALL_TO_PORT(60, Owner.FIREWALL, true, EnumSet.of(METADATA, ETH_TYPE, IP_PROTO, ICMP)),
    /** As {@link #FIREWALL_FROM_STATE}, for the receiving port. */
    FIREWALL_TO_STATE(61, Owner.FIREWALL, false, EnumSet.of(ETH_TYPE, CONNTRACK)),
    /** Tags the source address with the remote groups it belongs to. */
    FIREWALL_TO_REMOTE(62, Owner.FIREWALL, false, EnumSet.of(METADATA, ETH_TYPE, IPV4_SRC, IPV6_SRC)),
    /** The tenant's ordered policy for the receiving port. */
    FIREWALL_TO_POLICY(63, Owner.FIREWALL, false, firewallRuleFields(IPV4_SRC, IPV6_SRC)),
    /** Security-group allow rules of the receiving port. */
    FIREWALL_TO_GROUPS(64, Owner.FIREWALL, false, firewallRuleFields(IPV4_SRC, IPV6_SRC)),
    /** As {@link #FIREWALL_FROM_DENY}, for the receiving port. */
    FIREWALL_TO_DENY(65, Owner.FIREWALL, false, EnumSet.of(METADATA, ETH_TYPE, CONNTRACK)),
    /** (network, egress port) to output, tagging frames that leave by an uplink. */
    EGRESS(70, Owner.ISOLATION, true, EnumSet.of(METADATA));

    private final short id;
    private final Owner owner;
    private final boolean stageEntry;
    private final Set<MatchField> allowedFields;

    Table(final int id, final Owner owner, final boolean stageEntry, final Set<MatchField> allowedFields) {
        this.id = (short) id;
        this.owner = owner;
        this.stageEntry = stageEntry;
        this.allowedFields = allowedFields;
    }

    private static Set<MatchField> firewallRuleFields(final MatchField remoteV4, final MatchField remoteV6) {
        return EnumSet.of(IN_PORT, METADATA, ETH_TYPE, IP_PROTO, remoteV4, remoteV6, L4_SRC, L4_DST, ICMP);
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

    /**
     * Whether frames enter this table from another stage. Every stage entry has a table-miss flow of the
     * isolation app that hands over to the next stage, so a stage whose app is not installed costs one lookup.
     */
    public boolean isStageEntry() {
        return stageEntry;
    }

    /** The entry of the stage after this table's stage: where a stage hands a frame it lets through. */
    public Table next() {
        for (int i = ordinal() + 1; i < values().length; i++) {
            if (values()[i].stageEntry) {
                return values()[i];
            }
        }
        throw new IllegalStateException(this + " is the last stage");
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
