/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.odl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityRule;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.Intent1;
import org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.Port1;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/** Reads the firewall's part of the tenant intent (its augmentations) into immutable records. */
public final class FirewallCodec {
    private FirewallCodec() {
    }

    public static FirewallIntent fromBinding(final @Nullable Intent intent) {
        if (intent == null) {
            return FirewallIntent.EMPTY;
        }
        final var groups = new ArrayList<SecurityGroup>();
        final var policy = new ArrayList<PolicyRule>();
        final Intent1 firewall = intent.augmentation(Intent1.class);
        if (firewall != null) {
            firewall.nonnullSecurityGroup().values().forEach(group -> {
                final var rules = new ArrayList<SecurityRule>();
                group.nonnullRule().values().forEach(rule -> rules.add(new SecurityRule(rule.getId(), match(rule))));
                rules.sort((left, right) -> left.id().compareTo(right.id()));
                groups.add(new SecurityGroup(group.getTenantId(), group.getName(), rules));
            });
            firewall.nonnullPolicyRule().values().forEach(rule -> policy.add(new PolicyRule(rule.getTenantId(),
                rule.getPriority().toJava(), match(rule), rule.getAction() == null ? null
                    : rule.getAction().getName())));
        }
        final var portGroups = new TreeMap<String, List<String>>();
        intent.nonnullPort().values().forEach(port -> {
            final Port1 augmentation = port.augmentation(Port1.class);
            if (augmentation != null && augmentation.getSecurityGroup() != null) {
                portGroups.put(port.getId().getValue(), augmentation.getSecurityGroup().stream().sorted().toList());
            }
        });
        return FirewallIntent.of(groups, policy, Map.copyOf(portGroups));
    }

    static RuleMatch match(final org.opendaylight.yang.gen.v1.urn.edgeplane.firewall.rev261122.RuleMatch rule) {
        return new RuleMatch(rule.getDirection() == null ? null : rule.getDirection().getName(),
            rule.getEthertype() == null ? RuleMatch.IPV4 : rule.getEthertype().getName(), rule.getProtocol(),
            toInt(rule.getPortRangeMin()), toInt(rule.getPortRangeMax()), toInt(rule.getIcmpType()),
            toInt(rule.getIcmpCode()), rule.getRemoteIpPrefix(), rule.getRemoteGroup());
    }

    private static @Nullable Integer toInt(final @Nullable Uint16 value) {
        return value == null ? null : value.intValue();
    }

    private static @Nullable Integer toInt(final @Nullable Uint8 value) {
        return value == null ? null : value.intValue();
    }
}
