/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Packets traced by Edgeplane ({@code edgeplane-trace:trace} over RESTCONF) and by Open vSwitch itself
 * ({@code ovs-appctl ofproto/trace}, hop by hop on the switches Edgeplane's trace crossed, with the same conntrack
 * state): on every switch both must send the frame out of the same ports, so both give it the same fate.
 */
final class TraceMatrix {
    static final String RPC = "edgeplane-trace:trace";

    private TraceMatrix() {
    }

    /**
     * One packet to trace.
     *
     * @param expect text Edgeplane's trace must contain: the object that decided its fate
     */
    record Probe(String label, Map<String, String> fields, String expect) {
        String ovsCtState() {
            final String state = fields.get("ct-state");
            return state == null ? "trk,new" : "trk," + state;
        }
    }

    /** A probe from the fields given as name, value pairs. */
    static Probe probe(final String label, final String expect, final String... pairs) {
        final var fields = new LinkedHashMap<String, String>();
        for (int index = 0; index < pairs.length; index += 2) {
            fields.put(pairs[index], pairs[index + 1]);
        }
        return new Probe(label, fields, expect);
    }

    /**
     * Traces the probe both ways and compares every switch's outputs.
     *
     * @return Edgeplane's trace, as the operator reads it
     */
    static String assertAgrees(final Restconf restconf, final Topology topology, final Probe probe) {
        final ObjectNode input = Restconf.JSON.createObjectNode();
        probe.fields().forEach(input::put);
        final Restconf.Response response = restconf.operation(RPC, input);
        assertEquals(probe.label() + ": " + response.body(), 200, response.status());
        final JsonNode output = response.json().path(RPC.replace(":trace", ":output"));
        final String text = output.path("text").asText();
        assertTrue(probe.label() + " names " + probe.expect() + ":\n" + text, text.contains(probe.expect()));
        final JsonNode hops = output.path("hop");
        assertFalse(probe.label() + ": no hop\n" + text, hops.isEmpty());
        for (JsonNode hop : hops) {
            final String nodeId = hop.path("switch").asText();
            final String bridge = topology.switches().stream().filter(edge -> edge.nodeId().equals(nodeId))
                .findFirst().orElseThrow().name();
            final Set<Long> edgeplane = new TreeSet<>();
            hop.path("output").forEach(port -> edgeplane.add(port.asLong()));
            final OvsSwitches.Traced openVswitch = OvsSwitches.tracedOutputs(bridge, hop.path("flow").asText(),
                probe.ovsCtState());
            assertEquals(probe.label() + " on " + bridge + " (" + hop.path("flow").asText() + "):\n" + text
                + "\nofproto/trace:\n" + openVswitch.trace(), openVswitch.ports(), edgeplane);
        }
        return text;
    }

    /** Fields of a frame from one host to another. */
    static String[] between(final String from, final String to, final String... more) {
        final var pairs = new ArrayList<>(List.of("from", from, "to", to));
        pairs.addAll(List.of(more));
        return pairs.toArray(String[]::new);
    }
}
