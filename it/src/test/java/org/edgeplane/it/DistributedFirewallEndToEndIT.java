/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.edgeplane.it.Convergence.awaitEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * The distributed firewall end to end: the built controller, the Mininet topology of the isolation suite, intent
 * and firewall created only through RESTCONF, and real TCP/UDP listeners (nc) and ICMP on the hosts.
 *
 * <p>Tenant red: h2 (s2) is a server in group {@code web}; h1 and h3 (s1) are clients in group {@code client}
 * (egress only). The tenant policy, first match wins: 5 pass TCP 80, 10 deny TCP 8001, 15 allow TCP 9000, 20 deny
 * TCP 80-90. Group {@code web}: TCP 80, TCP 8000-8003, UDP 53 from 10.0.1.0/24, ICMP echo, TCP 7000 from members
 * of {@code admins}, all egress. Steps run in name order on one topology.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DistributedFirewallEndToEndIT {
    private static final String FIREWALL = "edgeplane-firewall:";
    private static final List<Integer> SERVER_TCP_PORTS = List.of(22, 80, 85, 7000, 8001, 8002, 8003, 9000);
    private static final List<Integer> SERVER_UDP_PORTS = List.of(53, 54);
    private static final int SESSION_PORT = 8003;
    private static final AtomicInteger TOKENS = new AtomicInteger();

    private static Topology topology;
    private static KarafProcess karaf;
    private static MininetAgent mininet;
    private static Restconf restconf;
    private static Orchestrator orchestrator;
    private static Convergence converge;
    private static Path listenerLogs;

    @BeforeClass
    public static void startControllerNetworkAndListeners() throws Exception {
        topology = Topology.read(Path.of(System.getProperty("edgeplane.topology")));
        karaf = KarafProcess.fromBuild();
        karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        orchestrator = new Orchestrator(restconf);
        converge = new Convergence(restconf, topology);
        mininet = MininetAgent.start(Path.of(System.getProperty("edgeplane.mininet.agent")),
            Path.of(System.getProperty("edgeplane.topology")), Path.of("target/mininet-agent-firewall.log"));
        orchestrator.provision(topology);
        listenerLogs = Files.createDirectories(Path.of("target/firewall-listeners").toAbsolutePath());
        Files.deleteIfExists(listenerLogs.resolve("pids"));
        listen("h2", SERVER_TCP_PORTS, SERVER_UDP_PORTS);
        listen("h1", List.of(22, 80), List.of(53));
        listen("h4", List.of(80), List.of());
        listen("h6", List.of(80), List.of());
        listen("h7", List.of(80), List.of());
    }

    /**
     * nc listeners on a host, each logging what it receives; their pids go to a file for the cleanup. They run
     * outside the agent's terminal (a background job reading it would swallow the agent's next commands).
     */
    private static void listen(final String host, final List<Integer> tcpPorts, final List<Integer> udpPorts) {
        final var command = new StringBuilder();
        final String pids = " 2>&1 & echo $! >> " + listenerLogs.resolve("pids") + "; ";
        tcpPorts.forEach(port -> command.append("nc -lk ").append(port).append(" < /dev/null > ")
            .append(log(host, "tcp", port)).append(pids));
        udpPorts.forEach(port -> command.append("nc -lku ").append(port).append(" < /dev/null > ")
            .append(log(host, "udp", port)).append(pids));
        mininet.exec(host, command + "sleep 0.5");
    }

    private static Path log(final String host, final String protocol, final int port) {
        return listenerLogs.resolve(host + "-" + protocol + "-" + port + ".log");
    }

    @AfterClass
    public static void stopEverything() throws IOException, InterruptedException {
        if (mininet != null) {
            mininet.close();
        }
        if (karaf != null) {
            karaf.close();
        }
        if (listenerLogs != null) {
            MininetAgent.killListedProcesses(listenerLogs.resolve("pids"));
        }
    }

    @Test
    public void a0_firewallIsProvisionedThroughRestconfAndEverySwitchHoldsItsFlows() throws InterruptedException {
        putGroup("red", "admins", rule("out", "egress"));
        putGroup("red", "client", rule("out", "egress"));
        putGroup("red", "web", tcpRule("http", 80, 80), tcpRule("range", 8000, 8003),
            rule("dns", "ingress").put("protocol", "udp").put("port-range-min", 53).put("port-range-max", 53)
                .put("remote-ip-prefix", "10.0.1.0/24"),
            rule("ping", "ingress").put("protocol", "icmp").put("icmp-type", 8),
            tcpRule("admin", 7000, 7000).put("remote-group", "admins"), rule("out", "egress"));
        putPolicy("red", 5, "pass", tcpMatch(80, 80));
        putPolicy("red", 10, "deny", tcpMatch(8001, 8001));
        putPolicy("red", 15, "allow", tcpMatch(9000, 9000));
        putPolicy("red", 20, "deny", tcpMatch(80, 90));
        setGroups("h2", "web");
        setGroups("h1", "client");
        setGroups("h3", "client");
        converge.awaitEveryPortInstalled("");
        converge.awaitFlowsAsDesired();
        assertTrue("conntrack on the ovs switches", OvsSwitches.flows("s2", OvsSwitches.EDGEPLANE_COOKIES).stream()
            .anyMatch(line -> line.contains("ct(")));
    }

    @Test
    public void a1_connectionMatrixMatchesTheRulesExactlyInBothDirections() throws InterruptedException {
        final var expected = new LinkedHashMap<String, Boolean>();
        expected.put("h1>h2 tcp/80", true);     // policy pass, then web allows 80
        expected.put("h1>h2 tcp/85", false);    // policy deny 80-90 (80 itself was passed first)
        expected.put("h1>h2 tcp/8001", false);  // policy deny beats web's 8000-8003 allow
        expected.put("h1>h2 tcp/8002", true);   // web's range
        expected.put("h1>h2 tcp/9000", true);   // policy allow, no group rule needed
        expected.put("h1>h2 tcp/22", false);    // nothing allows it
        expected.put("h1>h2 tcp/7000", false);  // only for members of admins
        expected.put("h1>h2 udp/53", true);     // from 10.0.1.0/24
        expected.put("h1>h2 udp/54", false);
        expected.put("h1>h2 icmp", true);
        expected.put("h3>h2 tcp/80", true);     // the other client, same switch as h1
        // The server may answer, but not start: the clients' group has no ingress rule.
        expected.put("h2>h1 tcp/80", false);
        expected.put("h2>h1 tcp/22", false);
        expected.put("h2>h1 udp/53", false);
        expected.put("h2>h1 icmp", false);
        awaitEquals("connection matrix", () -> measure(expected.keySet()), expected);
    }

    @Test
    public void a2_countersRiseForTheRuleThatAllowedAndForDropsAtThePort() throws InterruptedException {
        final long httpBefore = ruleCounter("red/web/http");
        final long droppedBefore = droppedAt("h2");
        for (int i = 0; i < 3; i++) {
            assertTrue(connects("h1", "h2", 80));
            assertTrue(!connects("h1", "h2", 22));
        }
        awaitEquals("red/web/http counted the allowed connections", () -> ruleCounter("red/web/http") > httpBefore,
            true);
        awaitEquals("h2 counted the dropped attempts", () -> droppedAt("h2") > droppedBefore, true);
        Figures.record("firewall counters: red/web/http " + ruleCounter("red/web/http") + " packets, h2 dropped "
            + droppedAt("h2") + " packets");
    }

    @Test
    public void a3_unrelatedUpdateKeepsAnEstablishedSessionRemovingItsRuleCutsIt() throws InterruptedException {
        mininet.exec("h1", "(i=0; while [ $i -lt 900 ]; do echo line$i; i=$((i+1)); sleep 0.2; done) 2>/dev/null "
            + "| nc " + topology.host("h2").ip() + " " + SESSION_PORT + " > /dev/null 2>&1 & echo $! >> "
            + listenerLogs.resolve("pids"));
        awaitEquals("the session carries data", DistributedFirewallEndToEndIT::sessionGrows, true);

        putGroup("red", "web", tcpRule("http", 80, 80), tcpRule("range", 8000, 8003),
            rule("dns", "ingress").put("protocol", "udp").put("port-range-min", 53).put("port-range-max", 53)
                .put("remote-ip-prefix", "10.0.0.0/16"),
            rule("ping", "ingress").put("protocol", "icmp").put("icmp-type", 8),
            tcpRule("admin", 7000, 7000).put("remote-group", "admins"), rule("out", "egress"));
        converge.awaitFlowsAsDesired();
        for (int window = 0; window < 3; window++) {
            assertTrue("the session still carries data after an unrelated rule changed (window " + window + ")",
                sessionGrows());
        }

        assertEquals(204, restconf.delete(Orchestrator.INTENT + "/" + FIREWALL + "security-group=red,web/rule=range")
            .status());
        awaitEquals("the session is cut once its rule is gone", DistributedFirewallEndToEndIT::sessionGrows, false);
        assertTrue("a new connection to the removed range is refused", !connects("h1", "h2", 8002));
        assertTrue("the rest of the group still works", connects("h1", "h2", 80));
    }

    @Test
    public void a4_joiningARemoteGroupGrantsAccessAndLeavingRevokesIt() throws InterruptedException {
        assertTrue(!connects("h3", "h2", 7000));
        setGroups("h3", "client", "admins");
        awaitEquals("h3 reaches the admin port once it is in admins", () -> connects("h3", "h2", 7000), true);
        assertTrue("h1 is not a member", !connects("h1", "h2", 7000));
        setGroups("h3", "client");
        awaitEquals("h3 loses the admin port when it leaves admins", () -> connects("h3", "h2", 7000), false);
    }

    @Test
    public void a5_permissiveRulesNeverOpenOtherNetworksOrTenants() throws InterruptedException {
        putGroup("red", "open", rule("all-in", "ingress").put("remote-ip-prefix", "0.0.0.0/0"),
            rule("out", "egress"));
        putGroup("blue", "open", rule("all-in", "ingress").put("remote-ip-prefix", "0.0.0.0/0"),
            rule("out", "egress"));
        putPolicy("red", 1, "allow", Restconf.JSON.createObjectNode().put("direction", "egress"));
        setGroups("h4", "open");
        setGroups("h6", "open");
        setGroups("h7", "open");
        final var expected = new LinkedHashMap<String, Boolean>();
        expected.put("h7>h6 tcp/80", true);  // same network: the open group lets it in
        expected.put("h1>h4 tcp/80", false); // same tenant, other network
        expected.put("h1>h6 tcp/80", false); // other tenant
        expected.put("h7>h4 tcp/80", false);
        expected.put("h1>h6 icmp", false);
        try {
            awaitEquals("cross-network and cross-tenant traffic with allow-anything rules", () -> measure(
                expected.keySet()), expected);
        } catch (AssertionError e) {
            throw withEvidence(e, "h6", "h7");
        }
    }

    /**
     * A failed connection check with what tells a firewall fault from a test fault: the hosts' listening sockets,
     * the switches' status, and every switch's Edgeplane flows (written beside the listener logs).
     */
    private static AssertionError withEvidence(final AssertionError failure, final String... hosts) {
        final var evidence = new StringBuilder(String.valueOf(failure.getMessage()));
        for (String host : hosts) {
            evidence.append("\nlistening on ").append(host).append(": ").append(mininet.exec(host, "ss -ltn"));
        }
        for (Topology.Edge edge : topology.switches()) {
            evidence.append("\n").append(edge.name()).append(": ").append(converge.switchStatus(edge.nodeId()));
            try {
                Files.write(listenerLogs.resolve("flows-" + edge.name() + ".txt"), OvsSwitches.flows(edge.name(),
                    OvsSwitches.EDGEPLANE_COOKIES));
            } catch (IOException e) {
                evidence.append(" (flows not written: ").append(e.getMessage()).append(')');
            }
        }
        return new AssertionError(evidence.toString(), failure);
    }

    @Test
    public void a6_of13SwitchFiltersStatelesslyWithStandardOpenflowOnly() throws InterruptedException {
        final Topology.Edge s2 = topology.edge("s2");
        assertEquals(204, orchestrator.put(Orchestrator.switchOf(topology, s2).put("profile", "of13")).status());
        try {
            awaitEquals("profile of s2", () -> converge.switchStatus(s2.nodeId()).path("profile").asText(), "of13");
            awaitEquals("conntrack or Nicira matches left on s2", () -> OvsSwitches.flows("s2",
                OvsSwitches.EDGEPLANE_COOKIES).stream().filter(line -> line.contains("ct(") || line.contains("ct_")
                    || line.contains("NXM")).count(), 0L);
            // Stateless: the reply of an allowed connection passes because the rule has a mirror on the source port.
            assertTrue("mirror of web's TCP 80 rule on s2", OvsSwitches.flows("s2", OvsSwitches.EDGEPLANE_COOKIES)
                .stream().anyMatch(line -> line.contains("tp_src=80")));
            final var expected = new LinkedHashMap<String, Boolean>();
            expected.put("h1>h2 tcp/80", true);
            expected.put("h1>h2 tcp/8001", false);
            expected.put("h1>h2 tcp/22", false);
            expected.put("h1>h2 udp/53", true);
            expected.put("h1>h2 icmp", true);
            expected.put("h2>h1 tcp/22", false);
            awaitEquals("connection matrix with h2 on an of13 switch", () -> measure(expected.keySet()), expected);
            converge.awaitFlowsAsDesired();
        } finally {
            assertEquals(204, orchestrator.put(Orchestrator.switchOf(topology, s2)).status());
        }
        awaitEquals("profile of s2 detected again", () -> converge.switchStatus(s2.nodeId()).path("profile")
            .asText(), "ovs");
    }

    // ---- connections ----

    /** Each case "src>dst tcp/PORT", "src>dst udp/PORT" or "src>dst icmp": whether it got through. */
    private static Map<String, Boolean> measure(final Iterable<String> cases) {
        final var results = new LinkedHashMap<String, Boolean>();
        for (String name : cases) {
            final String[] hosts = name.substring(0, name.indexOf(' ')).split(">");
            final String what = name.substring(name.indexOf(' ') + 1);
            final boolean through;
            if (what.equals("icmp")) {
                through = mininet.pings(List.of(List.of(hosts[0], topology.host(hosts[1]).ip())), 1).values()
                    .iterator().next();
            } else if (what.startsWith("tcp/")) {
                through = connects(hosts[0], hosts[1], Integer.parseInt(what.substring(4)));
            } else {
                through = datagramArrives(hosts[0], hosts[1], Integer.parseInt(what.substring(4)));
            }
            results.put(name, through);
        }
        return results;
    }

    /** A TCP handshake completes: the SYN got in and the SYN-ACK got back. */
    private static boolean connects(final String from, final String to, final int port) {
        return mininet.exec(from, "nc -z -w 2 " + topology.host(to).ip() + " " + port
            + " >/dev/null 2>&1; echo rc=$?").contains("rc=0");
    }

    /** A UDP datagram with a fresh token reaches the listener on the port. */
    private static boolean datagramArrives(final String from, final String to, final int port) {
        final String token = "token" + TOKENS.incrementAndGet();
        mininet.exec(from, "echo " + token + " | nc -u -w 1 " + topology.host(to).ip() + " " + port);
        return mininet.exec(to, "sleep 0.3; grep -c " + token + " " + log(to, "udp", port)).trim().equals("1");
    }

    /** Whether the long-lived session's server received more lines over a two-second window. */
    private static boolean sessionGrows() {
        final long before = lines(log("h2", "tcp", SESSION_PORT));
        mininet.exec("h2", "sleep 2");
        return lines(log("h2", "tcp", SESSION_PORT)) > before;
    }

    private static long lines(final Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    // ---- counters ----

    private static long ruleCounter(final String rule) {
        return statusEntry("rule-counter", "rule", rule).path("packets").asLong(0);
    }

    private static long droppedAt(final String port) {
        return statusEntry("port-counter", "port-id", port).path("dropped-packets").asLong(0);
    }

    private static JsonNode statusEntry(final String list, final String key, final String value) {
        final JsonNode entries = restconf.get(FIREWALL + "firewall-status").json().path(FIREWALL + "firewall-status")
            .path(list);
        for (JsonNode entry : entries) {
            if (value.equals(entry.path(key).asText())) {
                return entry;
            }
        }
        return Restconf.JSON.createObjectNode();
    }

    // ---- REST bodies ----

    private static ObjectNode rule(final String id, final String direction) {
        return Restconf.JSON.createObjectNode().put("id", id).put("direction", direction);
    }

    private static ObjectNode tcpRule(final String id, final int min, final int max) {
        return rule(id, "ingress").put("protocol", "tcp").put("port-range-min", min).put("port-range-max", max);
    }

    private static ObjectNode tcpMatch(final int min, final int max) {
        return Restconf.JSON.createObjectNode().put("direction", "ingress").put("protocol", "tcp")
            .put("port-range-min", min).put("port-range-max", max);
    }

    private static void putGroup(final String tenant, final String name, final ObjectNode... rules) {
        final ObjectNode group = Restconf.JSON.createObjectNode().put("tenant-id", tenant).put("name", name);
        final ArrayNode list = group.putArray("rule");
        for (ObjectNode rule : rules) {
            list.add(rule);
        }
        assertPut(Orchestrator.INTENT + "/" + FIREWALL + "security-group=" + tenant + "," + name,
            wrap("security-group", group));
    }

    private static void putPolicy(final String tenant, final int priority, final String action,
            final ObjectNode match) {
        final ObjectNode rule = match.deepCopy().put("tenant-id", tenant).put("priority", priority)
            .put("action", action);
        assertPut(Orchestrator.INTENT + "/" + FIREWALL + "policy-rule=" + tenant + "," + priority,
            wrap("policy-rule", rule));
    }

    private static void setGroups(final String hostName, final String... groups) {
        final ObjectNode port = Orchestrator.portOf(topology, topology.host(hostName));
        final ArrayNode list = port.putArray(FIREWALL + "security-group");
        for (String group : groups) {
            list.add(group);
        }
        final Restconf.Response response = orchestrator.put(port);
        assertEquals(response.body(), 204, response.status());
    }

    private static JsonNode wrap(final String list, final ObjectNode entry) {
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.putArray(FIREWALL + list).add(entry);
        return body;
    }

    private static void assertPut(final String path, final JsonNode body) {
        final Restconf.Response response = restconf.put(path, body);
        assertTrue(path + ": " + response.status() + " " + response.body(), response.status() == 201
            || response.status() == 204);
    }
}
