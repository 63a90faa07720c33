/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.intent;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.edgeplane.core.endpoint.LazySortedMap;
import org.edgeplane.firewall.intent.SecurityGroup.GroupKey;

/**
 * The firewall's whole intent, immutable: security groups, ordered policies, and each port's groups. Ports
 * themselves (addresses, network, port security) are tenant isolation's.
 *
 * @param groups security groups the tenants defined
 * @param policies each tenant's policy rules, in ascending priority
 * @param portGroups the group names each port listed; absent or empty means the tenant's default group
 */
public record FirewallIntent(SortedMap<GroupKey, SecurityGroup> groups, SortedMap<String, List<PolicyRule>> policies,
        SortedMap<String, List<String>> portGroups) {
    public static final FirewallIntent EMPTY = new FirewallIntent(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public FirewallIntent {
        // A map another intent made is kept as it is (it never changes), so a snapshot built from another shares
        // what it did not change, and comparing the two stops at identity.
        groups = LazySortedMap.copyOf(groups);
        if (!(policies instanceof LazySortedMap)) {
            final var sorted = new TreeMap<String, List<PolicyRule>>();
            // A list already in order is kept as it is.
            policies.forEach((tenant, rules) -> {
                final List<PolicyRule> copy = List.copyOf(rules);
                sorted.put(tenant, inOrder(copy) ? copy : copy.stream()
                    .sorted((left, right) -> Integer.compare(left.priority(), right.priority())).toList());
            });
            policies = LazySortedMap.copyOf(sorted);
        }
        if (!(portGroups instanceof LazySortedMap)) {
            final var copied = new TreeMap<String, List<String>>();
            portGroups.forEach((port, names) -> copied.put(port, List.copyOf(names)));
            portGroups = LazySortedMap.copyOf(copied);
        }
    }

    private static boolean inOrder(final List<PolicyRule> rules) {
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i - 1).priority() > rules.get(i).priority()) {
                return false;
            }
        }
        return true;
    }

    /** A group as the compiler sees it: a tenant's own definition, or the implicit default. */
    public SecurityGroup group(final String tenantId, final String name) {
        final SecurityGroup defined = groups.get(new GroupKey(tenantId, name));
        if (defined != null) {
            return defined;
        }
        return SecurityGroup.DEFAULT.equals(name) ? SecurityGroup.defaultOf(tenantId) : null;
    }

    /** The group names that apply to a port: its own list, or the default group. */
    public List<String> groupsOf(final String portId) {
        final List<String> names = portGroups.get(portId);
        return names == null || names.isEmpty() ? List.of(SecurityGroup.DEFAULT) : names;
    }

    /** The policy of a tenant; empty when it has none. */
    public List<PolicyRule> policyOf(final String tenantId) {
        return policies.getOrDefault(tenantId, List.of());
    }

    public static FirewallIntent of(final List<SecurityGroup> groupList, final List<PolicyRule> policyList,
            final Map<String, List<String>> portGroups) {
        final var groups = new TreeMap<GroupKey, SecurityGroup>();
        groupList.forEach(group -> groups.put(group.key(), group));
        final var policies = new TreeMap<String, List<PolicyRule>>();
        policyList.forEach(rule -> policies.computeIfAbsent(rule.tenantId(), key -> new java.util.ArrayList<>())
            .add(rule));
        return new FirewallIntent(groups, policies, new TreeMap<>(portGroups));
    }
}
