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
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting, with a deadline, for the controller and the switches to reach what a test expects. */
final class Convergence {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Restconf restconf;
    private final Topology topology;

    Convergence(final Restconf restconf, final Topology topology) {
        this.restconf = restconf;
        this.topology = topology;
    }

    /** Polls until the value equals the expected one, or fails with the last value at the deadline. */
    static <T> void awaitEquals(final String what, final Supplier<T> actual, final T expected)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(DEADLINE);
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = actual.get();
        }
        assertEquals(what, expected, last);
    }

    JsonNode portStatus(final String portId) {
        return restconf.get("edgeplane-tenant:status/port-status=" + portId).json()
            .path("edgeplane-tenant:port-status").path(0);
    }

    JsonNode switchStatus(final String nodeId) {
        return restconf.get("edgeplane-tenant:status/switch-status=" + nodeId).json()
            .path("edgeplane-tenant:switch-status").path(0);
    }

    /** Every port of the topology reports its switch connected and its flows installed. */
    void awaitEveryPortInstalled(final String when) throws InterruptedException {
        for (Topology.Host host : topology.hosts()) {
            awaitEquals("status of " + host.name() + when, () -> {
                final JsonNode status = portStatus(host.name());
                return status.path("switch-connected").asBoolean() + "/" + status.path("flows-installed").asBoolean();
            }, "true/true");
        }
    }

    /**
     * Every edge switch holds exactly as many Edgeplane flows as Edgeplane wants on it and believes installed (its
     * switch-status), so none is missing (a switch refused none) and none is stale; reachability checks test the
     * content.
     */
    void awaitFlowsAsDesired() throws InterruptedException {
        for (Topology.Edge edge : topology.switches()) {
            awaitEquals("Edgeplane flows on " + edge.name() + " vs. its desired and installed count", () -> {
                final JsonNode status = switchStatus(edge.nodeId());
                final int desired = status.path("desired-flows").asInt(-1);
                final int installed = status.path("installed-flows").asInt(-1);
                final int onSwitch = OvsSwitches.flows(edge.name(), OvsSwitches.EDGEPLANE_COOKIES).size();
                return desired > 0 && desired == installed && installed == onSwitch ? "equal"
                    : "desired " + desired + ", installed " + installed + ", on the switch " + onSwitch;
            }, "equal");
        }
    }
}
