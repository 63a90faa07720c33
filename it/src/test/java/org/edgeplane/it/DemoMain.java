/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The README's demo: starts the built controller and the end-to-end topology, provisions it through the same
 * RESTCONF calls the end-to-end test makes, pings every pair of hosts and prints the matrix next to the intent, prints
 * what to try, and keeps everything up until Enter or Ctrl-C.
 * scripts/demo.sh runs it.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        // The demo's job is to talk to a person on the terminal.
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);
        final Path topologyFile = Path.of(System.getProperty("edgeplane.topology"));
        final Topology topology = Topology.read(topologyFile);
        try (KarafProcess karaf = KarafProcess.fromBuild()) {
            out.println("Starting the Edgeplane controller ...");
            final Duration boot = karaf.start(Duration.ofMinutes(5));
            out.printf("Controller ready in %d s (RESTCONF on http://127.0.0.1:8181, OpenFlow on 6653)%n",
                boot.toSeconds());
            try (MininetAgent mininet = MininetAgent.start(Path.of(System.getProperty("edgeplane.mininet.agent")),
                    topologyFile, Path.of(System.getProperty("java.io.tmpdir"), "edgeplane-demo-mininet.log"), true)) {
                final long provisioning = System.nanoTime();
                new Orchestrator(Restconf.local()).provision(topology);
                new Convergence(Restconf.local(), topology).awaitEveryPortInstalled(" in the demo");
                out.printf("Provisioned through RESTCONF; every port's flows on its switch in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - provisioning).toMillis());
                out.println("Pinging every pair of hosts (2 pings each) ...");
                printMatrix(out, topology.hosts(), Reachability.measured(mininet, topology.hosts()),
                    Reachability.expected(topology.hosts()));
                try (DemoServices services = new DemoServices(Restconf.local(), topology, mininet, out)) {
                    final var converge = new Convergence(Restconf.local(), topology);
                    services.firewall(converge);
                    services.chain(converge);
                    out.println();
                    out.println("Why is h1 -> h2 tcp/22 refused? bin/client edgeplane:trace --from h1 --to h2"
                        + " --proto tcp --dst-port 22 says:");
                    out.print(services.trace("h1", "h2", "tcp", "22").path("text").asText());
                    printGuide(out, topology, mininet.pids());
                    waitForEnter();
                }
            }
        }
        out.println("Demo stopped.");
    }

    /** The measured reachability as a grid, row pings column, and whether it is what the intent allows. */
    private static void printMatrix(final PrintStream out, final List<Topology.Host> hosts,
            final Map<String, Boolean> measured, final Map<String, Boolean> expected) {
        out.println();
        out.println("Reachability measured (row pings column; ✓ replies, · no reply; networks in brackets):");
        final var header = new StringBuilder("                  ");
        hosts.forEach(host -> header.append(String.format("%-4s", host.name())));
        out.println(header);
        for (Topology.Host src : hosts) {
            final var row = new StringBuilder(String.format("  %-4s %-11s ", src.name(), "[" + src.network() + "]"));
            for (Topology.Host dst : hosts) {
                final boolean replies = Boolean.TRUE.equals(measured.get(src.name() + " " + dst.ip()));
                row.append(String.format("%-4s", src == dst ? "-" : replies ? "✓" : "·"));
            }
            out.println(row);
        }
        final long wrong = expected.entrySet().stream()
            .filter(pair -> !pair.getValue().equals(measured.get(pair.getKey()))).count();
        out.println(wrong == 0 ? "Every pair is as the intent says: a network's hosts reach each other, nothing else."
            : wrong + " pairs differ from the intent: " + expected.keySet().stream()
                .filter(key -> !expected.get(key).equals(measured.get(key))).toList());
    }

    private static void printGuide(final PrintStream out, final Topology topology, final Map<String, Long> pids) {
        out.println();
        out.println("Provisioned through RESTCONF: tenants red and blue, networks and ports:");
        for (Topology.Host host : topology.hosts()) {
            out.printf("  %-3s %-5s %-9s %s %-15s on %s port %s%n", host.name(), host.tenant(), host.network(),
                host.mac(), host.ip(), topology.edge(host.switchName()).nodeId(), host.switchPortRef());
        }
        final var h1 = topology.host("h1");
        out.println();
        out.println("Try, in another terminal (as root):");
        out.printf("  mnexec -a %d ping -c2 %s     # h1 -> h2, same network across the fabric: replies%n",
            pids.get("h1"), topology.host("h2").ip());
        out.printf("  mnexec -a %d ping -c2 %s     # h1 -> h3, same network, same switch: replies%n",
            pids.get("h1"), topology.host("h3").ip());
        out.printf("  mnexec -a %d ping -c2 -W1 %s # h1 -> h4, tenant red's other network: isolated%n",
            pids.get("h1"), topology.host("h4").ip());
        out.printf("  mnexec -a %d ping -c2 -W1 %s # h1 -> h6, tenant blue: isolated%n", pids.get("h1"),
            topology.host("h6").ip());
        out.printf("  mnexec -a %d ping -c2 %s     # h6 -> h7, tenant blue across the fabric: replies%n",
            pids.get("h6"), topology.host("h7").ip());
        out.printf("  mnexec -a %d ping -c2 %s    # h10 -> h11, VXLAN network red-app through the tunnel%n",
            pids.get("h10"), topology.host("h11").ip());
        out.println();
        out.println("  curl -u admin:admin http://127.0.0.1:8181/rests/data/edgeplane-tenant:status");
        out.println("  curl -u admin:admin http://127.0.0.1:8181/rests/data/edgeplane-tenant:intent/port=" + h1.name());
        out.println("  ovs-ofctl -O OpenFlow13 dump-flows s1 " + OvsSwitches.EDGEPLANE_COOKIES);
        out.println("  karaf-distribution/target/assembly/bin/client edgeplane:trace --from h1 --to h6 --proto icmp");
        out.println("  karaf-distribution/target/assembly/bin/client edgeplane:counters");
        out.println();
        out.println("Press Enter (or Ctrl-C) to stop the topology and the controller.");
    }

    private static void waitForEnter() throws IOException {
        while (true) {
            final int read = System.in.read();
            if (read == -1 || read == '\n') {
                return;
            }
        }
    }
}
