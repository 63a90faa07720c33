/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.edgeplane.isolation.pipeline.Cookies;
import org.edgeplane.isolation.pipeline.Owner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant isolation end to end: the built controller, Mininet with Open vSwitch (userspace datapath, OpenFlow 1.3,
 * fail-mode secure) for two edge switches joined by an unmanaged learning fabric, and intent created only through
 * RESTCONF. Steps run in name order on one topology: later steps delete what earlier ones check.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TenantIsolationEndToEndIT {
    private static final Logger LOG = LoggerFactory.getLogger(TenantIsolationEndToEndIT.class);
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    private static Topology topology;
    private static KarafProcess karaf;
    private static MininetAgent mininet;
    private static Restconf restconf;
    private static Orchestrator orchestrator;

    @BeforeClass
    public static void startControllerAndNetwork() throws Exception {
        topology = Topology.read(Path.of(System.getProperty("edgeplane.topology")));
        karaf = KarafProcess.fromBuild();
        final Duration boot = karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        orchestrator = new Orchestrator(restconf);
        mininet = MininetAgent.start(Path.of(System.getProperty("edgeplane.mininet.agent")),
            Path.of(System.getProperty("edgeplane.topology")), Path.of("target/mininet-agent.log"));
        final Instant begin = Instant.now();
        orchestrator.provision(topology);
        LOG.info("Controller booted in {} s; topology provisioned with {} REST calls in {} ms", boot.toSeconds(),
            topology.tenants().size() + topology.networks().size() + topology.switches().size()
                + topology.hosts().size(), Duration.between(begin, Instant.now()).toMillis());
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

    /** Same network: reachable; anything else: not. */
    private static Map<String, Boolean> expectedMatrix(final List<Topology.Host> hosts) {
        final var expected = new TreeMap<String, Boolean>();
        for (Topology.Host src : hosts) {
            for (Topology.Host dst : hosts) {
                if (src != dst) {
                    expected.put(src.name() + " " + dst.ip(), src.network().equals(dst.network()));
                }
            }
        }
        return expected;
    }

    private static Map<String, Boolean> measuredMatrix(final List<Topology.Host> hosts) {
        final var pairs = new ArrayList<List<String>>();
        for (Topology.Host src : hosts) {
            for (Topology.Host dst : hosts) {
                if (src != dst) {
                    pairs.add(List.of(src.name(), dst.ip()));
                }
            }
        }
        return mininet.pings(pairs, 2);
    }

    @Test
    public void a1_everyPortReportsItsFlowsInstalled() throws InterruptedException {
        for (Topology.Host host : topology.hosts()) {
            awaitEquals("status of " + host.name(), () -> {
                final JsonNode status = restconf.get("edgeplane-tenant:status/port-status=" + host.name())
                    .json().path("edgeplane-tenant:port-status").path(0);
                return status.path("switch-connected").asBoolean() + "/" + status.path("flows-installed").asBoolean();
            }, "true/true");
        }
        for (Topology.Edge edge : topology.switches()) {
            LOG.info("Edgeplane flows on {}: {}", edge.name(), OvsSwitches.flows(edge.name(),
                OvsSwitches.EDGEPLANE_COOKIES).size());
        }
    }

    @Test
    public void a2_reachabilityMatrixIsExactlyTheNetworks() throws InterruptedException {
        final var expected = expectedMatrix(topology.hosts());
        assertTrue(expected.containsValue(true));
        awaitEquals("reachability matrix", () -> measuredMatrix(topology.hosts()), expected);
    }

    @Test
    public void b1_spoofedSourceMacGetsNothingThrough() {
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
    public void b2_spoofedSourceIpGetsNothingThrough() {
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
    public void c1_badInputIsRejectedWith4xxAndChangesNothing() {
        final String before = restconf.get(Orchestrator.INTENT).body();
        final var h1 = topology.host("h1");
        final var h2 = topology.host("h2");
        record Case(String name, Supplier<Restconf.Response> request, int status, String field) {
        }
        final List<Case> cases = List.of(
            new Case("malformed MAC", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-web",
                "openflow:1", "20", "02:00:00:00:00:zz", "10.0.1.20")), 400, "port[bad]/mac-address"),
            new Case("malformed IP", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-web",
                "openflow:1", "20", "02:00:00:00:00:20", "10.0.1.256")), 400, "port[bad]/ip-address"),
            new Case("VLAN out of range", () -> orchestrator.put(Orchestrator.vlanNetwork("bad-net", "red", 4095)),
                400, "network[bad-net]/segmentation-id"),
            new Case("VLAN used by another network", () -> orchestrator.put(Orchestrator.vlanNetwork("bad-net",
                "blue", 101)), 409, "network[bad-net]/segmentation-id"),
            new Case("duplicate MAC in the network", () -> orchestrator.put(Orchestrator.port("bad", "red",
                "red-web", "openflow:1", "20", h1.mac(), "10.0.1.20")), 409, "port[bad]/mac-address"),
            new Case("duplicate IP in the network", () -> orchestrator.put(Orchestrator.port("bad", "red",
                "red-web", "openflow:1", "20", "02:00:00:00:00:20", h1.ip())), 409, "port[bad]/ip-address"),
            new Case("unknown tenant", () -> orchestrator.put(Orchestrator.port("bad", "green", "red-web",
                "openflow:1", "20", "02:00:00:00:00:20", "10.0.1.20")), 400, "port[bad]/tenant-id"),
            new Case("unknown network", () -> orchestrator.put(Orchestrator.port("bad", "red", "red-nowhere",
                "openflow:1", "20", "02:00:00:00:00:20", "10.0.1.20")), 400, "port[bad]/network-id"),
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
        for (Topology.Edge edge : topology.switches()) {
            awaitEquals("flows of h5 on " + edge.name(), () -> OvsSwitches.countByCookie(edge.name(), cookie), 0);
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

    private static <T> void awaitEquals(final String what, final Supplier<T> actual, final T expected)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(CONVERGENCE);
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = actual.get();
        }
        assertEquals(what, expected, last);
    }
}
