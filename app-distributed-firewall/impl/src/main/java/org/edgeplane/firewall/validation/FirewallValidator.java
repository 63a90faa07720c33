/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.flow.IpProtocols;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.core.validation.Violation.Kind;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityRule;

/** Checks the firewall's intent against itself and the tenant intent. Pure; every violation names its field. */
public final class FirewallValidator {

    private FirewallValidator() {
    }

    public static List<Violation> validate(final Intent intent, final FirewallIntent firewall) {
        final var violations = new ArrayList<Violation>();
        for (SecurityGroup group : firewall.groups().values()) {
            final String where = "security-group[" + group.tenantId() + "," + group.name() + "]";
            if (!intent.tenants().containsKey(group.tenantId())) {
                violations.add(invalid(where + "/tenant-id", "tenant '" + group.tenantId() + "' does not exist"));
            }
            if (group.rules().size() > Limits.MAX_RULES_PER_GROUP) {
                Limits.checkSize(where + "/rule", group.rules(), Limits.MAX_RULES_PER_GROUP, Set.of(), violations);
                continue;
            }
            for (SecurityRule rule : group.rules()) {
                checkMatch(violations, where + "/rule[" + rule.id() + "]", group.tenantId(), rule.match(), firewall);
            }
        }
        firewall.policies().forEach((tenantId, rules) -> {
            for (PolicyRule rule : rules) {
                final String where = "policy-rule[" + tenantId + "," + rule.priority() + "]";
                if (!intent.tenants().containsKey(tenantId)) {
                    violations.add(invalid(where + "/tenant-id", "tenant '" + tenantId + "' does not exist"));
                }
                if (rule.action() == null) {
                    violations.add(invalid(where + "/action", "is mandatory: allow, deny, reject or pass"));
                }
                checkMatch(violations, where, tenantId, rule.match(), firewall);
            }
        });
        firewall.portGroups().forEach((portId, names) -> {
            final Port port = intent.ports().get(portId);
            if (port == null || port.tenantId() == null) {
                return;
            }
            if (names.size() > Limits.MAX_GROUPS_PER_PORT) {
                Limits.checkSize("port[" + portId + "]/security-group", names, Limits.MAX_GROUPS_PER_PORT, Set.of(),
                    violations);
                return;
            }
            for (String name : names) {
                if (firewall.group(port.tenantId(), name) == null) {
                    violations.add(invalid("port[" + portId + "]/security-group", "tenant '" + port.tenantId()
                        + "' has no security group '" + name + "'"));
                }
            }
        });
        return violations;
    }

    private static void checkMatch(final List<Violation> violations, final String where, final String tenantId,
            final RuleMatch match, final FirewallIntent firewall) {
        if (match.direction() == null) {
            violations.add(invalid(where + "/direction", "is mandatory: ingress or egress"));
        }
        final boolean any = match.protocol() == null || "any".equalsIgnoreCase(match.protocol());
        final Integer number = any ? null : IpProtocols.number(match.protocol(), match.isIpv6()).orElse(null);
        if (!any && number == null) {
            violations.add(invalid(where + "/protocol", "'" + match.protocol() + "' is not " + IpProtocols.EXPECTED));
        }
        final boolean ported = IpProtocols.hasPorts(number);
        if (match.portMin() != null || match.portMax() != null) {
            if (!ported) {
                violations.add(invalid(where + "/port-range-min", "port ranges need protocol tcp or udp"));
            } else if (match.portMin() == null) {
                violations.add(invalid(where + "/port-range-min", "is required with port-range-max"));
            } else if (match.portMax() != null && match.portMax() < match.portMin()) {
                violations.add(invalid(where + "/port-range-max", match.portMax() + " is below port-range-min "
                    + match.portMin()));
            }
        }
        final boolean icmp = number != null && (number == IpMatch.ICMP || number == IpMatch.ICMPV6);
        if ((match.icmpType() != null || match.icmpCode() != null) && !icmp) {
            violations.add(invalid(where + "/icmp-type", "ICMP type and code need protocol icmp or icmpv6"));
        } else if (match.icmpCode() != null && match.icmpType() == null) {
            violations.add(invalid(where + "/icmp-code", "needs icmp-type"));
        }
        if (match.remotePrefix() != null && match.remoteGroup() != null) {
            violations.add(invalid(where + "/remote-group",
                "a rule has a remote-ip-prefix or a remote-group, not both"));
        }
        if (match.remotePrefix() != null) {
            final var prefix = Addresses.ipPrefix(match.remotePrefix());
            if (prefix.isEmpty()) {
                violations.add(invalid(where + "/remote-ip-prefix", "'" + match.remotePrefix()
                    + "' is not an IP address or prefix with zero host bits"));
            } else if (prefix.orElseThrow().ipv4() == match.isIpv6()) {
                violations.add(invalid(where + "/remote-ip-prefix", "'" + match.remotePrefix() + "' is not "
                    + match.ethertype()));
            }
        }
        if (match.remoteGroup() != null && firewall.group(tenantId, match.remoteGroup()) == null) {
            violations.add(invalid(where + "/remote-group", "tenant '" + tenantId + "' has no security group '"
                + match.remoteGroup() + "'"));
        }
    }

    private static Violation invalid(final String field, final String reason) {
        return new Violation(field, reason, Kind.INVALID, Set.of());
    }
}
