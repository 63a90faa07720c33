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
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Service insertion through RESTCONF on the built controller: service functions, hops and chains are accepted
 * when they hold together and refused with the reason (and nothing written) when they do not. The topology's
 * ports are provisioned without starting Mininet; two extra red-web ports carry the appliance.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ServiceInsertionEndToEndIT {
    private static final String INSERTION = "edgeplane-service-insertion:";
    private static final String CHAIN_WEB = Orchestrator.INTENT + "/" + INSERTION + "service-chain=red,web";

    private static KarafProcess karaf;
    private static Restconf restconf;
    private static Orchestrator orchestrator;

    @BeforeClass
    public static void startControllerAndProvision() throws Exception {
        final Topology topology = Topology.read(Path.of(System.getProperty("edgeplane.topology")));
        karaf = KarafProcess.fromBuild();
        karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        orchestrator = new Orchestrator(restconf);
        orchestrator.provision(topology);
        orchestrator.create(Orchestrator.port("fw-in", "red", "red-web", "openflow:1", "30", "02:00:00:00:0f:01"));
        orchestrator.create(Orchestrator.port("fw-out", "red", "red-web", "openflow:1", "31", "02:00:00:00:0f:02"));
    }

    @AfterClass
    public static void stopController() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void i0_aChainIsCreatedAndReadBackWithItsHopsInOrder() {
        created("service-function=red,fw", function("fw", "fw-in", "fw-out"));
        created("service-function=red,ids", function("ids", "h3", null));
        created("hop=red,firewalls", hop("firewalls", "fw"));
        created("hop=red,sensors", hop("sensors", "ids"));
        created("service-chain=red,web", chain("web", "sensors", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("web", "h1", 80).put("logical-destination-port", "h2"))));
        final Restconf.Response read = restconf.get(CHAIN_WEB);
        assertEquals(read.body(), 200, read.status());
        final JsonNode chain = read.json().get(INSERTION + "service-chain").get(0);
        assertEquals("[\"sensors\",\"firewalls\"]", chain.get("hop").toString());
        assertEquals("fail-open", chain.get("failure-policy").asText());
        assertEquals("h1", chain.get("classifier").get(0).get("logical-source-port").asText());
    }

    @Test
    public void i1_badChainsAreRefusedWithTheReasonAndNothingIsWritten() {
        refused("service-chain=red,empty", chain("empty"), 400, "a chain needs at least one hop");
        refused("service-function=red,stolen", function("stolen", "h6", null), 400,
            "port 'h6' belongs to tenant 'blue', not 'red'");
        refused("service-chain=red,loop", chain("loop", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("c", "fw-in", 22))), 409, "port 'fw-in' is a port of service "
                + "function red/fw");
        refused("service-chain=red,admin", chain("admin", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("low", "h1", 80))), 409, "which chain they take would be ambiguous");
        refused("service-chain=red,wide", chain("wide", "firewalls").set("classifier", Restconf.JSON
            .createArrayNode().add(classifier("c", "h4", 443))), 400, "a chain stays within one network");
    }

    @Test
    public void i2_deletingWhatAChainUsesIsRefusedAndTheChainCanBeDeleted() {
        final Restconf.Response deleteHop = restconf.delete(Orchestrator.INTENT + "/" + INSERTION
            + "hop=red,sensors");
        assertEquals(deleteHop.body(), 400, deleteHop.status());
        assertTrue(deleteHop.body(), deleteHop.errorMessage().contains("tenant 'red' has no hop 'sensors'"));
        assertEquals(204, restconf.delete(CHAIN_WEB).status());
        assertTrue(restconf.get(CHAIN_WEB).isMissing());
        assertEquals(204, restconf.delete(Orchestrator.INTENT + "/" + INSERTION + "hop=red,sensors").status());
    }

    private static void created(final String resource, final ObjectNode entry) {
        final Restconf.Response response = restconf.put(Orchestrator.INTENT + "/" + INSERTION + resource,
            wrap(resource, entry));
        assertEquals(resource + ": " + response.body(), 201, response.status());
    }

    private static void refused(final String resource, final ObjectNode entry, final int status,
            final String reason) {
        final String path = Orchestrator.INTENT + "/" + INSERTION + resource;
        final Restconf.Response response = restconf.put(path, wrap(resource, entry));
        assertEquals(resource + ": " + response.body(), status, response.status());
        assertTrue(resource + ": " + response.body(), response.errorMessage().contains(reason));
        assertTrue(resource + " was written", restconf.get(path).isMissing());
    }

    private static JsonNode wrap(final String resource, final ObjectNode entry) {
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.putArray(INSERTION + resource.substring(0, resource.indexOf('='))).add(entry);
        return body;
    }

    private static ObjectNode function(final String name, final String ingress, final String egress) {
        final ObjectNode function = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name)
            .put("ingress-port", ingress);
        return egress == null ? function : function.put("egress-port", egress);
    }

    private static ObjectNode hop(final String name, final String... functions) {
        final ObjectNode hop = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name);
        final var list = hop.putArray("service-function");
        for (String function : functions) {
            list.add(function);
        }
        return hop;
    }

    private static ObjectNode chain(final String name, final String... hops) {
        final ObjectNode chain = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name)
            .put("failure-policy", "fail-open");
        if (hops.length > 0) {
            final var list = chain.putArray("hop");
            for (String hop : hops) {
                list.add(hop);
            }
        }
        return chain;
    }

    private static ObjectNode classifier(final String name, final String source, final int destinationPort) {
        return Restconf.JSON.createObjectNode().put("name", name).put("protocol", "tcp")
            .put("destination-port-min", destinationPort).put("logical-source-port", source);
    }
}
