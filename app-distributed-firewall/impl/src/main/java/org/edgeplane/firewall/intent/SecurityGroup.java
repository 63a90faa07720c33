/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.intent;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A tenant's named set of allow rules.
 *
 * @param tenantId owning tenant
 * @param name unique within the tenant
 * @param rules allow rules, in id order
 */
public record SecurityGroup(String tenantId, String name, List<SecurityRule> rules) {
    /** The group every tenant has unless it defines one with this name. */
    public static final String DEFAULT = "default";

    public SecurityGroup {
        requireNonNull(tenantId);
        requireNonNull(name);
        rules = List.copyOf(rules);
    }

    /** Neutron's default group: all egress, and ingress from members of the group itself. */
    public static SecurityGroup defaultOf(final String tenantId) {
        return new SecurityGroup(tenantId, DEFAULT, List.of(
            new SecurityRule("egress-ipv4", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)),
            new SecurityRule("egress-ipv6", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV6)),
            new SecurityRule("ingress-ipv4", RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4)
                .withRemoteGroup(DEFAULT)),
            new SecurityRule("ingress-ipv6", RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV6)
                .withRemoteGroup(DEFAULT))));
    }

    public GroupKey key() {
        return new GroupKey(tenantId, name);
    }

    /** A security group's identity: groups are named per tenant. */
    public record GroupKey(String tenantId, String name) implements Comparable<GroupKey> {
        @Override
        public int compareTo(final GroupKey other) {
            final int byTenant = tenantId.compareTo(other.tenantId);
            return byTenant != 0 ? byTenant : name.compareTo(other.name);
        }

        @Override
        public String toString() {
            return tenantId + "/" + name;
        }
    }
}
