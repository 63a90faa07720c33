/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The end-to-end topology, read from topology.json: the same file builds the Mininet network (the agent reads it)
 * and the intent orchestration sends.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Topology(int prefixLength, List<Edge> switches, Fabric fabric, List<TenantSpec> tenants,
        List<NetworkSpec> networks, List<Host> hosts, @Nullable List<Spare> spares, @Nullable Underlay underlay,
        @Nullable List<Appliance> appliances) {

    /**
     * A service appliance: a namespace with two ports on one switch, a Linux bridge ({@code kind} bridge) or a
     * router with an address per port. Its Edgeplane ports are {@code <name>-in} and {@code <name>-out}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Appliance(String name, String kind, String tenant, String network,
            @JsonProperty("switch") String switchName, List<Integer> ports, List<String> macs,
            @Nullable List<String> ips) {
        public boolean routed() {
            return "router".equals(kind);
        }

        /** The Edgeplane port id of its ingress (0) or egress (1) port. */
        public String portId(final int index) {
            return name + (index == 0 ? "-in" : "-out");
        }

        /** The namespace's interface behind that port. */
        public String intf(final int index) {
            return name + "-eth" + index;
        }
    }

    /** The VXLAN underlay: each edge switch's tunnel endpoint and the OpenFlow number of its tunnel port. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Underlay(String bridge, int tunnelPort, Map<String, String> vteps) {
    }

    /** A host with no intent, where a migrating host's identity can move to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spare(String name, @JsonProperty("switch") String switchName, int port) {
    }

    /** An edge switch Edgeplane controls. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Edge(String name, long dpid, int uplinkPort) {
        public String nodeId() {
            return "openflow:" + dpid;
        }
    }

    /** The unmanaged learning switch between the edges. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fabric(String name, long dpid) {
    }

    /** A tenant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TenantSpec(String id, String name) {
    }

    /** A VLAN network, or a VXLAN one when {@code vxlan} (the VNI) is set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkSpec(String id, String tenant, @Nullable Integer vlan, @Nullable Integer vxlan) {
    }

    /** A host: one Edgeplane port. {@code portName}, when set, is what orchestration sends as switch-port. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Host(String name, String tenant, String network, @JsonProperty("switch") String switchName,
            int port, @Nullable String portName, String mac, String ip) {

        public String switchPortRef() {
            return portName != null ? portName : Integer.toString(port);
        }
    }

    public static Topology read(final Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), Topology.class);
    }

    public Edge edge(final String name) {
        return switches.stream().filter(edge -> edge.name().equals(name)).findFirst().orElseThrow();
    }

    public NetworkSpec network(final String id) {
        return networks.stream().filter(network -> network.id().equals(id)).findFirst().orElseThrow();
    }

    public Appliance appliance(final String name) {
        return appliances.stream().filter(appliance -> appliance.name().equals(name)).findFirst().orElseThrow();
    }

    public Host host(final String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }
}
