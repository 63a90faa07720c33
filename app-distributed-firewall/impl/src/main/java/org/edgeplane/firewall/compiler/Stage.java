/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.firewall.intent.RuleMatch;

/**
 * The two places the firewall judges a frame: as it leaves its sender's port (egress rules), and as it reaches
 * the receiving port (ingress rules). Each stage has the same six tables.
 */
enum Stage {
    FROM(RuleMatch.EGRESS, Table.FIREWALL_FROM_PORT, Table.FIREWALL_FROM_STATE, Table.FIREWALL_FROM_REMOTE,
        Table.FIREWALL_FROM_POLICY, Table.FIREWALL_FROM_GROUPS, Table.FIREWALL_FROM_DENY),
    TO(RuleMatch.INGRESS, Table.FIREWALL_TO_PORT, Table.FIREWALL_TO_STATE, Table.FIREWALL_TO_REMOTE,
        Table.FIREWALL_TO_POLICY, Table.FIREWALL_TO_GROUPS, Table.FIREWALL_TO_DENY);

    final String direction;
    final Table entry;
    final Table state;
    final Table remote;
    final Table policy;
    final Table groups;
    final Table deny;
    /** Where an allowed frame goes: the next stage of the pipeline. */
    final Table exit;

    Stage(final String direction, final Table entry, final Table state, final Table remote, final Table policy,
            final Table groups, final Table deny) {
        this.direction = direction;
        this.entry = entry;
        this.state = state;
        this.remote = remote;
        this.policy = policy;
        this.groups = groups;
        this.deny = deny;
        exit = entry.next();
    }

    Stage opposite() {
        return this == FROM ? TO : FROM;
    }

    String lowerName() {
        return this == FROM ? "from" : "to";
    }

    /** Selects frames of one local port: by in_port leaving it, by the chosen egress port reaching it. */
    FlowMatch.Builder port(final long ofPort) {
        final var builder = FlowMatch.builder();
        return this == FROM ? builder.inPort(ofPort) : builder.metadata(Metadata.egress(ofPort),
            Metadata.EGRESS_MASK);
    }

    /** The other end's address: the destination of what a port sends, the source of what it receives. */
    void remote(final FlowMatch.Builder builder, final boolean ipv6, final String prefix) {
        if (this == FROM) {
            if (ipv6) {
                builder.ipv6Dst(prefix);
            } else {
                builder.ipv4Dst(prefix);
            }
        } else if (ipv6) {
            builder.ipv6Src(prefix);
        } else {
            builder.ipv4Src(prefix);
        }
    }
}
