/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What the Open vSwitch bridges hold, read with ovs-ofctl.
 */
public final class OvsSwitches {
    /** Every Edgeplane flow: the cookie's top byte. */
    public static final String EDGEPLANE_COOKIES = "cookie=0xed00000000000000/0xff00000000000000";
    /** The switch's write stamp (one inert flow naming the last write it committed). */
    public static final String WRITE_STAMP = "cookie=0xee00000000000000/0xffff000000000000";
    /** A port of a bridge in {@code ovs-appctl dpif/show}: its OpenFlow number, then its datapath number. */
    private static final Pattern DATAPATH_PORT = Pattern.compile("^\\s+\\S+ (\\d+)/(\\d+):");
    private static final Pattern TUNNEL_OUTPUT = Pattern.compile("tnl_port\\((\\d+)\\)");

    private OvsSwitches() {
    }

    /** The flows of a bridge, one ovs-ofctl line each, optionally filtered (ovs-ofctl flow syntax). */
    public static List<String> flows(final String bridge, final String filter) {
        final var command = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-flows",
            bridge));
        if (!filter.isEmpty()) {
            command.add(filter);
        }
        return run(command).lines().filter(line -> line.contains("cookie=")).toList();
    }

    /** How many Edgeplane flows a bridge holds, as the switch counts them in one aggregate reply. */
    public static int edgeplaneFlowCount(final String bridge) {
        final String reply = run(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-aggregate", bridge,
            EDGEPLANE_COOKIES));
        return Integer.parseInt(reply.replaceAll("(?s).*flow_count=(\\d+).*", "$1"));
    }

    /** How many flows on a bridge carry exactly this cookie. */
    public static int countByCookie(final String bridge, final long cookie) {
        return flows(bridge, String.format("cookie=0x%016x/-1", cookie)).size();
    }

    /** Packets counted by the flows on a bridge that carry exactly this cookie, optionally in one table. */
    public static long packetsByCookie(final String bridge, final long cookie, final String table) {
        return flows(bridge, String.format("%scookie=0x%016x/-1", table.isEmpty() ? "" : "table=" + table + ",",
            cookie)).stream().mapToLong(line -> Long.parseLong(line.replaceAll(".*n_packets=(\\d+).*", "$1")))
            .sum();
    }

    /**
     * The ports (OpenFlow numbers) Open vSwitch itself sends a frame out of, by {@code ofproto/trace}: every
     * datapath output of every recirculation, a tunnel's output counted as its tunnel port. Each conntrack lookup
     * answers {@code ctState} (OVS's syntax, such as {@code trk,new}).
     */
    public static Traced tracedOutputs(final String bridge, final String flow, final String ctState) {
        // A select group's bucket is picked by a datapath hash, computed in a recirculation that ofproto/trace does
        // not follow; with a dp_hash given, the switch picks at once (with one bucket, always that one).
        final var command = new ArrayList<>(List.of("ovs-appctl", "ofproto/trace", bridge,
            "dp_hash=0x1," + flow));
        for (int recirculation = 0; recirculation < 4; recirculation++) {
            command.add("--ct-next");
            command.add(ctState);
        }
        final String trace = run(command);
        final var byDatapathPort = new HashMap<Long, Long>();
        boolean inBridge = false;
        for (String line : run(List.of("ovs-appctl", "dpif/show")).split("\n")) {
            if (line.matches("^  \\S+:$")) {
                inBridge = line.trim().equals(bridge + ":");
            } else if (inBridge) {
                final var port = DATAPATH_PORT.matcher(line);
                if (port.find()) {
                    byDatapathPort.put(Long.parseLong(port.group(2)), Long.parseLong(port.group(1)));
                }
            }
        }
        final var outputs = new TreeSet<Long>();
        for (String line : trace.split("\n")) {
            if (!line.startsWith("Datapath actions: ")) {
                continue;
            }
            final String actions = line.substring("Datapath actions: ".length());
            final var tunnel = TUNNEL_OUTPUT.matcher(actions);
            while (tunnel.find()) {
                outputs.add(ofPort(byDatapathPort, tunnel.group(1), trace));
            }
            int depth = 0;
            var token = new StringBuilder();
            for (char character : (actions + ",").toCharArray()) {
                if (character == '(') {
                    depth++;
                } else if (character == ')') {
                    depth--;
                } else if (character == ',' && depth == 0) {
                    if (token.toString().matches("\\d+")) {
                        outputs.add(ofPort(byDatapathPort, token.toString(), trace));
                    }
                    token = new StringBuilder();
                    continue;
                }
                token.append(character);
            }
        }
        return new Traced(outputs, trace);
    }

    /** The ports a frame leaves by, and ofproto/trace's own account. */
    public record Traced(Set<Long> ports, String trace) {
    }

    private static long ofPort(final Map<Long, Long> byDatapathPort, final String datapathPort,
            final String trace) {
        final Long port = byDatapathPort.get(Long.parseLong(datapathPort));
        if (port == null) {
            throw new AssertionError("datapath port " + datapathPort + " is on no known bridge port: " + trace);
        }
        return port;
    }

    public static String run(final List<String> command) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
