/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The firewall's and service insertion's intent as orchestration writes it (tenant red's objects), for the
 * suites and the demo: list entries, their bodies and the appliances' ports.
 */
final class ServiceIntent {
    static final String FIREWALL = "edgeplane-firewall:";
    static final String INSERTION = "edgeplane-service-insertion:";

    private ServiceIntent() {
    }

    static ObjectNode function(final String name, final String ingress, final String egress) {
        final ObjectNode function = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name)
            .put("ingress-port", ingress);
        return egress == null ? function : function.put("egress-port", egress);
    }

    static ObjectNode hop(final String name, final String... functions) {
        final ObjectNode hop = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name);
        final var list = hop.putArray("service-function");
        for (String function : functions) {
            list.add(function);
        }
        return hop;
    }

    static ObjectNode chain(final String name, final String... hops) {
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

    static ObjectNode classifier(final String name, final String source, final int destinationPort) {
        return Restconf.JSON.createObjectNode().put("name", name).put("protocol", "tcp")
            .put("destination-port-min", destinationPort).put("logical-source-port", source);
    }

    /** A security group of tenant red with an ingress TCP rule for one port, and one that allows all egress. */
    static ObjectNode tcpGroup(final String name, final String ruleId, final int port) {
        final ObjectNode group = Restconf.JSON.createObjectNode().put("tenant-id", "red").put("name", name);
        final var rules = group.putArray("rule");
        rules.add(Restconf.JSON.createObjectNode().put("id", ruleId).put("direction", "ingress")
            .put("protocol", "tcp").put("port-range-min", port).put("port-range-max", port));
        rules.add(Restconf.JSON.createObjectNode().put("id", "out").put("direction", "egress"));
        return group;
    }

    /** The body of one entry of a list of a module ({@code edgeplane-firewall:security-group}, say). */
    static JsonNode body(final String moduleList, final ObjectNode entry) {
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.putArray(moduleList).add(entry);
        return body;
    }

    /** PUTs {@code <module:list>=<key>} under the intent; it must be created or replaced. */
    static void put(final Restconf restconf, final String module, final String resource, final ObjectNode entry) {
        final Restconf.Response response = restconf.put(Orchestrator.INTENT + "/" + module + resource,
            body(module + resource.substring(0, resource.indexOf('=')), entry));
        assertTrue(resource + ": " + response.body(), response.status() == 201 || response.status() == 204);
    }

    /** The appliances' ports (an ingress and an egress port each), without port security. */
    static void createAppliancePorts(final Orchestrator orchestrator, final Topology topology) {
        for (Topology.Appliance appliance : topology.appliances()) {
            for (int index = 0; index < 2; index++) {
                final String ip = appliance.ips() == null ? null : appliance.ips().get(index);
                orchestrator.create(Orchestrator.port(appliance.portId(index), appliance.tenant(),
                    appliance.network(), topology.edge(appliance.switchName()).nodeId(),
                    appliance.ports().get(index).toString(), appliance.macs().get(index),
                    ip == null ? new String[0] : new String[] {ip}).put("port-security-enabled", false));
            }
        }
    }
}
