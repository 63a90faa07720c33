/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.SegmentationType;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.Tenant;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.stage.RoundOperations;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A real Karaf (the built distribution) with odl-edgeplane-all: a tenant written through the DataBroker becomes
 * compiled flows in the inventory configuration datastore, and the commit cohort rejects bad intent.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TenantIsolationPaxExamIT {
    private static final String VERSION = System.getProperty("edgeplane.version", "0.1.0-SNAPSHOT");
    private static final String KARAF_VERSION = "4.4.4";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** How long Pax Exam waits for Karaf (boot installs every feature) and for injected services. */
    private static final Duration CONTAINER_TIMEOUT = Duration.ofMinutes(10);

    @Inject
    private DataBroker dataBroker;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private RoundOperations rounds;

    @Configuration
    public Option[] config() {
        final File log = new File("target/paxexam-karaf.log").getAbsoluteFile();
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(maven("org.edgeplane", "karaf-distribution", VERSION).type("zip"))
                .unpackDirectory(new File("target/paxexam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            systemTimeout(CONTAINER_TIMEOUT.toMillis()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("maven.repo.local", "")),
            // Pax Exam installs its own "exam" feature, which the distribution does not carry: let Karaf fetch it
            // from Maven Central into the build's local repository, as odlparent's feature tests do.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                "https://repo.maven.apache.org/maven2@id=central"),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.appender.rolling.fileName",
                log.getPath()),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.appender.rolling.filePattern",
                log.getPath() + ".%i"),
            features(maven("org.edgeplane", "features-edgeplane", VERSION).type("xml").classifier("features"),
                "odl-edgeplane-all"),
            // Karaf 4.4 on JDK 17, as odlparent's SingleFeatureTest starts it.
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar"),
            new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }

    /**
     * Waits until the OpenFlow plugin listens: Karaf answers before the plugin has started, and a container stopped
     * while it starts makes the plugin's shutdown wait five minutes for a service that is already gone.
     */
    @Before
    public void awaitOpenflowListening() throws InterruptedException {
        final Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", 6653), 1000);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the OpenFlow plugin does not listen on 127.0.0.1:6653", e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Intent oneTenant(final List<String> ips) {
        return Intent.of(List.of(new Tenant("pax", "Pax")),
            List.of(new Network("pax-net", "pax", SegmentationType.VLAN, 300L)),
            List.of(new Port("pax-1", "pax", "pax-net", "openflow:77", "1", "02:00:00:00:77:01", ips),
                new Port("pax-2", "pax", "pax-net", "openflow:77", "2", "02:00:00:00:77:02", List.of("10.77.0.2"))),
            List.of(new SwitchConfig("openflow:77", List.of("10"))));
    }

    @Test
    public void tenantWrittenThroughTheDataBrokerBecomesFlows() throws Exception {
        write(oneTenant(List.of("10.77.0.1")));
        final Instant deadline = Instant.now().plus(DEADLINE);
        Map<String, ?> flows = desiredFlows();
        while (!flows.containsKey("isolation:port-security:port=pax-2:ipv4=10.77.0.2")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            flows = desiredFlows();
        }
        assertTrue(flows.keySet().toString(), flows.keySet().containsAll(Set.of(
            "isolation:classify:port=pax-1", "isolation:classify:port=pax-2",
            "isolation:port-security:port=pax-1:ipv4=10.77.0.1", "isolation:port-security:port=pax-2:arp=10.77.0.2",
            "isolation:l2:port=pax-1", "isolation:egress:port=pax-2", "isolation:flood:network=pax-net:from=port",
            "isolation:miss:classify")));
    }

    @Test
    public void operatorCommandsRunInTheKarafShell() throws Exception {
        write(oneTenant(List.of("10.77.0.1")));
        final var out = new ByteArrayOutputStream();
        final var console = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), console, console)) {
            final Instant deadline = Instant.now().plus(DEADLINE);
            String ports = run(session, out, "edgeplane:ports");
            while (!ports.contains("port pax-2") && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                ports = run(session, out, "edgeplane:ports");
            }
            assertTrue(ports, ports.contains("tenant pax (Pax)") && ports.contains("  network pax-net vlan 300"));
            assertTrue(ports, ports.contains("    port pax-1 openflow:77 1 02:00:00:00:77:01 10.77.0.1 "));
            // No switch openflow:77 is connected in this container: the status says so.
            assertTrue(ports, ports.contains("switch-disconnected error=\"switch openflow:77 is not connected\""));
            final String flows = run(session, out, "edgeplane:flows openflow:77");
            // Flows go to a switch only when it is connected: until then they wait.
            assertTrue(flows, flows.contains("isolation:classify:port=pax-1 pending"));
            assertTrue(flows, flows.contains("port=pax-1") && flows.contains("network=pax-net"));
            final String recompute = run(session, out, "edgeplane:recompute openflow:77");
            assertTrue(recompute, recompute.startsWith("openflow:77: recomputed, "));
            assertTrue(recompute, recompute.matches("openflow:77: recomputed, \\d+ flows desired, \\d+ written.*\n"));
            final String worker = run(session, out, "edgeplane:counters");
            assertTrue(worker, worker.matches("(?s)rounds [1-9]\\d*, audits \\d+; last round .*"));
            assertTrue(worker, worker.contains("\nopenflow:77 "));
            // The firewall's counters: the tenant's default group, at zero since no switch reports statistics here.
            String counters = run(session, out, "edgeplane:firewall-counters");
            while (!counters.contains("pax/default/ingress-ipv4") && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                counters = run(session, out, "edgeplane:firewall-counters");
            }
            assertTrue(counters, counters.matches("(?s).*pax/default/ingress-ipv4 +0 +0\n.*"));
            assertTrue(counters, counters.matches("(?s).*\npax-1 +0 +0\n.*"));
            // Service insertion's command is wired to its app (no chain here: the header only).
            final String chains = run(session, out, "edgeplane:service-chains");
            assertTrue(chains, chains.matches("CHAIN +HOP +NAME +PACKETS +LIVE-INSTANCES\n"));
        }
    }

    /** What a command printed: Edgeplane's commands print to the session's console, as over SSH. */
    private static String run(final Session session, final ByteArrayOutputStream out, final String command)
            throws Exception {
        out.reset();
        session.execute(command);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void badIntentIsRejectedAtCommit() throws Exception {
        try {
            write(oneTenant(List.of("10.77.0.300")));
            throw new AssertionError("a malformed IP was committed");
        } catch (ExecutionException e) {
            assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof TransactionCommitFailedException);
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage()
                .contains("port[pax-1]/ip-address: '10.77.0.300' is not an IPv4 or IPv6 address"));
        }
    }

    private void write(final Intent intent) throws InterruptedException, ExecutionException, TimeoutException {
        final var tx = dataBroker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH, IntentCodec.toBinding(intent));
        tx.commit().get(30, TimeUnit.SECONDS);
    }

    /** No switch openflow:77 is connected here, so the flows are desired and wait for it (the core's view). */
    private Map<String, ?> desiredFlows() {
        return rounds.desiredFlows("openflow:77");
    }
}
