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
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.it.defect.DefectStage;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Tenant isolation end to end: the built controller, Mininet with Open vSwitch (userspace datapath, OpenFlow 1.3,
 * fail-mode secure) for two edge switches joined by an unmanaged learning fabric, and intent created only through
 * RESTCONF. Steps run in name order on one topology: later steps delete what earlier ones check.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TenantIsolationEndToEndIT {
    private static Topology topology;
    private static KarafProcess karaf;
    private static MininetAgent mininet;
    private static Restconf restconf;
    private static Orchestrator orchestrator;
    private static Convergence converge;

    @BeforeClass
    public static void startControllerAndNetwork() throws Exception {
        topology = Topology.read(Path.of(System.getProperty("edgeplane.topology")));
        karaf = KarafProcess.fromBuild();
        final Duration boot = karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        orchestrator = new Orchestrator(restconf);
        converge = new Convergence(restconf, topology);
        mininet = MininetAgent.start(Path.of(System.getProperty("edgeplane.mininet.agent")),
            Path.of(System.getProperty("edgeplane.topology")), Path.of("target/mininet-agent.log"));
        final Instant begin = Instant.now();
        orchestrator.provision(topology);
        Figures.record(String.format("controller booted in %d s; topology provisioned with %d REST calls in %d ms",
            boot.toSeconds(), topology.tenants().size() + topology.networks().size() + topology.switches().size()
                + topology.hosts().size(), Duration.between(begin, Instant.now()).toMillis()));
    }

    @AfterClass
    public static void stopControllerAndNetwork() {
        if (mininet != null) {
            mininet.close();
        }
        if (karaf != null) {
            karaf.close();
        }
    }

    private static Map<String, Boolean> expectedMatrix(final List<Topology.Host> hosts) {
        return Reachability.expected(hosts);
    }

    private static Map<String, Boolean> measuredMatrix(final List<Topology.Host> hosts) {
        return Reachability.measured(mininet, hosts);
    }

    @Test
    public void a1_everyPortReportsItsFlowsInstalled() throws InterruptedException {
        converge.awaitEveryPortInstalled("");
        for (Topology.Edge edge : topology.switches()) {
            Figures.record("Edgeplane flows on " + edge.name() + ": " + OvsSwitches.flows(edge.name(),
                OvsSwitches.EDGEPLANE_COOKIES).size());
            final var stamp = OvsSwitches.flows(edge.name(), OvsSwitches.WRITE_STAMP);
            assertEquals("one write stamp on " + edge.name() + ": " + stamp, 1, stamp.size());
            assertTrue(stamp.get(0), stamp.get(0).contains("table=253") && stamp.get(0).contains("n_packets=0"));
        }
    }

    @Test
    public void a2_reachabilityMatrixIsExactlyTheNetworks() throws InterruptedException {
        final var expected = expectedMatrix(topology.hosts());
        assertTrue(expected.containsValue(true));
        awaitEquals("reachability matrix", () -> measuredMatrix(topology.hosts()), expected);
    }

    @Test
    public void a3_shellCommandsRunThroughBinClientWithoutATerminal() throws Exception {
        converge.awaitEveryPortInstalled("");
        final KarafProcess.ClientRun ports = karaf.client("edgeplane:ports");
        assertEquals(ports.output(), 0, ports.exitStatus());
        for (Topology.Host host : topology.hosts()) {
            assertTrue(host.name() + " installed in: " + ports.output(), ports.output().lines()
                .anyMatch(line -> line.contains("port " + host.name() + " ") && line.contains(" installed")));
        }
        final KarafProcess.ClientRun counters = karaf.client("edgeplane:counters");
        assertEquals(counters.output(), 0, counters.exitStatus());
        for (Topology.Host host : topology.hosts()) {
            final String nodeId = topology.edge(host.switchName()).nodeId();
            assertTrue(nodeId + " connected in: " + counters.output(), counters.output().lines()
                .anyMatch(line -> line.startsWith(nodeId + " ") && line.contains(" yes ")));
        }
        final KarafProcess.ClientRun unknown = karaf.client("edgeplane:no-such-command");
        assertNotEquals(unknown.output(), 0, unknown.exitStatus());
        assertTrue(unknown.output(), unknown.output().contains("Command not found"));
    }

    /**
     * A stage that floods a red network to a blue port (installed as a bundle into the running controller): the
     * round guard refuses the round, so the defect never reaches the switch, the ports involved say why, the
     * installed flows still verify and the traffic matrix stays as the intent says. The verifier's witness, sent as
     * a real frame, then crosses exactly where the verifier said once the defect is put on the switch by hand (as a
     * controller without the guard would have).
     */
    @Test
    public void a4_aRoundThatBreaksIsolationNeverReachesTheSwitchAndItsWitnessCrossesWhereTheVerifierSaid()
            throws Exception {
        converge.awaitEveryPortInstalled("");
        final Path bundle = DefectBundle.build(Path.of("target/it-defect.jar"));
        final KarafProcess.ClientRun installed = karaf.client("bundle:install -s file:" + bundle);
        assertEquals(installed.output(), 0, installed.exitStatus());
        final var h1 = topology.host("h1");
        final var h6 = topology.host("h6");
        final String s1 = h1.switchName();
        try {
            awaitEquals("the refused round's finding", () -> finding("desired", "h1", "h6").path("property")
                .asText(), "tenant-isolation");
            final JsonNode finding = finding("desired", "h1", "h6");
            final String witness = finding.path("flow").asText();
            assertTrue(finding.toString(), witness.startsWith("in_port=" + h1.port() + ",dl_src=" + h1.mac()));
            assertEquals(finding.toString(), h6.port(), finding.path("output").asLong());
            final String leak = StreamSupport.stream(finding.path("path").spliterator(), false)
                .map(JsonNode::asText).filter(step -> step.contains("[it-defect:leak]")).findFirst().orElseThrow();
            awaitEquals("h6's status", () -> converge.portStatus("h6").path("last-error").asText()
                .startsWith("flows not installed, breaks tenant-isolation: port "), true);
            assertEquals("the defect on the switch", 0, OvsSwitches.countByCookie(s1, DefectStage.COOKIE));

            final KarafProcess.ClientRun proven = karaf.client("edgeplane:verify");
            assertEquals(proven.output(), 0, proven.exitStatus());
            assertTrue(proven.output(), proven.output().contains("Proven: "));
            final KarafProcess.ClientRun refused = karaf.client("edgeplane:verify --desired");
            assertNotEquals(refused.output(), 0, refused.exitStatus());
            assertTrue(refused.output(), refused.output().contains("tenant-isolation: port h1 of tenant red reaches "
                + "port h6 of tenant blue"));

            final String send = RawFrames.sendCommand("h1", witness, 3);
            final String toH6 = "ether src " + h1.mac() + " and ether dst ff:ff:ff:ff:ff:ff";
            assertEquals("the witness reaching h6 while the guard holds", List.of(),
                mininet.capture("h6", toH6, 3, "h1", send));
            assertEquals(expectedMatrix(topology.hosts()), measuredMatrix(topology.hosts()));

            // The defect by hand, under a cookie that is not Edgeplane's (its audit leaves such flows alone).
            final Matcher metadata = Pattern.compile("metadata=(0x[0-9a-f]+/0x[0-9a-f]+)").matcher(leak);
            assertTrue(leak, metadata.find());
            OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "add-flow", s1, "cookie=0x1d,table="
                + Table.L2_FORWARD.id() + ",priority=60,metadata=" + metadata.group(1)
                + ",dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=output:" + finding.path("output").asLong()));
            try {
                final List<String> crossed = mininet.capture("h6", toH6, 3, "h1", send);
                assertTrue("the witness did not reach h6 through the defect: " + witness, !crossed.isEmpty());
            } finally {
                OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "del-flows", s1, "cookie=0x1d/-1"));
            }
        } finally {
            final KarafProcess.ClientRun removed = karaf.client("bundle:uninstall " + DefectBundle.SYMBOLIC_NAME);
            assertEquals(removed.output(), 0, removed.exitStatus());
        }
        awaitEquals("the next round proven", () -> verify("desired").path("proven").asBoolean(), true);
        converge.awaitEveryPortInstalled("");
        awaitEquals("h6's status once the round is proven", () -> converge.portStatus("h6").path("last-error")
            .asText(), "");
    }

    private static JsonNode verify(final String flows) {
        final ObjectNode input = Restconf.JSON.createObjectNode().put("flows", flows);
        return restconf.operation("edgeplane-verify:verify", input).json().path("edgeplane-verify:output");
    }

    /** The verifier's finding from one port to another, or a missing node. */
    private static JsonNode finding(final String flows, final String from, final String to) {
        for (JsonNode finding : verify(flows).path("finding")) {
            if (finding.path("source-port").asText().equals(from) && finding.path("target-port").asText().equals(to)) {
                return finding;
            }
        }
        return Restconf.JSON.missingNode();
    }

    @Test
    public void b00_vxlanNetworkCrossesARealTunnel() {
        final var h10 = topology.host("h10");
        final var h11 = topology.host("h11");
        final long network = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.NETWORK, "red-app");
        final long decapsulatedBefore = OvsSwitches.packetsByCookie("s2", network, "0");
        assertEquals(Map.of("h10 " + h11.ip(), true), mininet.pings(List.of(List.of("h10", h11.ip())), 3));
        assertTrue("s2 classified frames that arrived through its tunnel port with VNI 5001",
            OvsSwitches.packetsByCookie("s2", network, "0") > decapsulatedBefore);
        final var tunnelFlows = OvsSwitches.flows("s1", "table=0,in_port=" + topology.underlay().tunnelPort());
        assertTrue(tunnelFlows.toString(), tunnelFlows.stream().anyMatch(line -> line.contains("tun_id=0x1389")));
        final var toTunnel = OvsSwitches.flows("s1", "table=50").stream()
            .filter(line -> line.contains("set_field:0x1389->tun_id")).toList();
        assertTrue(toTunnel.toString(), !toTunnel.isEmpty() && toTunnel.stream()
            .allMatch(line -> line.contains("0xac100002->NXM_NX_TUN_IPV4_DST") || line.contains("172.16.0.2")));
    }

    @Test
    public void b01_spoofedSourceMacGetsNothingThrough() {
        final var h1 = topology.host("h1");
        final var h2 = topology.host("h2");
        final var h3 = topology.host("h3");
        mininet.sh("h1", "ip link set h1-eth0 address " + h3.mac());
        try {
            final List<String> received = mininet.capture("h2", "ether src " + h3.mac(), 4, "h1",
                "ping -c 3 -W 1 " + h2.ip() + " >/dev/null; echo $?");
            assertEquals("frames from the spoofed MAC reaching h2", List.of(), received);
        } finally {
            mininet.sh("h1", "ip link set h1-eth0 address " + h1.mac());
        }
    }

    @Test
    public void b02_spoofedSourceIpGetsNothingThrough() {
        final var h2 = topology.host("h2");
        final var h3 = topology.host("h3");
        mininet.sh("h1", "ip addr add " + h3.ip() + "/32 dev h1-eth0");
        try {
            final long dropsBefore = portSecurityDrops("s1");
            final List<String> received = mininet.capture("h2", "src host " + h3.ip(), 4, "h1",
                "ping -I " + h3.ip() + " -c 3 -W 1 " + h2.ip() + " >/dev/null; echo $?");
            assertEquals("packets from the spoofed IP reaching h2", List.of(), received);
            assertTrue("the port-security drop flow counted the spoofed packets",
                portSecurityDrops("s1") > dropsBefore);
        } finally {
            mininet.sh("h1", "ip addr del " + h3.ip() + "/32 dev h1-eth0");
        }
    }

    @Test
    public void b03_arpForAKnownAddressIsAnsweredByTheEdgeSwitch() {
        final var h2 = topology.host("h2");
        final long h2Cookie = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, h2.name());
        final long answeredBefore = OvsSwitches.packetsByCookie("s1", h2Cookie, "20");
        mininet.sh("h1", "ip neigh flush dev h1-eth0");
        final List<String> requestsAtH2 = mininet.capture("h2", "arp and arp[6:2] = 1 and not ether src "
            + h2.mac(), 4, "h1", "ping -c 2 -W 1 " + h2.ip() + " >/dev/null; echo $?");
        assertEquals("ARP requests for h2 that reached h2 (the switch answers them)", List.of(), requestsAtH2);
        final String neighbour = mininet.sh("h1", "ip neigh show " + h2.ip());
        assertTrue("h1 learnt h2's MAC: " + neighbour, neighbour.contains(h2.mac()));
        assertTrue("s1's ARP responder flow for h2 answered",
            OvsSwitches.packetsByCookie("s1", h2Cookie, "20") > answeredBefore);
    }

    @Test
    public void b04_arpForAnUnknownAddressOrAnotherNetworkGetsNoAnswer() {
        final var h4 = topology.host("h4");
        mininet.sh("h1", "ip neigh flush dev h1-eth0");
        for (String target : List.of("10.0.1.99", h4.ip())) {
            mininet.sh("h1", "ping -c 2 -W 1 " + target + " >/dev/null; echo $?");
            final String neighbour = mininet.sh("h1", "ip neigh show " + target);
            assertTrue("nobody answered ARP for " + target + ": " + neighbour, !neighbour.contains("lladdr"));
        }
    }

    @Test
    public void b05_isolatedPortsReachSharedPortsButNotEachOther() throws InterruptedException {
        final var h6 = topology.host("h6");
        final var h7 = topology.host("h7");
        final var h8 = topology.host("h8");
        final var h9 = topology.host("h9");
        setIsolated(List.of(h6, h7), true);
        final var expected = new TreeMap<String, Boolean>(Map.of("h6 " + h7.ip(), false, "h7 " + h6.ip(), false,
            "h6 " + h8.ip(), true, "h7 " + h9.ip(), true, "h8 " + h9.ip(), true));
        awaitEquals("reachability with h6 and h7 isolated", () -> mininet.pings(List.of(List.of("h6", h7.ip()),
            List.of("h7", h6.ip()), List.of("h6", h8.ip()), List.of("h7", h9.ip()), List.of("h8", h9.ip())), 2),
            expected);
        setIsolated(List.of(h6, h7), false);
        awaitEquals("h6 and h7 shared again", () -> mininet.pings(List.of(List.of("h6", h7.ip())), 2),
            Map.of("h6 " + h7.ip(), true));
    }

    @Test
    public void b06_virtualIpMovesBetweenHostsThatHoldItAsAllowedAddressPair() throws InterruptedException {
        final String vip = "10.0.1.100";
        final var h1 = topology.host("h1");
        final var h3 = topology.host("h3");
        final var ping = List.of(List.of("h2", vip));
        mininet.sh("h1", "ip addr add " + vip + "/32 dev h1-eth0");
        try {
            // Without the pair, h1's answers from the VIP are spoofed and dropped.
            mininet.sh("h2", "ip neigh flush dev h2-eth0");
            assertEquals(Map.of("h2 " + vip, false), mininet.pings(ping, 2));
            setAllowedPair(List.of(h1, h3), vip);
            awaitEquals("VIP on h1", () -> {
                mininet.sh("h2", "ip neigh flush dev h2-eth0");
                return mininet.pings(ping, 2);
            }, Map.of("h2 " + vip, true));
        } finally {
            mininet.sh("h1", "ip addr del " + vip + "/32 dev h1-eth0");
        }
        mininet.sh("h3", "ip addr add " + vip + "/32 dev h3-eth0");
        try {
            awaitEquals("VIP moved to h3", () -> {
                mininet.sh("h2", "ip neigh flush dev h2-eth0");
                return mininet.pings(ping, 2);
            }, Map.of("h2 " + vip, true));
        } finally {
            mininet.sh("h3", "ip addr del " + vip + "/32 dev h3-eth0");
            setAllowedPair(List.of(h1, h3), null);
        }
    }

    @Test
    public void b07_migratedHostKeepsItsReachabilityAndLeavesNoTrace() throws InterruptedException {
        final var h4 = topology.host("h4");
        final var h5 = topology.host("h5");
        final Topology.Spare spare = topology.spares().get(0);
        final long h4Cookie = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, h4.name());
        final String spareIntf = spare.name() + "-eth0";
        // The VM moves: its interface goes down on s1 and comes up with the same MAC and IP behind s2.
        mininet.sh("h4", "ip link set h4-eth0 down");
        mininet.sh(spare.name(), "ip link set " + spareIntf + " down; ip link set " + spareIntf + " address "
            + h4.mac() + "; ip addr add " + h4.ip() + "/" + topology.prefixLength() + " dev " + spareIntf
            + "; ip link set " + spareIntf + " up");
        final ObjectNode moved = Orchestrator.port(h4.name(), h4.tenant(), h4.network(),
            topology.edge(spare.switchName()).nodeId(), Integer.toString(spare.port()), h4.mac(), h4.ip());
        assertEquals(204, orchestrator.put(moved).status());
        try {
            awaitEquals("h5 reaches h4 at its new place", () -> mininet.pings(List.of(List.of("h5", h4.ip())), 2),
                Map.of("h5 " + h4.ip(), true));
            assertEquals(Map.of(spare.name() + " " + h5.ip(), true),
                mininet.pings(List.of(List.of(spare.name(), h5.ip())), 2));
            awaitEquals("flows of h4 on s1", () -> OvsSwitches.countByCookie("s1", h4Cookie), 0);
            final String oldPort = Integer.toString(h4.port());
            final var traces = OvsSwitches.flows("s1", OvsSwitches.EDGEPLANE_COOKIES).stream()
                .filter(line -> line.matches(".*(in_port=|output:)" + oldPort + "\\b.*")).toList();
            assertEquals("s1 flows that still use h4's old port", List.of(), traces);
        } finally {
            assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, h4)).status());
            mininet.sh(spare.name(), "ip addr flush dev " + spareIntf + "; ip link set " + spareIntf + " down");
            mininet.sh("h4", "ip link set h4-eth0 up");
        }
        awaitEquals("h5 reaches h4 back at s1", () -> mininet.pings(List.of(List.of("h5", h4.ip())), 2),
            Map.of("h5 " + h4.ip(), true));
    }

    @Test
    public void b08_of13SwitchGetsStandardFlowsOnlyAndIsolationHolds() throws InterruptedException {
        final Topology.Edge s2 = topology.edge("s2");
        final ObjectNode of13 = Orchestrator.switchOf(topology, s2).put("profile", "of13");
        assertEquals(204, orchestrator.put(of13).status());
        try {
            awaitEquals("profile of s2", () -> converge.switchStatus(s2.nodeId()).path("profile").asText(), "of13");
            awaitEquals("Nicira actions on s2", () -> OvsSwitches.flows("s2", OvsSwitches.EDGEPLANE_COOKIES).stream()
                .filter(line -> line.contains("move:") || line.contains("load:") || line.contains("NXM")).count(),
                0L);
            // VXLAN needs the Nicira tunnel destination: its port on s2 says so, and VLAN isolation holds.
            final var h11 = topology.host("h11");
            awaitEquals("status of h11 on an of13 switch", () -> converge.portStatus(h11.name()).path("last-error")
                .asText().contains("ovs profile"), true);
            final var vlanHosts = topology.hosts().stream().filter(host -> topology.network(host.network()).vxlan()
                == null).toList();
            awaitEquals("reachability matrix with s2 on of13", () -> measuredMatrix(vlanHosts),
                expectedMatrix(vlanHosts));
            converge.awaitFlowsAsDesired();
        } finally {
            assertEquals(204, orchestrator.put(Orchestrator.switchOf(topology, s2)).status());
        }
        awaitEquals("profile of s2 detected again", () -> converge.switchStatus(s2.nodeId()).path("profile").asText(),
            "ovs");
    }

    @Test
    public void b09_rateLimitIsEnforcedByAMeter() throws InterruptedException {
        final var h1 = topology.host("h1");
        final var h2 = topology.host("h2");
        final long limitKbps = 5_000;
        final double lineRate = sendRateKbps("h2", h1);
        final ObjectNode limited = Orchestrator.portOf(topology, h2);
        limited.putObject("rate-limit").put("kbps", limitKbps).put("burst-kbits", 500);
        assertEquals(204, orchestrator.put(limited).status());
        try {
            awaitEquals("meter of h2 on s2", () -> OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13",
                "dump-meters", "s2")).contains("kbps") && OvsSwitches.flows("s2", "table=0").stream()
                    .anyMatch(line -> line.contains("meter:" + h2.port())), true);
            final double policed = sendRateKbps("h2", h1);
            Figures.record(String.format("h2 -> h1 TCP throughput: %d kbps unpoliced, %d kbps with a %d kbps meter",
                Math.round(lineRate), Math.round(policed), limitKbps));
            assertTrue("policed rate " + policed + " kbps is near the " + limitKbps + " kbps limit",
                policed < limitKbps * 1.5 && policed > limitKbps * 0.2);
            assertTrue("line rate " + lineRate + " kbps is far above the limit", lineRate > limitKbps * 4);
        } finally {
            assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, h2)).status());
        }
        awaitEquals("meters on s2 after the limit is lifted", () -> OvsSwitches.run(List.of("ovs-ofctl", "-O",
            "OpenFlow13", "dump-meters", "s2")).contains("kbps"), false);
    }

    @Test
    public void b10_switchThatReconnectsGetsExactlyItsDesiredFlows() throws InterruptedException {
        final String target = OvsSwitches.run(List.of("ovs-vsctl", "get-controller", "s1")).trim();
        // Point the switch at a port nobody listens on: removing the controller instead would make Open vSwitch
        // flush the flow table (it does when a bridge goes from having a controller to having none).
        OvsSwitches.run(List.of("ovs-vsctl", "set-controller", "s1", "tcp:127.0.0.1:6999"));
        try {
            awaitEquals("s1 disconnected", () -> converge.switchStatus("openflow:1").path("connected").asBoolean(),
                false);
            // fail-mode secure: the flows stay and traffic keeps flowing without a controller.
            assertEquals(Map.of("h1 " + topology.host("h3").ip(), true),
                mininet.pings(List.of(List.of("h1", topology.host("h3").ip())), 2));
        } finally {
            OvsSwitches.run(List.of("ovs-vsctl", "set-controller", "s1", target));
        }
        awaitEquals("s1 connected", () -> converge.switchStatus("openflow:1").path("connected").asBoolean(), true);
        converge.awaitFlowsAsDesired();
        awaitEquals("reachability matrix after the reconnect", () -> measuredMatrix(topology.hosts()),
            expectedMatrix(topology.hosts()));
    }

    @Test
    public void b11_bridgeThatLosesAllItsFlowsGetsThemBack() throws InterruptedException {
        OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "del-flows", "s2"));
        assertEquals(List.of(), OvsSwitches.flows("s2", OvsSwitches.EDGEPLANE_COOKIES));
        converge.awaitFlowsAsDesired();
        awaitEquals("reachability matrix after s2 lost its flows", () -> measuredMatrix(topology.hosts()),
            expectedMatrix(topology.hosts()));
    }

    @Test
    public void b12_controllerRestartKeepsConfigAndTrafficFlowsMeanwhile() throws Exception {
        final String intentBefore = restconf.get(Orchestrator.INTENT).body();
        final var h1 = topology.host("h1");
        final var h2 = topology.host("h2");
        final Duration boot;
        try {
            karaf.close();
            // Nobody controls the switches now; fail-mode secure keeps their flows, and traffic flows on.
            assertEquals(Map.of("h1 " + h2.ip(), true, "h6 " + topology.host("h7").ip(), true,
                "h1 " + topology.host("h6").ip(), false), mininet.pings(List.of(List.of("h1", h2.ip()),
                    List.of("h6", topology.host("h7").ip()), List.of("h1", topology.host("h6").ip())), 2));
        } finally {
            boot = karaf.restart(Duration.ofMinutes(5));
        }
        Figures.record("controller restarted in " + boot.toSeconds() + " s");
        assertEquals(intentBefore, restconf.get(Orchestrator.INTENT).body());
        converge.awaitEveryPortInstalled(" after the restart");
        converge.awaitFlowsAsDesired();
        awaitEquals("reachability matrix after the restart", () -> measuredMatrix(topology.hosts()),
            expectedMatrix(topology.hosts()));
    }

    /** TCP throughput a host sends to another for 3 s, as iperf3 measures it at the receiver. */
    private static double sendRateKbps(final String sender, final Topology.Host receiver) {
        mininet.sh(receiver.name(), "iperf3 -s -1 -D -p 5201");
        final String json = mininet.sh(sender, "sleep 1; timeout 20 iperf3 -c " + receiver.ip()
            + " -p 5201 -t 3 -J --connect-timeout 3000");
        try {
            final JsonNode result = Restconf.JSON.readTree(json.substring(json.indexOf('{')));
            return result.path("end").path("sum_received").path("bits_per_second").asDouble() / 1000;
        } catch (java.io.IOException e) {
            throw new AssertionError("iperf3 gave no result: " + json, e);
        }
    }

    private static void setIsolated(final List<Topology.Host> hosts, final boolean isolated) {
        for (Topology.Host host : hosts) {
            assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, host).put("isolated", isolated))
                .status());
        }
    }

    private static void setAllowedPair(final List<Topology.Host> hosts, final String ipPrefix) {
        for (Topology.Host host : hosts) {
            final ObjectNode port = Orchestrator.portOf(topology, host);
            if (ipPrefix != null) {
                port.putArray("allowed-address-pair").addObject().put("ip-prefix", ipPrefix);
            }
            assertEquals(204, orchestrator.put(port).status());
        }
    }

    /**
     * A switch port claimed twice where the collision cannot be known when it is written: the holder binds s2 port 7
     * by number before the port exists, then a blue port claims it by a name s2 does not report yet. When the port
     * appears (a veth named so, numbered 7), the holder keeps it: it reaches its network, nothing crosses to blue, the
     * newcomer has no flow, and the status names both.
     */
    @Test
    public void b13_aSwitchPortClaimedTwiceStaysWithItsHolderAndNothingCrosses() throws InterruptedException {
        final var h2 = topology.host("h2");
        final var h7 = topology.host("h7");
        final String holderMac = "02:00:00:00:01:77";
        orchestrator.create(Orchestrator.port("holder", "red", "red-web", "openflow:2", "7", holderMac,
            "10.0.1.77"));
        orchestrator.create(Orchestrator.port("intruder", "blue", "blue-app", "openflow:2", "s2-eth7x",
            "02:00:00:00:03:77", "10.0.3.77"));
        try {
            for (String command : List.of("ip netns add hx", "ip link add s2-eth7x type veth peer name hx-eth0",
                    "ovs-vsctl add-port s2 s2-eth7x -- set interface s2-eth7x ofport_request=7",
                    "ip link set s2-eth7x up", "ip link set hx-eth0 netns hx",
                    "ip netns exec hx ip link set hx-eth0 address " + holderMac,
                    "ip netns exec hx ip addr add 10.0.1.77/16 dev hx-eth0", "ip netns exec hx ip link set hx-eth0 up",
                    "ip netns exec hx ip link set lo up")) {
                OvsSwitches.run(List.of("sh", "-c", command));
            }
            awaitEquals("the newcomer's status", () -> converge.portStatus("intruder").path("last-error").asText()
                .contains("is held by port holder"), true);
            awaitEquals("the holder's status", () -> converge.portStatus("holder").path("flows-installed").asBoolean()
                + " " + converge.portStatus("holder").path("contested-by"), "true [\"intruder\"]");
            assertEquals(0, OvsSwitches.countByCookie("s2", Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT,
                "intruder")));
            awaitEquals("the holder reaches its network", () -> OvsSwitches.run(List.of("sh", "-c",
                "ip netns exec hx ping -c 1 -W 1 " + h2.ip() + " >/dev/null && echo ok || echo lost")).trim(), "ok");
            final List<String> crossed = mininet.capture("h7", "ether src " + holderMac, 4, "h2",
                "ip netns exec hx ping -c 3 -W 1 " + h7.ip() + " >/dev/null 2>&1; echo $?");
            assertEquals("frames from the holder reaching blue h7", List.of(), crossed);
            assertEquals(Map.of("h7 10.0.1.77", false), mininet.pings(List.of(List.of("h7", "10.0.1.77")), 2));
        } finally {
            OvsSwitches.run(List.of("sh", "-c", "ovs-vsctl --if-exists del-port s2 s2-eth7x; ip netns del hx; true"));
            restconf.delete(Orchestrator.INTENT + "/port=intruder");
            restconf.delete(Orchestrator.INTENT + "/port=holder");
        }
    }

    /**
     * The aliasing attacks, where the collision is knowable when the request arrives: a switch port claimed by name
     * while another port holds it by number, by number while another holds it by name, and an uplink or tunnel port
     * claimed by name. Each is refused naming both objects and nothing is written; the holders keep their traffic.
     * An address pair carrying a neighbour's MAC and IP is refused the same way.
     */
    @Test
    public void b14_aliasesOfAHeldPortAndImpersonatingPairsAreRefused() throws InterruptedException {
        final String before = restconf.get(Orchestrator.INTENT).body();
        final var h1 = topology.host("h1");
        final var h3 = topology.host("h3");
        final var h6 = topology.host("h6");
        final var h9 = topology.host("h9");
        record Claim(String name, String switchPort, int status, String names) {
        }
        final List<Claim> claims = List.of(
            new Claim("h1's port by its name", "s1-eth1", 409, "port 'h1' (as '1')"),
            new Claim("h9's port by its number", "5", 409, "port 'h9' (as 's1-eth5')"),
            new Claim("the uplink by its name", "s1-eth10", 409, "openflow:1 port 10 is an uplink port ('10')"),
            new Claim("the tunnel port by its name", "vx-s1", 409, "openflow:1 port 20 is the tunnel port ('20')"));
        for (Claim claim : claims) {
            final Restconf.Response response = orchestrator.put(Orchestrator.port("alias", "blue", "blue-app",
                "openflow:1", claim.switchPort(), "02:00:00:00:03:99", "10.0.3.99"));
            assertEquals(claim.name() + ": " + response.body(), claim.status(), response.status());
            final String message = response.errorMessage();
            assertTrue(claim.name() + ": " + message, message.startsWith("port[alias]/switch-port")
                && message.contains(claim.names()));
            assertEquals(claim.name() + " changed the intent", before, restconf.get(Orchestrator.INTENT).body());
        }
        final ObjectNode impersonator = Orchestrator.port("alias", "red", "red-web", "openflow:1", "31",
            "02:00:00:00:01:99", "10.0.1.99");
        impersonator.putArray("allowed-address-pair").addObject().put("ip-prefix", h3.ip())
            .put("mac-address", h3.mac());
        final Restconf.Response paired = orchestrator.put(impersonator);
        assertEquals(paired.body(), 409, paired.status());
        assertTrue(paired.errorMessage(), paired.errorMessage().startsWith("port[alias]/allowed-address-pair")
            && paired.errorMessage().contains("'h3'"));
        assertEquals("the impersonating pair changed the intent", before, restconf.get(Orchestrator.INTENT).body());
        assertEquals(Map.of("h1 " + h3.ip(), true, "h9 " + h6.ip(), true, "h6 " + h1.ip(), false),
            mininet.pings(List.of(List.of("h1", h3.ip()), List.of("h9", h6.ip()), List.of("h6", h1.ip())), 2));
    }

    /**
     * A port bound to a switch's LOCAL port (by the bridge's name, before the switch ever connected) fails alone:
     * when the switch connects it gets an error status and no flow, while canary ports created meanwhile on both
     * edge switches install and every existing pair keeps its reachability.
     */
    @Test
    public void b15_aPortOnTheLocalPortFailsAloneWhileOthersConverge() throws InterruptedException {
        final String controller = OvsSwitches.run(List.of("ovs-vsctl", "get-controller", "s1")).trim();
        orchestrator.create(Orchestrator.port("on-local", "blue", "blue-app", "openflow:9", "s9",
            "02:00:00:00:03:98", "10.0.3.98"));
        try {
            OvsSwitches.run(List.of("ovs-vsctl", "add-br", "s9", "--", "set", "bridge", "s9", "datapath_type=netdev",
                "fail-mode=secure", "protocols=OpenFlow13", "other-config:datapath-id=0000000000000009", "--",
                "set-controller", "s9", controller));
            awaitEquals("s9 connected", () -> converge.switchStatus("openflow:9").path("connected").asBoolean(),
                true);
            awaitEquals("the LOCAL-bound port's status", () -> converge.portStatus("on-local").path("last-error")
                .asText().contains("reserved port"), true);
            orchestrator.create(Orchestrator.port("canary1", "red", "red-web", "openflow:1", "31",
                "02:00:00:00:01:31", "10.0.1.31"));
            orchestrator.create(Orchestrator.port("canary2", "blue", "blue-app", "openflow:2", "31",
                "02:00:00:00:03:31", "10.0.3.31"));
            for (String canary : List.of("canary1", "canary2")) {
                awaitEquals(canary + " installed", () -> converge.portStatus(canary).path("flows-installed")
                    .asBoolean(), true);
            }
            assertEquals(false, converge.portStatus("on-local").path("flows-installed").asBoolean());
            assertEquals(0, OvsSwitches.countByCookie("s9", Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT,
                "on-local")));
            assertEquals(expectedMatrix(topology.hosts()), measuredMatrix(topology.hosts()));
        } finally {
            OvsSwitches.run(List.of("sh", "-c", "ovs-vsctl --if-exists del-br s9; true"));
            for (String port : List.of("on-local", "canary1", "canary2")) {
                restconf.delete(Orchestrator.INTENT + "/port=" + port);
            }
        }
        converge.awaitFlowsAsDesired();
    }

    /**
     * Deleting intent removes every flow it produced from the switches, and provisioning the same intent again right
     * after brings back every flow (a delete and a rewrite of equal flows once lost 134 of them on the way through
     * the configuration datastore). Each step is checked against what the switches really hold.
     */
    @Test
    public void b16_deletedIntentLeavesNoFlowAndTheSameIntentAgainGetsEveryFlow() throws InterruptedException {
        final var h4 = topology.host("h4");
        final long h4Cookie = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, h4.name());
        assertTrue(OvsSwitches.countByCookie("s1", h4Cookie) > 0);
        assertEquals(204, restconf.delete(Orchestrator.INTENT + "/port=" + h4.name()).status());
        awaitEquals("flows of the deleted port h4 on s1", () -> OvsSwitches.countByCookie("s1", h4Cookie), 0);
        converge.awaitFlowsAsDesired();
        orchestrator.create(Orchestrator.portOf(topology, h4));
        converge.awaitFlowsAsDesired();

        for (int round = 1; round <= 2; round++) {
            // Ports, networks, switch entries and tenants one by one, then the same again as one container.
            if (round == 1) {
                orchestrator.deprovision(topology);
            } else {
                assertEquals(204, restconf.delete(Orchestrator.INTENT).status());
            }
            for (Topology.Edge edge : topology.switches()) {
                awaitEquals("Edgeplane flows left on " + edge.name() + " after the delete (round " + round + ")",
                    () -> OvsSwitches.flows(edge.name(), OvsSwitches.EDGEPLANE_COOKIES), List.of());
                assertEquals("the write stamp goes with the last content", List.of(),
                    OvsSwitches.flows(edge.name(), OvsSwitches.WRITE_STAMP));
                awaitEquals("desired and installed flows of " + edge.name(), () -> {
                    final var status = converge.switchStatus(edge.nodeId());
                    // A switch with nothing desired may drop out of the status: absent counts as none.
                    return status.path("desired-flows").asInt(0) + " " + status.path("installed-flows").asInt(0);
                }, "0 0");
            }
            orchestrator.provision(topology);
            converge.awaitFlowsAsDesired();
        }
        awaitEquals("reachability matrix after the intent came back", () -> measuredMatrix(topology.hosts()),
            expectedMatrix(topology.hosts()));
    }

    /**
     * The whole intent in one request reaches each switch in one step. Sampled as fast as ovs-ofctl answers while it
     * installs, an edge switch only ever holds none of its Edgeplane flows or all of them, never a part: the round's
     * bundle commits atomically, and Open vSwitch classifies every packet against one version of its tables, so no
     * frame meets a half-written pipeline. The same holds for the DELETE of the whole intent.
     */
    @Test
    public void b17_aWholeIntentInOneRequestReachesEachSwitchInOneStep() throws Exception {
        assertEquals(204, restconf.delete(Orchestrator.INTENT).status());
        for (Topology.Edge edge : topology.switches()) {
            awaitEquals("Edgeplane flows on " + edge.name() + " after the DELETE",
                () -> OvsSwitches.edgeplaneFlowCount(edge.name()), 0);
        }
        final Map<String, List<Integer>> installing = sampleFlowCounts(() -> {
            final int status = restconf.put(Orchestrator.INTENT, Orchestrator.wholeIntent(topology)).status();
            assertTrue("PUT of the whole intent answered " + status, status == 201 || status == 204);
            converge.awaitFlowsAsDesired();
        });
        final Map<String, List<Integer>> deleting = sampleFlowCounts(() -> {
            assertEquals(204, restconf.delete(Orchestrator.INTENT).status());
            for (Topology.Edge edge : topology.switches()) {
                awaitEquals("Edgeplane flows on " + edge.name() + " after the DELETE",
                    () -> OvsSwitches.edgeplaneFlowCount(edge.name()), 0);
            }
        });
        for (Topology.Edge edge : topology.switches()) {
            final List<Integer> up = installing.get(edge.name());
            final int all = up.get(up.size() - 1);
            assertTrue(edge.name() + " got flows", all > 0);
            assertEquals(edge.name() + " while installing, sampled " + up.size() + " times", List.of(),
                up.stream().filter(count -> count != 0 && count != all).toList());
            assertEquals(edge.name() + " while deleting", List.of(), deleting.get(edge.name()).stream()
                .filter(count -> count != 0 && count != all).toList());
        }
        orchestrator.provision(topology);
        converge.awaitFlowsAsDesired();
        awaitEquals("reachability matrix after the intent came back", () -> measuredMatrix(topology.hosts()),
            expectedMatrix(topology.hosts()));
    }

    /** Every edge switch's Edgeplane flow count, sampled without pause while the action runs (and once after). */
    private static Map<String, List<Integer>> sampleFlowCounts(final ThrowingRunnable action) throws Exception {
        final var samples = new TreeMap<String, List<Integer>>();
        topology.switches().forEach(edge -> samples.put(edge.name(), new CopyOnWriteArrayList<>()));
        final var running = new AtomicBoolean(true);
        final Thread sampler = new Thread(() -> {
            while (running.get()) {
                samples.forEach((bridge, counts) -> counts.add(OvsSwitches.edgeplaneFlowCount(bridge)));
            }
        }, "flow-count-sampler");
        sampler.start();
        try {
            action.run();
        } finally {
            running.set(false);
            sampler.join(Duration.ofSeconds(30).toMillis());
        }
        samples.forEach((bridge, counts) -> counts.add(OvsSwitches.edgeplaneFlowCount(bridge)));
        return samples;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    public void c1_badInputIsRejectedWith4xxAndChangesNothing() {
        final String before = restconf.get(Orchestrator.INTENT).body();
        final var h1 = topology.host("h1");
        final var h2 = topology.host("h2");
        record Case(String name, Supplier<Restconf.Response> request, int status, String field) {
        }
        final List<Case> cases = List.of(
            new Case("malformed MAC", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-web",
                "openflow:1", "30", "02:00:00:00:00:zz", "10.0.1.20")), 400, "port[bad]/mac-address"),
            new Case("malformed IP", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-web",
                "openflow:1", "30", "02:00:00:00:00:20", "10.0.1.256")), 400, "port[bad]/ip-address"),
            new Case("VLAN out of range", () -> orchestrator.put(Orchestrator.vlanNetwork("bad-net", "red", 4095)),
                400, "network[bad-net]/segmentation-id"),
            new Case("VLAN used by another network", () -> orchestrator.put(Orchestrator.vlanNetwork("bad-net",
                "blue", 101)), 409, "network[bad-net]/segmentation-id"),
            new Case("duplicate MAC in the network", () -> orchestrator.put(Orchestrator.port("bad", "red",
                "red-web", "openflow:1", "30", h1.mac(), "10.0.1.20")), 409, "port[bad]/mac-address"),
            new Case("duplicate IP in the network", () -> orchestrator.put(Orchestrator.port("bad", "red",
                "red-web", "openflow:1", "30", "02:00:00:00:00:20", h1.ip())), 409, "port[bad]/ip-address"),
            new Case("unknown tenant", () -> orchestrator.put(Orchestrator.port("bad", "green", "red-web",
                "openflow:1", "30", "02:00:00:00:00:20", "10.0.1.20")), 400, "port[bad]/tenant-id"),
            new Case("unknown network", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-nowhere",
                "openflow:1", "30", "02:00:00:00:00:20", "10.0.1.20")), 400, "port[bad]/network-id"),
            new Case("switch port already bound", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-web",
                "openflow:2", Integer.toString(h2.port()), "02:00:00:00:00:20", "10.0.1.20")), 409,
                "port[bad]/switch-port"),
            new Case("network that still has ports", () -> restconf.delete(Orchestrator.INTENT
                + "/network=red-web"), 409, "network[red-web]"));
        for (Case bad : cases) {
            final Restconf.Response response = bad.request().get();
            assertEquals(bad.name() + ": " + response.body(), bad.status(), response.status());
            assertTrue(bad.name() + ": " + response.errorMessage(), response.errorMessage().startsWith(bad.field()));
            assertEquals(bad.name() + " changed the datastore", before, restconf.get(Orchestrator.INTENT).body());
        }
    }

    @Test
    public void c2_requestsWithoutCredentialsGet401() {
        final String before = restconf.get(Orchestrator.INTENT).body();
        assertEquals(401, restconf.getAnonymously(Orchestrator.INTENT).status());
        final ObjectNode tenant = Orchestrator.tenant("intruder", "Intruder");
        assertEquals(401, restconf.putAnonymously(Orchestrator.path(tenant), Orchestrator.body(tenant)).status());
        assertEquals(before, restconf.get(Orchestrator.INTENT).body());
    }

    @Test
    public void d1_deletingAPortRemovesItsFlowsAndReachability() throws InterruptedException {
        final var h4 = topology.host("h4");
        final var h5 = topology.host("h5");
        final long cookie = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, h5.name());
        assertTrue(OvsSwitches.countByCookie("s2", cookie) > 0);
        assertEquals(204, restconf.delete(Orchestrator.INTENT + "/port=" + h5.name()).status());
        // The status lists the deleted port until no switch reports any of its flows.
        awaitEquals("h5 gone from the status", () -> converge.portStatus(h5.name()).isMissingNode(), true);
        for (Topology.Edge edge : topology.switches()) {
            assertEquals("flows of h5 on " + edge.name(), 0, OvsSwitches.countByCookie(edge.name(), cookie));
        }
        assertEquals(Map.of("h4 " + h5.ip(), false), mininet.pings(List.of(List.of("h4", h5.ip())), 2));
        final var remaining = topology.hosts().stream().filter(host -> !host.name().equals("h5")).toList();
        assertEquals(expectedMatrix(remaining), measuredMatrix(remaining));
    }

    @Test
    public void d2_deletingAllIntentLeavesNoEdgeplaneFlow() throws InterruptedException {
        orchestrator.deprovision(topology);
        for (Topology.Edge edge : topology.switches()) {
            awaitEquals("Edgeplane flows on " + edge.name(), () -> OvsSwitches.flows(edge.name(),
                OvsSwitches.EDGEPLANE_COOKIES).size(), 0);
        }
        assertEquals("data-missing", restconf.get(Orchestrator.INTENT + "/port=h1").errorTag());
    }

    /** Packets dropped by PORT_SECURITY's table-miss flow on a bridge. */
    private static long portSecurityDrops(final String bridge) {
        return OvsSwitches.flows(bridge, "table=10").stream().filter(line -> line.contains("priority=0 "))
            .mapToLong(line -> Long.parseLong(line.replaceAll(".*n_packets=(\\d+).*", "$1"))).sum();
    }
}
