/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.opendaylight.mdsal.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;

/** The body check RESTCONF's guard runs: well-formed single documents, leaf types, ranges and lengths, by name. */
public class JsonBodyCheckTest {
    private static final JsonBodyCheck CHECK = new JsonBodyCheck(BindingRuntimeHelpers.createEffectiveModel(
        Intent.class));
    private static final List<String> PORT_P3 = List.of("edgeplane-tenant:intent", "port=p3");
    private static final List<String> NETWORK_N = List.of("edgeplane-tenant:intent", "network=n");

    private static String port(final String extra) {
        return "{\"edgeplane-tenant:port\":[{\"id\":\"p3\",\"tenant-id\":\"red\"" + extra + "}]}";
    }

    private static void assertProblem(final List<String> path, final String body, final String expected) {
        final Optional<String> problem = CHECK.problem(path, body);
        assertTrue(body, problem.isPresent());
        assertTrue(problem.orElseThrow(), problem.orElseThrow().contains(expected));
    }

    @Test
    public void goodBodiesPass() {
        assertEquals(Optional.empty(), CHECK.problem(PORT_P3, port(",\"isolated\":true,\"switch-port\":2,"
            + "\"ip-address\":[\"10.0.0.3\"],\"rate-limit\":{\"kbps\":100}")));
        assertEquals(Optional.empty(), CHECK.problem(NETWORK_N, "{\"edgeplane-tenant:network\":[{\"id\":\"n\","
            + "\"segmentation-type\":\"vlan\",\"segmentation-id\":\"12\"}]}"));
        assertEquals(Optional.empty(), CHECK.problem(List.of(), "{\"edgeplane-tenant:intent\":{\"tenant\":"
            + "[{\"id\":\"red\"}]}}"));
        // Unknown members are left to RESTCONF, whose message names them.
        assertEquals(Optional.empty(), CHECK.problem(PORT_P3, port(",\"bogus\":{\"x\":[1]}")));
    }

    @Test
    public void wrongTypesAndRangesNameTheField() {
        assertProblem(PORT_P3, port(",\"isolated\":\"yes\""), "port[0]/isolated: 'yes' is not a boolean");
        assertProblem(PORT_P3, port(",\"rate-limit\":{\"kbps\":\"fast\"}"),
            "port[0]/rate-limit/kbps: 'fast' is not an integer");
        assertProblem(PORT_P3, port(",\"rate-limit\":{\"kbps\":-1}"), "kbps: -1 is out of range 0..4294967295");
        assertProblem(NETWORK_N, "{\"edgeplane-tenant:network\":[{\"id\":\"n\",\"segmentation-type\":\"vlanx\"}]}",
            "network[0]/segmentation-type: 'vlanx' is not one of vlan, vxlan");
        assertProblem(NETWORK_N, "{\"edgeplane-tenant:network\":[{\"id\":\"n\",\"segmentation-id\":1.5}]}",
            "network[0]/segmentation-id: '1.5' is not an integer");
        assertProblem(PORT_P3, port(",\"ip-address\":\"10.0.0.3\""), "port[0]/ip-address: a JSON array");
        assertProblem(PORT_P3, port(",\"ip-address\":[[\"10.0.0.3\"]]"), "port[0]/ip-address[0]: a single value");
        assertProblem(PORT_P3, port(",\"switch-id\":\"" + "x".repeat(65) + "\""),
            "port[0]/switch-id: is 65 characters long; allowed 1..64");
        assertProblem(PORT_P3, port(",\"mac-address\":null"), "port[0]/mac-address: a single value");
    }

    @Test
    public void onlyOneWellFormedDocumentPasses() {
        assertProblem(PORT_P3, port("") + "x", "more data follows the JSON document");
        assertProblem(PORT_P3, port("") + "{}", "more data follows the JSON document");
        assertProblem(PORT_P3, "{\"edgeplane-tenant:port\":[{\"id\":\"p3\",}]}", "not valid JSON");
        assertProblem(PORT_P3, "{\"edgeplane-tenant:port\":[{\"id\":\"p3\"", "not valid JSON");
        assertProblem(PORT_P3, "[]", "a JSON object is expected, not begin array");
        assertProblem(PORT_P3, "{'edgeplane-tenant:port':[]}", "not valid JSON");
    }
}
