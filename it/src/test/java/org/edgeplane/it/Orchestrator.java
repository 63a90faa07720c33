/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and deletes intent the way an orchestration system does: one RESTCONF call per object.
 */
public final class Orchestrator {
    public static final String INTENT = "edgeplane-tenant:intent";

    private final Restconf restconf;

    public Orchestrator(final Restconf restconf) {
        this.restconf = restconf;
    }

    public static ObjectNode tenant(final String id, final String name) {
        return entry("tenant").put("id", id).put("name", name);
    }

    public static ObjectNode vlanNetwork(final String id, final String tenant, final long vlan) {
        return entry("network").put("id", id).put("tenant-id", tenant).put("segmentation-type", "vlan")
            .put("segmentation-id", vlan);
    }

    public static ObjectNode port(final String id, final String tenant, final String network, final String switchId,
            final String switchPort, final String mac, final String... ips) {
        final ObjectNode port = entry("port").put("id", id).put("tenant-id", tenant).put("network-id", network)
            .put("switch-id", switchId).put("switch-port", switchPort).put("mac-address", mac);
        final ArrayNode addresses = port.putArray("ip-address");
        for (String ip : ips) {
            addresses.add(ip);
        }
        return port;
    }

    /** A switch entry as the topology describes it: uplink, and tunnel endpoint when there is an underlay. */
    public static ObjectNode switchOf(final Topology topology, final Topology.Edge edge) {
        final ObjectNode config = uplinks(edge.nodeId(), Integer.toString(edge.uplinkPort()));
        if (topology.underlay() != null && topology.underlay().vteps().containsKey(edge.name())) {
            config.put("tunnel-ip", topology.underlay().vteps().get(edge.name()))
                .put("tunnel-port", Integer.toString(topology.underlay().tunnelPort()));
        }
        return config;
    }

    public static ObjectNode vxlanNetwork(final String id, final String tenant, final long vni) {
        return entry("network").put("id", id).put("tenant-id", tenant).put("segmentation-type", "vxlan")
            .put("segmentation-id", vni);
    }

    public static ObjectNode uplinks(final String nodeId, final String... ports) {
        final ObjectNode config = entry("switch").put("node-id", nodeId);
        final ArrayNode list = config.putArray("uplink-port");
        for (String port : ports) {
            list.add(port);
        }
        return config;
    }

    /** The body RESTCONF expects for a list entry: {"edgeplane-tenant:list": [entry]}. */
    public static JsonNode body(final ObjectNode entry) {
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.putArray("edgeplane-tenant:" + entry.get("@list").asText()).add(entry.deepCopy().without("@list"));
        return body;
    }

    /** The resource path of a list entry. */
    public static String path(final ObjectNode entry) {
        final String list = entry.get("@list").asText();
        final String key = "switch".equals(list) ? entry.get("node-id").asText() : entry.get("id").asText();
        return INTENT + "/" + list + "=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    /** PUTs an entry; any answer is returned. */
    public Restconf.Response put(final ObjectNode entry) {
        return restconf.put(path(entry), body(entry));
    }

    /** PUTs an entry that must be created. */
    public void create(final ObjectNode entry) {
        final Restconf.Response response = put(entry);
        assertEquals(path(entry) + ": " + response.body(), 201, response.status());
    }

    /** Provisions the whole topology: tenants, networks, switch uplinks, then every host's port. */
    public void provision(final Topology topology) {
        entries(topology).forEach(this::create);
    }

    /** The whole topology's intent as one container body, for a single PUT. */
    public static JsonNode wholeIntent(final Topology topology) {
        final ObjectNode intent = Restconf.JSON.createObjectNode();
        for (ObjectNode entry : entries(topology)) {
            final String list = entry.get("@list").asText();
            (intent.has(list) ? (ArrayNode) intent.get(list) : intent.putArray(list))
                .add(entry.deepCopy().without("@list"));
        }
        final ObjectNode body = Restconf.JSON.createObjectNode();
        body.set(INTENT, intent);
        return body;
    }

    /** Every entry of the topology's intent, in an order that provisions it one entry at a time. */
    private static List<ObjectNode> entries(final Topology topology) {
        final var entries = new ArrayList<ObjectNode>();
        topology.tenants().forEach(tenant -> entries.add(tenant(tenant.id(), tenant.name())));
        topology.networks().forEach(network -> entries.add(network.vxlan() != null
            ? vxlanNetwork(network.id(), network.tenant(), network.vxlan())
            : vlanNetwork(network.id(), network.tenant(), network.vlan())));
        topology.switches().forEach(edge -> entries.add(switchOf(topology, edge)));
        topology.hosts().forEach(host -> entries.add(portOf(topology, host)));
        return entries;
    }

    public static ObjectNode portOf(final Topology topology, final Topology.Host host) {
        return port(host.name(), host.tenant(), host.network(), topology.edge(host.switchName()).nodeId(),
            host.switchPortRef(), host.mac(), host.ip());
    }

    /** Deletes everything the topology provisioned, dependents first. */
    public void deprovision(final Topology topology) {
        topology.hosts().forEach(host -> deleteIfPresent(INTENT + "/port=" + host.name()));
        topology.networks().forEach(network -> deleteIfPresent(INTENT + "/network=" + network.id()));
        topology.switches().forEach(edge -> deleteIfPresent(INTENT + "/switch="
            + URLEncoder.encode(edge.nodeId(), StandardCharsets.UTF_8)));
        topology.tenants().forEach(tenant -> deleteIfPresent(INTENT + "/tenant=" + tenant.id()));
    }

    private void deleteIfPresent(final String path) {
        final Restconf.Response response = restconf.delete(path);
        if (response.status() != 204 && !response.isMissing()) {
            throw new AssertionError("DELETE " + path + " answered " + response.status() + " " + response.body());
        }
    }

    private static ObjectNode entry(final String list) {
        return Restconf.JSON.createObjectNode().put("@list", list);
    }
}
