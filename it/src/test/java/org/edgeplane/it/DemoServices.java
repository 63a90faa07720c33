/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgeplane.core.trace.PacketTrace;

/**
 * The demo's firewall and service chain: a security group on h2, the connections it allows and refuses as measured
 * (with the packet trace's verdict beside each), then a chain that steers h1's TCP 80 to h2 through the inspection
 * bridge and the router, as a TCP traceroute shows it.
 */
final class DemoServices implements AutoCloseable {
    private final Restconf restconf;
    private final Topology topology;
    private final MininetAgent mininet;
    private final PrintStream out;
    private final Path pids;

    DemoServices(final Restconf restconf, final Topology topology, final MininetAgent mininet, final PrintStream out)
            throws IOException {
        this.restconf = restconf;
        this.topology = topology;
        this.mininet = mininet;
        this.out = out;
        pids = Files.createTempDirectory("edgeplane-demo").resolve("pids");
        mininet.exec("h2", "for port in 80 22; do nc -lk $port < /dev/null > /dev/null 2>&1 & echo $! >> " + pids
            + "; done; sleep 0.5");
    }

    /** Security group web on h2 (TCP 80 in, all out), then each connection measured and traced. */
    void firewall(final Convergence converge) throws InterruptedException {
        ServiceIntent.put(restconf, ServiceIntent.FIREWALL, "security-group=red,web",
            ServiceIntent.tcpGroup("web", "http", 80));
        final ObjectNode h2 = Orchestrator.portOf(topology, topology.host("h2"));
        h2.putArray(ServiceIntent.FIREWALL + "security-group").add("web");
        new Orchestrator(restconf).put(h2);
        converge.awaitEveryPortInstalled(" in the demo");
        converge.awaitFlowsAsDesired();
        out.println();
        out.println("Firewall: security group web on h2 allows TCP 80 in (and everything out). Measured with nc,");
        out.println("and what edgeplane:trace says of the connection's first packet:");
        for (String[] connection : List.of(new String[] {"h1", "80"}, new String[] {"h1", "22"},
                new String[] {"h3", "80"}, new String[] {"h4", "80"})) {
            final String from = connection[0];
            final boolean connects = mininet.exec(from, "nc -z -w 2 " + topology.host("h2").ip() + " "
                + connection[1] + " >/dev/null 2>&1; echo rc=$?").contains("rc=0");
            out.printf("  %-3s -> h2 tcp/%-3s %-10s trace: %s%n", from, connection[1],
                connects ? "connected" : "refused", fates(trace(from, "h2", "tcp", connection[1])));
        }
    }

    /** Chain web: h1's TCP 80 to h2 through hop inspect (bridges ids1, ids2) and hop route (router rt). */
    void chain(final Convergence converge) throws InterruptedException {
        ServiceIntent.createAppliancePorts(new Orchestrator(restconf), topology);
        for (Topology.Appliance appliance : topology.appliances()) {
            final ObjectNode function = ServiceIntent.function(appliance.name(), appliance.portId(0),
                appliance.portId(1));
            ServiceIntent.put(restconf, ServiceIntent.INSERTION, "service-function=red," + appliance.name(),
                appliance.routed() ? function.put("forwarding", "routed") : function);
        }
        ServiceIntent.put(restconf, ServiceIntent.INSERTION, "hop=red,inspect", ServiceIntent.hop("inspect", "ids1",
            "ids2"));
        ServiceIntent.put(restconf, ServiceIntent.INSERTION, "hop=red,route", ServiceIntent.hop("route", "rt"));
        final ObjectNode chain = ServiceIntent.chain("web", "inspect", "route");
        chain.putArray("classifier").add(ServiceIntent.classifier("web", "h1", 80).put("logical-destination-port",
            "h2"));
        ServiceIntent.put(restconf, ServiceIntent.INSERTION, "service-chain=red,web", chain);
        converge.awaitFlowsAsDesired();
        out.println();
        out.println("Service chain web: h1's TCP 80 to h2 passes hop inspect (bridges ids1, ids2), then hop route");
        out.println("(router rt, " + topology.appliance("rt").ips().get(0) + "). TCP traceroute from h1 to h2:");
        final String h2 = topology.host("h2").ip();
        final String router = topology.appliance("rt").ips().get(0);
        final List<String> hops = new ArrayList<>();
        // The appliances need a few seconds after the chain's flows are in (the router resolves h2's address).
        for (int attempt = 0; attempt < 20 && !(hops.contains(router) && hops.contains(h2)); attempt++) {
            if (attempt > 0) {
                Thread.sleep(1000);
            }
            hops.clear();
            mininet.sh("h1", "traceroute -n -T -p 80 -q 1 -w 1 -N 1 -m 4 " + h2).lines().map(String::trim)
                .filter(line -> line.matches("\\d+\\s+.*")).forEach(line -> hops.add(line.split("\\s+")[1]));
        }
        for (int index = 0; index < hops.size(); index++) {
            final String address = hops.get(index);
            out.printf("  %d  %-10s %s%n", index + 1, address, address.equals(h2) ? "h2"
                : topology.appliance("rt").ips().contains(address) ? "rt, the chain's hop route" : "");
        }
        out.println("And the trace of its first packet on h1's switch:");
        out.println("  " + fates(trace("h1", "h2", "tcp", "80")));
    }

    JsonNode trace(final String from, final String to, final String proto, final String port) {
        final ObjectNode input = Restconf.JSON.createObjectNode().put("from", from).put("to", to).put("proto", proto)
            .put("dst-port", port).put("tcp-flags", "syn");
        return restconf.operation(TraceMatrix.RPC, input).json().path("edgeplane-trace:output");
    }

    /** The fates of a trace in one line: where each copy went, and the object that decided. */
    static String fates(final JsonNode output) {
        final String text = output.path("text").asText();
        final int met = text.indexOf(PacketTrace.MET);
        final int fate = text.indexOf("Fate:\n");
        final String by = met < 0 ? "" : " (past " + text.substring(met + PacketTrace.MET.length(), fate - 1) + ")";
        return fate < 0 ? text : text.substring(fate + "Fate:\n".length()).trim().replace("\n  ", "; ") + by;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        MininetAgent.killListedProcesses(pids);
    }
}
