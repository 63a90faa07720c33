/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import static org.edgeplane.firewall.compiler.FirewallFixtures.egress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.firewall;
import static org.edgeplane.firewall.compiler.FirewallFixtures.ingress;
import static org.edgeplane.firewall.compiler.FirewallFixtures.rule;
import static org.edgeplane.firewall.compiler.FirewallFixtures.withProfile;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.testing.GoldenFiles;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.intent.PolicyRule;
import org.edgeplane.firewall.intent.RuleMatch;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * Firewall intent in, exact firewall flows out, for every rule kind on both profiles: single port, masked range,
 * UDP, ICMP type and code, ICMPv6, an IP protocol number, any protocol, IPv4 and IPv6 remote prefixes, a remote
 * group, both directions, and each policy action. Dumps in src/test/resources/golden (see {@link GoldenFiles}).
 */
public class FirewallCompilerGoldenTest {
    static final FirewallIntent EVERY_RULE_KIND = firewall()
        .group("red", "web",
            rule("http", ingress("tcp").withPorts(80, null)),
            rule("range", ingress("tcp").withPorts(8000, 8010)),
            rule("dns", ingress("udp").withPorts(53, null).withRemotePrefix("10.0.0.0/24")),
            rule("unreachable", ingress("icmp").withIcmp(3, 4)),
            rule("gre", ingress("47")),
            rule("db", ingress("tcp").withPorts(5432, null).withRemoteGroup("app")),
            rule("ping6", RuleMatch.any(RuleMatch.INGRESS, RuleMatch.IPV6).withProtocol("icmpv6").withIcmp(128, null)
                .withRemotePrefix("fd00::/8")),
            rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)),
            rule("out-dns", egress("udp").withPorts(53, null)))
        .group("red", "app", rule("out", RuleMatch.any(RuleMatch.EGRESS, RuleMatch.IPV4)))
        .ports("web", "r2").ports("app", "r1", "r3")
        .policy("red", 10, PolicyRule.DENY, ingress("tcp").withPorts(22, null).withRemotePrefix("0.0.0.0/0"))
        .policy("red", 20, PolicyRule.REJECT, ingress("tcp").withPorts(23, null))
        .policy("red", 30, PolicyRule.PASS, ingress("tcp").withPorts(80, null))
        .policy("red", 40, PolicyRule.ALLOW, ingress("udp").withPorts(9000, null))
        .build();

    private static Intent everySwitch(final SwitchProfile profile) {
        return withProfile(withProfile(IntentFixtures.twoTenants(), "openflow:1", profile), "openflow:2", profile);
    }

    private static void assertGolden(final String name, final SwitchProfile profile) throws IOException {
        final Intent intent = everySwitch(profile);
        final FirewallFlows flows = FirewallCompiler.compile(EVERY_RULE_KIND, intent,
            FirewallFixtures.factsOf(intent));
        assertEquals(List.of(), flows.problems());
        GoldenFiles.assertGolden(name, GoldenFiles.render(flows.flowsBySwitch()));
    }

    @Test
    public void everyRuleKindOnOvsSwitches() throws IOException {
        assertGolden("firewall-ovs", SwitchProfile.OVS);
    }

    @Test
    public void everyRuleKindOnOf13Switches() throws IOException {
        assertGolden("firewall-of13", SwitchProfile.OF13);
    }

    @Test
    public void sameIntentGivesTheSameFlows() {
        final Intent intent = everySwitch(SwitchProfile.OVS);
        final var compiled = IsolationCompiler.compile(intent, Map.of());
        assertEquals(FirewallCompiler.compile(EVERY_RULE_KIND, intent, compiled.edgeFacts()),
            FirewallCompiler.compile(EVERY_RULE_KIND, intent, compiled.edgeFacts()));
    }
}
