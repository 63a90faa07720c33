/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.edgeplane.it.Convergence.awaitEquals;
import static org.edgeplane.it.ServiceIntent.chain;
import static org.edgeplane.it.ServiceIntent.classifier;
import static org.edgeplane.it.ServiceIntent.function;
import static org.edgeplane.it.ServiceIntent.hop;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgeplane.it.MininetAgent.Tap;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Service insertion end to end: the built controller, the Mininet topology with its appliances (two Linux bridges,
 * ids1 on s1 and ids2 on s2, forming hop {@code inspect}; a router, rt on s2, the hop {@code route}), and chain
 * {@code red/web} created through RESTCONF only. It classifies TCP 80 and UDP 5000 from h1 (s1) to h2 (s2). What
 * each appliance sees is captured with tcpdump on its interfaces; the order of the hops shows in the Ethernet
 * addresses (the bridges see h1's frame untouched, the router gets it addressed to itself, h2 gets it from the
 * router) and in a TCP traceroute, where the router appears. Steps run in name order on one topology; the last
 * ones check that bad requests are refused.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ServiceInsertionEndToEndIT {
    private static final String INSERTION = ServiceIntent.INSERTION;
    private static final String CHAIN_WEB = Orchestrator.INTENT + "/" + INSERTION + "service-chain=red,web";
    private static final String STATUS_WEB = INSERTION + "service-chain-status/chain=red,web";
    private static final Pattern SOURCE_PORT = Pattern.compile("10\\.0\\.1\\.1\\.(\\d+) > ");
    private static final int FLOWS = 32;

    private static Topology topology;
    private static KarafProcess karaf;
    private static MininetAgent mininet;
    private static Restconf restconf;
    private static Orchestrator orchestrator;
    private static Convergence converge;
    private static Topology.Host h1;
    private static Topology.Host h2;
    private static Topology.Appliance rt;
    private static Path pids;

    @BeforeClass
    public static void startControllerNetworkAndAppliances() throws Exception {
        final Path topologyFile = Path.of(System.getProperty("edgeplane.topology"));
        topology = Topology.read(topologyFile);
        h1 = topology.host("h1");
        h2 = topology.host("h2");
        rt = topology.appliance("rt");
        karaf = KarafProcess.fromBuild();
        karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        orchestrator = new Orchestrator(restconf);
        converge = new Convergence(restconf, topology);
        mininet = MininetAgent.start(Path.of(System.getProperty("edgeplane.mininet.agent")), topologyFile,
            Path.of("target/mininet-agent-insertion.log"), true);
        orchestrator.provision(topology);
        ServiceIntent.createAppliancePorts(orchestrator, topology);
        pids = Files.createDirectories(Path.of("target/insertion-listeners").toAbsolutePath()).resolve("pids");
        Files.deleteIfExists(pids);
        mininet.exec("h2", "for port in 80 22; do nc -lk $port < /dev/null > /dev/null 2>&1 & echo $! >> " + pids
            + "; done; sleep 0.5");
    }

    @AfterClass
    public static void stopEverything() throws IOException, InterruptedException {
        if (mininet != null) {
            mininet.close();
        }
        if (karaf != null) {
            karaf.close();
        }
        if (pids != null) {
            MininetAgent.killListedProcesses(pids);
        }
    }

    @Test
    public void a0_chainIsProvisionedThroughRestconfAndTheSwitchesHoldItsFlowsAndGroups()
            throws InterruptedException {
        for (Topology.Appliance appliance : topology.appliances()) {
            final ObjectNode function = function(appliance.name(), appliance.portId(0), appliance.portId(1));
            put("service-function=red," + appliance.name(), appliance.routed() ? function.put("forwarding",
                "routed") : function);
        }
        put("hop=red,inspect", hop("inspect", "ids1", "ids2"));
        put("hop=red,route", hop("route", "rt"));
        put("service-chain=red,web", webChain(false, "fail-open", List.of("inspect", "route"), true));
        converge.awaitEveryPortInstalled("");
        converge.awaitFlowsAsDesired();
        awaitEquals("s1 holds a select group whose remote bucket pushes an MPLS label", () -> {
            final String groups = OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-groups", "s1"));
            return groups.contains("type=select") && groups.contains("push_mpls:0x8847");
        }, true);
    }

    /**
     * The packet trace against Open vSwitch's own: 36 packets across isolation (same and other network or tenant,
     * tunnel, fabric, ARP, spoofed and tagged frames), the firewall (a security group on h5, a policy entry, the
     * conntrack state as an input), the chain (one instance per hop, so that no select group has a choice to make)
     * and isolated ports. Each is traced by the RPC and by ofproto/trace on every switch it crossed; both must send
     * it out of the same ports, and the trace must name the object that decided. The command and a wrong field too.
     */
    @Test
    public void a0a_theTraceNamesWhatDecidedAndAgreesWithOpenVswitchOnEverySwitch() throws Exception {
        final String group = Orchestrator.INTENT + "/edgeplane-firewall:security-group=red,db";
        final String policy = Orchestrator.INTENT + "/edgeplane-firewall:policy-rule=red,30";
        final ObjectNode db = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", "db");
        db.putArray("rule").add(Restconf.JSON.createObjectNode().put("id", "pg").put("direction", "ingress")
            .put("protocol", "tcp").put("port-range-min", 5432).put("port-range-max", 5432));
        final ObjectNode deny = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("priority", 30)
            .put("action", "deny").put("direction", "ingress").put("protocol", "tcp").put("port-range-min", 8080)
            .put("port-range-max", 8080);
        assertEquals(201, restconf.put(group, ServiceIntent.body("edgeplane-firewall:security-group", db)).status());
        assertEquals(201, restconf.put(policy, ServiceIntent.body("edgeplane-firewall:policy-rule", deny)).status());
        final ObjectNode h5 = Orchestrator.portOf(topology, topology.host("h5"));
        h5.putArray("edgeplane-firewall:security-group").add("db");
        assertEquals(204, orchestrator.put(h5).status());
        put("hop=red,inspect", hop("inspect", "ids1"));
        for (String isolated : List.of("h7", "h8")) {
            assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, topology.host(isolated))
                .put("isolated", true)).status());
        }
        try {
            converge.awaitEveryPortInstalled("");
            converge.awaitFlowsAsDesired();
            final var names = new TreeSet<String>();
            final List<TraceMatrix.Probe> probes = traceProbes();
            for (TraceMatrix.Probe probe : probes) {
                final String text = TraceMatrix.assertAgrees(restconf, topology, probe);
                names.add(probe.label());
                if (probe.label().startsWith("chain")) {
                    assertTrue(text, text.contains("group "));
                }
            }
            assertEquals("every probe has its own label", probes.size(), names.size());
            assertTrue(probes.size() >= 30);

            final KarafProcess.ClientRun command = karaf.client("edgeplane:trace --from h1 --to h2 --proto tcp"
                + " --dst-port 80 --tcp-flags syn");
            assertEquals(command.output(), 0, command.exitStatus());
            assertTrue(command.output(), command.output().contains("hop 1 (inspect: ids1) of service chain web"));
            assertTrue(command.output(), command.output().contains("tcp 40000 > 80 [syn]"));
            final KarafProcess.ClientRun wrong = karaf.client("edgeplane:trace --from h1 --to h2 --proto tcp");
            assertTrue(wrong.output(), wrong.exitStatus() != 0 && wrong.output().contains("dst-port: needed"));
            final Restconf.Response refused = restconf.operation(TraceMatrix.RPC, Restconf.JSON.createObjectNode()
                .put("from", "h1").put("to", "h2").put("vlan", "4096"));
            assertEquals(refused.body(), 400, refused.status());
            assertTrue(refused.body(), refused.errorMessage().startsWith("vlan: "));
        } finally {
            for (String isolated : List.of("h7", "h8")) {
                assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, topology.host(isolated))).status());
            }
            put("hop=red,inspect", hop("inspect", "ids1", "ids2"));
            assertEquals(204, orchestrator.put(Orchestrator.portOf(topology, topology.host("h5"))).status());
            assertEquals(204, restconf.delete(policy).status());
            assertEquals(204, restconf.delete(group).status());
        }
        converge.awaitEveryPortInstalled("");
        converge.awaitFlowsAsDesired();
    }

    private static List<TraceMatrix.Probe> traceProbes() {
        final String red = " of network red-web (tenant red)";
        return List.of(
            TraceMatrix.probe("same network, same switch", "to port h3" + red, between("h1", "h3", "proto", "icmp")),
            TraceMatrix.probe("same network, across the fabric", "to port h2" + red, between("h1", "h2", "proto",
                "icmp")),
            TraceMatrix.probe("same network, back across the fabric", "to port h1" + red, between("h2", "h1",
                "proto", "icmp")),
            TraceMatrix.probe("vxlan network, through the tunnel", "by tunnel from openflow:1", between("h10", "h11",
                "proto", "icmp")),
            TraceMatrix.probe("vxlan network, tcp back", "to port h10", between("h11", "h10", "proto", "tcp",
                "dst-port", "22")),
            TraceMatrix.probe("other network of the tenant", "dropped on openflow:1", between("h1", "h4", "proto",
                "icmp")),
            TraceMatrix.probe("other network across the fabric", "dropped on openflow:2", between("h5", "h2",
                "proto", "icmp")),
            TraceMatrix.probe("other tenant, same switch", "dropped on openflow:1", between("h1", "h6", "proto",
                "icmp")),
            TraceMatrix.probe("other tenant, other switch", "dropped on openflow:1", between("h1", "h7", "proto",
                "udp", "dst-port", "53")),
            TraceMatrix.probe("arp request answered by the switch", "arp-responder:port=h2", between("h1", "h2",
                "proto", "arp")),
            TraceMatrix.probe("arp for an unknown address floods", "to port h3" + red, "from", "h1", "ip-dst",
                "10.0.1.200", "proto", "arp"),
            TraceMatrix.probe("arp in another tenant's network", "to port h6", between("h6", "h9", "proto", "arp")),
            TraceMatrix.probe("spoofed source mac", "dropped on openflow:1", between("h1", "h2", "eth-src",
                "02:00:00:00:01:99", "proto", "icmp")),
            TraceMatrix.probe("spoofed source ip", "dropped on openflow:1", between("h1", "h2", "ip-src",
                "10.0.1.99", "proto", "icmp")),
            TraceMatrix.probe("tagged frame from an edge port", "dropped on openflow:1", between("h1", "h2", "vlan",
                "101", "proto", "icmp")),
            TraceMatrix.probe("blue tcp on one switch", "to port h9", between("h6", "h9", "proto", "tcp",
                "dst-port", "80")),
            TraceMatrix.probe("red udp on one switch", "to port h1" + red, between("h3", "h1", "proto", "udp",
                "dst-port", "53")),
            TraceMatrix.probe("security group allows", "rule pg of security group db (tenant red)", between("h4",
                "h5", "proto", "tcp", "dst-port", "5432", "tcp-flags", "syn")),
            TraceMatrix.probe("security group refuses tcp", "dropped on openflow:2", between("h4", "h5", "proto",
                "tcp", "dst-port", "22")),
            TraceMatrix.probe("security group refuses icmp", "dropped on openflow:2", between("h4", "h5", "proto",
                "icmp")),
            TraceMatrix.probe("security group refuses udp", "dropped on openflow:2", between("h4", "h5", "proto",
                "udp", "dst-port", "5432")),
            TraceMatrix.probe("established connection", "Fate:", between("h4", "h5", "proto", "tcp", "dst-port",
                "22", "ct-state", "est")),
            TraceMatrix.probe("reply of an allowed connection", "Fate:", between("h5", "h4", "proto", "tcp",
                "src-port", "5432", "dst-port", "40000", "ct-state", "est,rpl")),
            TraceMatrix.probe("invalid connection state", "Fate:", between("h4", "h5", "proto", "tcp", "dst-port",
                "5432", "ct-state", "inv")),
            TraceMatrix.probe("policy entry denies", "policy entry 30 (deny) of tenant red", between("h3", "h1",
                "proto", "tcp", "dst-port", "8080")),
            TraceMatrix.probe("next to the policy entry", "Fate:", between("h3", "h1", "proto", "tcp", "dst-port",
                "8081")),
            TraceMatrix.probe("chain classifies tcp 80", "hop 1 (inspect: ids1) of service chain web (tenant red)",
                between("h1", "h2", "proto", "tcp", "dst-port", "80")),
            TraceMatrix.probe("chain classifies udp 5000", "to port ids1-in", between("h1", "h2", "proto", "udp",
                "dst-port", "5000")),
            TraceMatrix.probe("unclassified port skips the chain", "to port h2" + red, between("h1", "h2", "proto",
                "tcp", "dst-port", "443")),
            TraceMatrix.probe("unclassified direction skips the chain", "to port h1" + red, between("h2", "h1",
                "proto", "tcp", "dst-port", "80")),
            TraceMatrix.probe("unclassified source skips the chain", "to port h2" + red, between("h3", "h2", "proto",
                "tcp", "dst-port", "80")),
            TraceMatrix.probe("isolated to isolated", "dropped on openflow:2", between("h7", "h8", "proto",
                "icmp")),
            TraceMatrix.probe("isolated to isolated, tcp", "dropped on openflow:2", between("h8", "h7", "proto",
                "tcp", "dst-port", "80")),
            TraceMatrix.probe("isolated arp", "Fate:", between("h7", "h6", "proto", "arp")),
            TraceMatrix.probe("isolated to a shared port", "Fate:", between("h7", "h9", "proto", "udp", "dst-port",
                "53")),
            TraceMatrix.probe("shared port to an isolated one", "Fate:", between("h6", "h8", "proto", "icmp")));
    }

    private static String[] between(final String from, final String to, final String... more) {
        return TraceMatrix.between(from, to, more);
    }

    @Test
    public void a1_tracerouteFromSourceToDestinationShowsTheRouterHop() throws InterruptedException {
        awaitEquals("TCP 80 traceroute h1 -> h2", ServiceInsertionEndToEndIT::traceroute,
            List.of(rt.ips().get(0), h2.ip()));
        // Unclassified traffic (another port) is not steered: the destination is the first hop.
        assertEquals(List.of(h2.ip()), traceroute(443));
    }

    @Test
    public void a2_eachHopSeesTheClassifiedTrafficInChainOrderAndNothingElse() {
        final String classified = "tcp dst port 80";
        final Map<Tap, List<String>> seen = mininet.captureAll(List.of(tap("ids1", 0, classified),
            tap("ids2", 0, classified), tap("rt", 0, classified), new Tap("h2", "h2-eth0", classified)), 5, "h1",
            connections(80, 8, 0));
        final List<String> atBridges = new ArrayList<>(seen.get(tap("ids1", 0, classified)));
        atBridges.addAll(seen.get(tap("ids2", 0, classified)));
        assertFalse("the inspect hop saw the classified traffic", atBridges.isEmpty());
        atBridges.forEach(line -> assertTrue("a bridge sees h1's frame untouched: " + line,
            line.contains(h1.mac() + " > " + h2.mac())));
        final List<String> atRouter = seen.get(tap("rt", 0, classified));
        assertFalse("the route hop saw the classified traffic", atRouter.isEmpty());
        atRouter.forEach(line -> assertTrue("the router gets h1's frame addressed to itself: " + line,
            line.contains(h1.mac() + " > " + rt.macs().get(0))));
        final List<String> atDestination = seen.get(new Tap("h2", "h2-eth0", classified));
        assertFalse("h2 got the classified traffic", atDestination.isEmpty());
        atDestination.forEach(line -> assertTrue("h2 gets it from the router: " + line,
            line.contains(rt.macs().get(1) + " > " + h2.mac())));
        final String udp = "udp dst port 5000";
        final Map<Tap, List<String>> datagrams = mininet.captureAll(List.of(tap("ids1", 0, udp), tap("ids2", 0, udp),
            tap("rt", 0, udp)), 4, "h1", udpFlows(5000, 40100, 4, 2));
        assertEquals("UDP 5000 datagrams at the inspect hop", 8, datagrams.get(tap("ids1", 0, udp)).size()
            + datagrams.get(tap("ids2", 0, udp)).size());
        assertEquals("UDP 5000 datagrams at the route hop", 8, datagrams.get(tap("rt", 0, udp)).size());

        final String unclassified = "icmp or tcp port 22 or udp port 5001";
        final Map<Tap, List<String>> others = mininet.captureAll(List.of(tap("ids1", 0, unclassified),
            tap("ids2", 0, unclassified), tap("rt", 0, unclassified), tap("rt", 1, unclassified),
            new Tap("h2", "h2-eth0", unclassified)), 5, "h1", "ping -c 3 -W 1 " + h2.ip() + " > /dev/null; "
                + connections(22, 2, 0) + "; " + udpFlows(5001, 40000, 1, 3));
        for (Tap tap : List.of(tap("ids1", 0, unclassified), tap("ids2", 0, unclassified),
                tap("rt", 0, unclassified), tap("rt", 1, unclassified))) {
            assertEquals("unclassified traffic at " + tap.intf(), List.of(), others.get(tap));
        }
        final List<String> direct = others.get(new Tap("h2", "h2-eth0", unclassified));
        assertTrue("h2 got the unclassified traffic straight from h1: " + direct, direct.stream()
            .filter(line -> line.contains("> " + h2.ip())).count() >= 6 && direct.stream()
                .filter(line -> line.contains("> " + h2.ip())).allMatch(line -> line.contains(h1.mac() + " > ")));
    }

    @Test
    public void a2a_theReceiversFirewallJudgesChainedTrafficAfterTheLastHop() throws InterruptedException {
        final String policy = Orchestrator.INTENT + "/edgeplane-firewall:policy-rule=red,10";
        final ObjectNode deny = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("priority", 10)
            .put("action", "deny").put("direction", "ingress").put("protocol", "tcp").put("port-range-min", 80)
            .put("port-range-max", 80);
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.putArray("edgeplane-firewall:policy-rule").add(deny);
        assertEquals(201, restconf.put(policy, body).status());
        try {
            converge.awaitFlowsAsDesired();
            awaitEquals("chained TCP 80 with a deny on ingress", () -> connects(80), false);
            final String classified = "tcp dst port 80";
            final Map<Tap, List<String>> seen = mininet.captureAll(List.of(tap("rt", 0, classified),
                new Tap("h2", "h2-eth0", classified)), 4, "h1", connections(80, 2, 0));
            assertFalse("the chain still steers it through the router", seen.get(tap("rt", 0, classified))
                .isEmpty());
            assertEquals("what h2's firewall let through", List.of(), seen.get(new Tap("h2", "h2-eth0",
                classified)));
        } finally {
            assertEquals(204, restconf.delete(policy).status());
        }
        awaitEquals("chained TCP 80 once the deny is gone", () -> connects(80), true);
    }

    @Test
    public void a3_theTwoInstanceHopSpreadsFlowsOverBothAndEachFlowSticksToOne() {
        final Map<Integer, Integer> atIds1 = new TreeMap<>();
        final Map<Integer, Integer> atIds2 = new TreeMap<>();
        spread(41000, atIds1, atIds2);
        assertFalse("ids1 carried some of " + FLOWS + " connections", atIds1.isEmpty());
        assertFalse("ids2 carried some of " + FLOWS + " connections", atIds2.isEmpty());
        // Every packet of a connection (SYN, ACK, FIN...) passed the one instance its first packet took.
        final var overlap = new TreeSet<>(atIds1.keySet());
        overlap.retainAll(atIds2.keySet());
        assertEquals("connections seen at both instances", new TreeSet<Integer>(), overlap);
        assertEquals("connections seen at all", FLOWS, atIds1.size() + atIds2.size());
        atIds1.forEach((port, packets) -> assertTrue("packets of connection " + port + " at ids1", packets > 1));
        atIds2.forEach((port, packets) -> assertTrue("packets of connection " + port + " at ids2", packets > 1));
    }

    @Test
    public void a4_symmetricChainRepliesPassTheHopsInReverseThroughTheSameInstance() throws InterruptedException {
        final String replies = "tcp src port 80";
        final Map<Tap, List<String>> asymmetric = mininet.captureAll(List.of(tap("ids1", 0, replies),
            tap("ids2", 0, replies), tap("rt", 1, replies)), 4, "h1", connections(80, 4, 0));
        asymmetric.forEach((tap, lines) -> assertEquals("replies at " + tap.intf() + " (asymmetric chain)",
            List.of(), lines));

        put("service-chain=red,web", webChain(true, "fail-open", List.of("inspect", "route"), true));
        converge.awaitFlowsAsDesired();
        final String both = "tcp port 80";
        awaitEquals("replies reach the router's egress port", () -> !mininet.captureAll(List.of(tap("rt", 1,
            replies)), 3, "h1", connections(80, 2, 0)).get(tap("rt", 1, replies)).isEmpty(), true);
        final Map<Tap, List<String>> seen = mininet.captureAll(List.of(tap("ids1", 0, both), tap("ids2", 0, both),
            tap("rt", 1, both)), 5, "h1", connections(80, 8, 43001));
        for (int port = 43001; port <= 43008; port++) {
            final String request = h1.ip() + "." + port + " > ";
            final String reply = " > " + h1.ip() + "." + port;
            final var instances = new TreeSet<String>();
            for (String ids : List.of("ids1", "ids2")) {
                final List<String> lines = seen.get(tap(ids, 0, both));
                final boolean requests = lines.stream().anyMatch(line -> line.contains(request));
                final boolean answers = lines.stream().anyMatch(line -> line.contains(reply));
                assertEquals("connection from port " + port + " at " + ids + ": requests and replies together",
                    requests, answers);
                if (requests) {
                    instances.add(ids);
                }
                lines.stream().filter(line -> line.contains(reply)).forEach(line -> assertTrue(
                    "the reply reaches the bridge from the router: " + line, line.contains(rt.macs().get(0) + " > ")));
            }
            assertEquals("instances that carried the connection from port " + port, 1, instances.size());
            assertTrue("the router carried the replies to port " + port, seen.get(tap("rt", 1, both)).stream()
                .anyMatch(line -> line.contains(reply)));
        }
    }

    @Test
    public void a5_statusShowsEachHopsLiveInstancesAndPackets() throws InterruptedException {
        awaitEquals("status of red/web", ServiceInsertionEndToEndIT::statusSummary,
            "1 inspect [ids1, ids2] counted; 2 route [rt] counted");
    }

    @Test
    public void a6_anInstanceWhosePortGoesDownLeavesItsHopAndTheFailurePolicyApplies() throws InterruptedException {
        final Topology.Appliance ids1 = topology.appliance("ids1");
        final Topology.Appliance ids2 = topology.appliance("ids2");
        linkOf(ids1, "down");
        awaitEquals("status of red/web with ids1 down", ServiceInsertionEndToEndIT::liveInstances,
            "inspect [ids2]; route [rt]");
        converge.awaitFlowsAsDesired();
        final Map<Integer, Integer> atIds2 = new TreeMap<>();
        spreadAll(42000, new TreeMap<>(), atIds2);
        assertEquals("connections carried by ids2 alone", FLOWS, atIds2.size());

        linkOf(ids2, "down");
        awaitEquals("status of red/web with both bridges down", ServiceInsertionEndToEndIT::liveInstances,
            "inspect []; route [rt]");
        awaitEquals("fail-open: classified traffic bypasses the hop", () -> connects(80), true);
        assertFalse("the router still gets it", mininet.captureAll(List.of(tap("rt", 0, "tcp dst port 80")), 3,
            "h1", connections(80, 2, 0)).get(tap("rt", 0, "tcp dst port 80")).isEmpty());

        put("service-chain=red,web", webChain(true, "fail-closed", List.of("inspect", "route"), true));
        awaitEquals("fail-closed: classified traffic is dropped", () -> connects(80), false);
        assertTrue("unclassified traffic still flows", connects(22));

        linkOf(ids1, "up");
        linkOf(ids2, "up");
        awaitEquals("status of red/web with both bridges up", ServiceInsertionEndToEndIT::liveInstances,
            "inspect [ids1, ids2]; route [rt]");
        awaitEquals("classified traffic flows again", () -> connects(80), true);
        final Map<Integer, Integer> atIds1 = new TreeMap<>();
        final Map<Integer, Integer> again = new TreeMap<>();
        spreadAll(42100, atIds1, again);
        assertEquals("connections through the restored hop", FLOWS, atIds1.size() + again.size());
        put("service-chain=red,web", webChain(true, "fail-open", List.of("inspect", "route"), true));
    }

    @Test
    public void a7_editingTheChainChangesOnlyWhatItSteers() throws InterruptedException {
        put("service-chain=red,web", webChain(true, "fail-open", List.of("route"), true));
        converge.awaitFlowsAsDesired();
        final String classified = "tcp dst port 80";
        awaitEquals("traffic at the bridges after the inspect hop was removed", () -> {
            final Map<Tap, List<String>> seen = mininet.captureAll(List.of(tap("ids1", 0, classified),
                tap("ids2", 0, classified), tap("rt", 0, classified)), 4, "h1", connections(80, 4, 0));
            return seen.get(tap("ids1", 0, classified)).size() + seen.get(tap("ids2", 0, classified)).size() + "/"
                + !seen.get(tap("rt", 0, classified)).isEmpty();
        }, "0/true");
        assertEquals(List.of(rt.ips().get(0), h2.ip()), traceroute());

        // The UDP classifier removed: that traffic goes direct, TCP 80 still passes both hops.
        put("service-chain=red,web", webChain(true, "fail-open", List.of("inspect", "route"), false));
        converge.awaitFlowsAsDesired();
        final String udp = "udp dst port 5000";
        awaitEquals("UDP 5000 at the hops once it is no longer classified", () -> mininet.captureAll(List.of(
            tap("ids1", 0, udp), tap("ids2", 0, udp), tap("rt", 0, udp)), 4, "h1", udpFlows(5000, 44000, 4, 2))
            .values().stream().mapToInt(List::size).sum(), 0);
        final Map<Integer, Integer> atIds1 = new TreeMap<>();
        final Map<Integer, Integer> atIds2 = new TreeMap<>();
        spreadAll(44100, atIds1, atIds2);
        assertEquals("TCP 80 still through the inspect hop", FLOWS, atIds1.size() + atIds2.size());
        assertEquals(List.of(rt.ips().get(0), h2.ip()), traceroute());
    }

    @Test
    public void a8_deletingTheChainReturnsItsTrafficToTheDirectPath() throws InterruptedException {
        assertEquals(204, restconf.delete(CHAIN_WEB).status());
        converge.awaitFlowsAsDesired();
        final Map<Integer, Integer> atIds1 = new TreeMap<>();
        final Map<Integer, Integer> atIds2 = new TreeMap<>();
        spread(45000, atIds1, atIds2);
        assertEquals("connections at the bridges after the chain was deleted", 0, atIds1.size() + atIds2.size());
        assertEquals(List.of(h2.ip()), traceroute());
        awaitEquals("status of the deleted chain", () -> restconf.get(STATUS_WEB).isMissing(), true);
    }

    @Test
    public void a9_theChainSpansAnOf13SwitchWithTheSameEffects() throws InterruptedException {
        final Topology.Edge s2 = topology.edge("s2");
        assertEquals(204, orchestrator.put(Orchestrator.switchOf(topology, s2).put("profile", "of13")).status());
        put("service-chain=red,web", webChain(true, "fail-open", List.of("inspect", "route"), true));
        awaitEquals("profile of s2", () -> converge.switchStatus(s2.nodeId()).path("profile").asText(), "of13");
        converge.awaitFlowsAsDesired();
        final String groups = OvsSwitches.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-groups", "s2"));
        assertFalse("no Nicira action in s2's groups: " + groups, groups.contains("ct(") || groups.contains("nx"));
        awaitEquals("TCP 80 traceroute h1 -> h2 through an of13 switch", ServiceInsertionEndToEndIT::traceroute,
            List.of(rt.ips().get(0), h2.ip()));
        final Map<Integer, Integer> atIds1 = new TreeMap<>();
        final Map<Integer, Integer> atIds2 = new TreeMap<>();
        spreadAll(46000, atIds1, atIds2);
        assertTrue("both instances carry flows, one on the of13 switch: " + atIds1.keySet() + " / "
            + atIds2.keySet(), !atIds1.isEmpty() && !atIds2.isEmpty());
        assertEquals("each connection at one instance", FLOWS, atIds1.size() + atIds2.size());
        final String replies = "tcp src port 80";
        assertFalse("replies pass the router on the of13 switch", mininet.captureAll(List.of(tap("rt", 1,
            replies)), 3, "h1", connections(80, 2, 0)).get(tap("rt", 1, replies)).isEmpty());
        assertTrue("unclassified traffic flows", connects(22));
        assertEquals(204, restconf.delete(CHAIN_WEB).status());
    }

    @Test
    public void z0_badChainsAreRefusedWithTheReasonAndNothingIsWritten() {
        // Whatever an earlier step left: the route hop must be in no chain here.
        restconf.delete(CHAIN_WEB);
        orchestrator.create(Orchestrator.port("fw-in", "red", "red-web", "openflow:1", "30", "02:00:00:00:0f:01")
            .put("port-security-enabled", false));
        orchestrator.create(Orchestrator.port("fw-out", "red", "red-web", "openflow:1", "31", "02:00:00:00:0f:02")
            .put("port-security-enabled", false));
        put("service-function=red,fw", function("fw", "fw-in", "fw-out"));
        put("hop=red,firewalls", hop("firewalls", "fw"));
        put("service-chain=red,audit", chain("audit", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("web", "h3", 443).put("logical-destination-port", "h2"))));
        final JsonNode audit = restconf.get(Orchestrator.INTENT + "/" + INSERTION + "service-chain=red,audit")
            .json().get(INSERTION + "service-chain").get(0);
        assertEquals("[\"firewalls\"]", audit.get("hop").toString());
        assertEquals("fail-open", audit.get("failure-policy").asText());

        refused("service-chain=red,empty", chain("empty"), 400, "a chain needs at least one hop");
        refused("service-function=red,stolen", function("stolen", "h6", null), 400,
            "port 'h6' belongs to tenant 'blue', not 'red'");
        refused("service-function=red,secured", function("secured", "h5", null), 400,
            "port 'h5' has port security enabled");
        refused("service-chain=red,loop", chain("loop", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("c", "fw-in", 22))), 409, "is already in chain 'audit'");
        refused("service-chain=red,admin", chain("admin", "route").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("low", "h3", 443))), 409, "which chain they take would be ambiguous");
        refused("service-chain=red,wide", chain("wide", "route").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("c", "h4", 8443))), 400, "a chain stays within one network");
    }

    @Test
    public void z1_deletingWhatAChainUsesIsRefusedAndTheChainCanBeDeleted() {
        final String hop = Orchestrator.INTENT + "/" + INSERTION + "hop=red,firewalls";
        final Restconf.Response deleteHop = restconf.delete(hop);
        assertEquals(deleteHop.body(), 400, deleteHop.status());
        assertTrue(deleteHop.body(), deleteHop.errorMessage().contains("tenant 'red' has no hop 'firewalls'"));
        final String audit = Orchestrator.INTENT + "/" + INSERTION + "service-chain=red,audit";
        assertEquals(204, restconf.delete(audit).status());
        assertTrue(restconf.get(audit).isMissing());
        assertEquals(204, restconf.delete(hop).status());
    }

    /** The chain under test: hops in order, TCP 80 always classified, UDP 5000 when {@code udp}. */
    private static ObjectNode webChain(final boolean symmetric, final String failurePolicy, final List<String> hops,
            final boolean udp) {
        final ObjectNode chain = chain("web", hops.toArray(String[]::new)).put("symmetric", symmetric)
            .put("failure-policy", failurePolicy);
        final var classifiers = chain.putArray("classifier");
        classifiers.add(classifier("web", "h1", 80).put("logical-destination-port", "h2"));
        if (udp) {
            classifiers.add(classifier("probe", "h1", 5000).put("protocol", "udp")
                .put("logical-destination-port", "h2"));
        }
        return chain;
    }

    /**
     * {@link #FLOWS} TCP connections from h1 to h2:80, from consecutive source ports; counts their packets by source
     * port at each bridge. (TCP, because Open vSwitch's default select-group hash leaves UDP ports out.)
     */
    /**
     * Like {@link #spread}, tried again from fresh source ports (up to three times) until every connection was seen
     * at a bridge: a connection the loaded machine lost once is tried again, while a path that skips the hop fails
     * every try.
     */
    private static void spreadAll(final int firstPort, final Map<Integer, Integer> atIds1,
            final Map<Integer, Integer> atIds2) {
        for (int attempt = 0; attempt < 3; attempt++) {
            atIds1.clear();
            atIds2.clear();
            spread(firstPort + attempt * 700, atIds1, atIds2);
            if (atIds1.size() + atIds2.size() == FLOWS) {
                return;
            }
        }
    }

    private static void spread(final int firstPort, final Map<Integer, Integer> atIds1,
            final Map<Integer, Integer> atIds2) {
        final String filter = "tcp dst port 80 and src portrange " + firstPort + "-" + (firstPort + FLOWS - 1);
        final Map<Tap, List<String>> seen = mininet.captureAll(List.of(tap("ids1", 0, filter),
            tap("ids2", 0, filter)), 8, "h1", connections(80, FLOWS, firstPort));
        countBySourcePort(seen.get(tap("ids1", 0, filter)), atIds1);
        countBySourcePort(seen.get(tap("ids2", 0, filter)), atIds2);
    }

    private static void countBySourcePort(final List<String> lines, final Map<Integer, Integer> counts) {
        for (String line : lines) {
            final Matcher matcher = SOURCE_PORT.matcher(line);
            if (matcher.find()) {
                counts.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
            }
        }
    }

    private static Tap tap(final String appliance, final int port, final String filter) {
        return new Tap(appliance, topology.appliance(appliance).intf(port), filter);
    }

    private static String udpFlows(final int port, final int firstSourcePort, final int flows, final int datagrams) {
        final Path script = Path.of(System.getProperty("edgeplane.mininet.agent")).resolveSibling("udp_flows.py");
        return "/usr/bin/python3 " + script + " " + h2.ip() + " " + port + " " + firstSourcePort + " "
            + (firstSourcePort + flows - 1) + " " + datagrams;
    }

    /** Shell lines for h1: {@code count} TCP connections to h2, from consecutive source ports when non-zero. */
    private static String connections(final int port, final int count, final int firstSourcePort) {
        final var command = new StringBuilder();
        for (int i = 0; i < count; i++) {
            command.append(i == 0 ? "" : "; ").append("nc -z -w 2 ")
                .append(firstSourcePort == 0 ? "" : "-p " + (firstSourcePort + i) + " ").append(h2.ip())
                .append(' ').append(port);
        }
        return command.toString();
    }

    private static boolean connects(final int port) {
        return mininet.sh("h1", "nc -z -w 2 " + h2.ip() + " " + port + " && echo connected").contains("connected");
    }

    private static List<String> traceroute() {
        return traceroute(80);
    }

    /** The addresses a TCP traceroute from h1 to h2 shows, hop by hop ("*" where none answered). */
    private static List<String> traceroute(final int port) {
        final String output = mininet.sh("h1", "traceroute -n -T -p " + port + " -q 1 -w 1 -N 1 -m 4 " + h2.ip());
        final var hops = new ArrayList<String>();
        output.lines().map(String::trim).filter(line -> line.matches("\\d+\\s+.*"))
            .forEach(line -> hops.add(line.split("\\s+")[1]));
        return hops;
    }

    private static void linkOf(final Topology.Appliance appliance, final String state) {
        mininet.sh(appliance.name(), "ip link set " + appliance.intf(0) + " " + state);
    }

    private static JsonNode hopsOfWeb() {
        return restconf.get(STATUS_WEB).json().path(INSERTION + "chain").path(0).path("hop");
    }

    /** Each hop of red/web as "index name [live instances] counted|zero". */
    private static String statusSummary() {
        final var hops = new ArrayList<String>();
        hopsOfWeb().forEach(hop -> hops.add(hop.path("index").asInt() + " " + hop.path("name").asText() + " "
            + sorted(hop.path("live-instance")) + (hop.path("packets").asLong() > 0 ? " counted" : " zero")));
        return String.join("; ", hops);
    }

    private static String liveInstances() {
        final var hops = new ArrayList<String>();
        hopsOfWeb().forEach(hop -> hops.add(hop.path("name").asText() + " " + sorted(hop.path("live-instance"))));
        return String.join("; ", hops);
    }

    /** A leaf-list's values in order (the operational store keeps a system order), as [a, b]. */
    private static String sorted(final JsonNode values) {
        final var sorted = new TreeSet<String>();
        values.forEach(value -> sorted.add(value.asText()));
        return sorted.toString();
    }

    private static void put(final String resource, final ObjectNode entry) {
        ServiceIntent.put(restconf, INSERTION, resource, entry);
    }

    private static void refused(final String resource, final ObjectNode entry, final int status,
            final String reason) {
        final String path = Orchestrator.INTENT + "/" + INSERTION + resource;
        final Restconf.Response response = restconf.put(path, ServiceIntent.body(INSERTION
            + resource.substring(0, resource.indexOf('=')), entry));
        assertEquals(resource + ": " + response.body(), status, response.status());
        assertTrue(resource + ": " + response.body(), response.errorMessage().contains(reason));
        assertTrue(resource + " was written", restconf.get(path).isMissing());
    }
}
