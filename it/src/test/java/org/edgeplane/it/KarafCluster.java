/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A cluster of the built distribution's members on this machine, driven through the operator's script
 * (scripts/cluster.sh): member K on 127.0.0.K, each in its own copy under {@code dir}.
 */
final class KarafCluster implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final Path distribution;
    private final int size;

    private KarafCluster(final Path script, final Path dir, final Path distribution, final int size) {
        this.script = script;
        this.dir = dir;
        this.distribution = distribution;
        this.size = size;
    }

    /** Starts {@code size} members with empty datastores and waits until each serves. */
    static KarafCluster up(final Path script, final Path dir, final Path distribution, final int size,
            final Duration deadline) {
        final var cluster = new KarafCluster(script, dir, distribution, size);
        try {
            cluster.run(deadline, "up", "--members", String.valueOf(size));
        } catch (IllegalStateException e) {
            // Members that did start must not outlive the suite (they hold the ports of every later test).
            try {
                cluster.close();
            } catch (IllegalStateException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        return cluster;
    }

    int size() {
        return size;
    }

    List<Integer> members() {
        return IntStream.rangeClosed(1, size).boxed().toList();
    }

    static String address(final int member) {
        return "127.0.0." + member;
    }

    Restconf restconf(final int member) {
        return new Restconf("http://" + address(member) + ":8181/rests/data/", "admin", "admin");
    }

    /** The OpenFlow listeners of every member, for the switches to connect to all of them. */
    List<String> openflowAddresses() {
        return members().stream().map(member -> address(member) + ":6653").toList();
    }

    /** SIGKILL: the member crashes, its process and connections gone at once. */
    void kill(final int member) {
        run(Duration.ofMinutes(2), "kill", String.valueOf(member));
    }

    /** Stops a member cleanly (SIGTERM, as an operator's bin/stop). */
    void stop(final int member) {
        run(Duration.ofMinutes(2), "stop", String.valueOf(member));
    }

    /** Starts a member again on its own data and waits until it serves. */
    void start(final int member, final Duration deadline) {
        run(deadline, "start", String.valueOf(member));
    }

    /** The member that runs Edgeplane's rounds, as this member reads it; empty when it cannot tell. */
    Optional<Integer> leaderAsSeenBy(final int member) {
        final var response = restconf(member).get("edgeplane-tenant:controller?content=nonconfig");
        if (response.status() != 200) {
            return Optional.empty();
        }
        final String leader = response.json().path("edgeplane-tenant:controller").path("leader").asText("");
        return leader.startsWith("member-") ? Optional.of(Integer.parseInt(leader.substring("member-".length())))
            : Optional.empty();
    }

    /** Which member masters each bridge's OpenFlow connection, as Open vSwitch reports the controllers' roles. */
    static Optional<Integer> masterOf(final String bridge) {
        final String uuids = OvsSwitches.run(List.of("ovs-vsctl", "get", "bridge", bridge, "controller"));
        for (String uuid : uuids.replaceAll("[\\[\\]\\s]", "").split(",")) {
            if (uuid.isEmpty()) {
                continue;
            }
            final String role = OvsSwitches.run(List.of("ovs-vsctl", "get", "controller", uuid, "role")).trim();
            if ("master".equals(role)) {
                final String target = OvsSwitches.run(List.of("ovs-vsctl", "get", "controller", uuid, "target"))
                    .trim().replace("\"", "");
                return Optional.of(Integer.parseInt(target.replaceAll("tcp:127\\.0\\.0\\.(\\d+):\\d+", "$1")));
            }
        }
        return Optional.empty();
    }

    private void run(final Duration deadline, final String... args) {
        final var command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            final var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("cluster-script.log").toFile()));
            builder.environment().putAll(Map.of("EDGEPLANE_CLUSTER_DIR", dir.toString(), "EDGEPLANE_DIST",
                distribution.toString(), "EDGEPLANE_READY_TIMEOUT", String.valueOf(deadline.toSeconds())));
            final Instant begin = Instant.now();
            final Process process = builder.start();
            if (!process.waitFor(deadline.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed after "
                    + Duration.between(begin, Instant.now()).toSeconds() + " s; see "
                    + dir.resolveSibling("cluster-script.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every member. */
    @Override
    public void close() {
        run(Duration.ofMinutes(5), "down");
    }
}
