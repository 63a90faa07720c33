/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.validation;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.core.validation.Violation;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.firewall.intent.SecurityGroup;
import org.edgeplane.firewall.intent.SecurityRule;
import org.junit.Test;

/** Each rule of the firewall's input validation, by the field it names. */
public class FirewallValidatorTest {
    private static final Intent TWO_TENANTS = IntentFixtures.twoTenants();

    private static RuleMatch ingress(final String protocol) {
        return RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV4).withProtocol(protocol);
    }

    /** The fields named by the violations of one group with one rule. */
    private static List<String> fieldsOf(final RuleMatch match) {
        return fields(FirewallIntent.of(List.of(new SecurityGroup("red", "web", List.of(new SecurityRule("r",
            match)))), List.of(), Map.of()));
    }

    private static List<String> fields(final FirewallIntent firewall) {
        return FirewallValidator.validate(TWO_TENANTS, firewall).stream().map(Violation::field).toList();
    }

    @Test
    public void wellFormedRulesPass() {
        assertEquals(List.of(), fieldsOf(ingress("tcp").withPorts(80, 90).withRemotePrefix("10.0.0.0/8")));
        assertEquals(List.of(), fieldsOf(ingress("udp").withPorts(53, null)));
        assertEquals(List.of(), fieldsOf(ingress("icmp").withIcmp(8, 0)));
        assertEquals(List.of(), fieldsOf(ingress("47")));
        assertEquals(List.of(), fieldsOf(RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV6).withProtocol("icmpv6")
            .withRemotePrefix("fd00::/8")));
        assertEquals(List.of(), fieldsOf(ingress("tcp").withRemoteGroup("web")));
    }

    @Test
    public void protocolMustBeKnownOrANumber() {
        assertEquals(List.of("security-group[red,web]/rule[r]/protocol"), fieldsOf(ingress("sctp-ish")));
        assertEquals(List.of("security-group[red,web]/rule[r]/protocol"), fieldsOf(ingress("256")));
    }

    @Test
    public void portRangesOnlyForTcpAndUdpAndInOrder() {
        assertEquals(List.of("security-group[red,web]/rule[r]/port-range-min"),
            fieldsOf(ingress("icmp").withPorts(80, null)));
        assertEquals(List.of("security-group[red,web]/rule[r]/port-range-max"),
            fieldsOf(ingress("tcp").withPorts(90, 80)));
        assertEquals(List.of("security-group[red,web]/rule[r]/port-range-min"),
            fieldsOf(ingress("tcp").withPorts(null, 80)));
    }

    @Test
    public void icmpFieldsOnlyForIcmpAndCodeNeedsType() {
        assertEquals(List.of("security-group[red,web]/rule[r]/icmp-type"), fieldsOf(ingress("tcp").withIcmp(8, 0)));
        assertEquals(List.of("security-group[red,web]/rule[r]/icmp-code"), fieldsOf(ingress("icmp")
            .withIcmp(null, 0)));
    }

    @Test
    public void remoteIsAPrefixOfTheRuleFamilyOrAnExistingGroupNotBoth() {
        assertEquals(List.of("security-group[red,web]/rule[r]/remote-ip-prefix"),
            fieldsOf(ingress("tcp").withRemotePrefix("10.0.0.1/8")));
        assertEquals(List.of("security-group[red,web]/rule[r]/remote-ip-prefix"),
            fieldsOf(ingress("tcp").withRemotePrefix("fd00::/8")));
        assertEquals(List.of("security-group[red,web]/rule[r]/remote-group"),
            fieldsOf(ingress("tcp").withRemoteGroup("nobody")));
        assertEquals(List.of("security-group[red,web]/rule[r]/remote-group"),
            fieldsOf(new RuleMatch(RuleMatch.INGRESS, RuleMatch.IPV4, "tcp", null, null, null, null, "10.0.0.0/8",
                "web")));
    }

    @Test
    public void directionIsMandatory() {
        assertEquals(List.of("security-group[red,web]/rule[r]/direction"),
            fieldsOf(new RuleMatch(null, RuleMatch.IPV4, null, null, null, null, null, null, null)));
    }

    @Test
    public void tenantsGroupsAndPolicyActionsMustExist() {
        assertEquals(List.of("security-group[green,web]/tenant-id"), fields(FirewallIntent.of(List.of(
            new SecurityGroup("green", "web", List.of())), List.of(), Map.of())));
        assertEquals(List.of("policy-rule[green,10]/tenant-id"), fields(FirewallIntent.of(List.of(), List.of(
            new PolicyRule("green", 10, ingress("tcp"), PolicyRule.DENY)), Map.of())));
        assertEquals(List.of("policy-rule[red,10]/action"), fields(FirewallIntent.of(List.of(), List.of(
            new PolicyRule("red", 10, ingress("tcp"), null)), Map.of())));
        assertEquals(List.of("port[r1]/security-group"), fields(FirewallIntent.of(List.of(), List.of(),
            Map.of("r1", List.of("web")))));
        // Every tenant has its default group, even when it defines none.
        assertEquals(List.of(), fields(FirewallIntent.of(List.of(), List.of(), Map.of("r1", List.of("default")))));
    }

    @Test
    public void aGroupOfAnotherTenantIsUnknown() {
        assertEquals(List.of("port[b1]/security-group"), fields(FirewallIntent.of(List.of(
            new SecurityGroup("red", "web", List.of())), List.of(), Map.of("b1", List.of("web")))));
    }
}
