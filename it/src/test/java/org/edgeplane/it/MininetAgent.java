/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives mininet_agent.py (Debian's /usr/bin/python3, which has Mininet): one JSON request per line, one JSON answer
 * per line, each awaited with a deadline.
 */
public final class MininetAgent implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Writer requests;
    private final BufferedReader answers;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private Map<String, Long> hostPids;

    private MininetAgent(final Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the agent and builds the topology, its edge switches pointed at the controller. */
    public static MininetAgent start(final Path script, final Path topology, final Path log) throws IOException {
        return start(script, topology, log, false);
    }

    /** As {@link #start(Path, Path, Path)}, with the topology's service appliances when {@code appliances}. */
    public static MininetAgent start(final Path script, final Path topology, final Path log,
            final boolean appliances) throws IOException {
        return start(script, topology, log, appliances, List.of("127.0.0.1:6653"));
    }

    /** As {@link #start(Path, Path, Path, boolean)}, every edge switch connected to all of these controllers. */
    public static MininetAgent start(final Path script, final Path topology, final Path log,
            final boolean appliances, final List<String> controllers) throws IOException {
        final var process = new ProcessBuilder(PYTHON, script.toString()).redirectError(log.toFile()).start();
        final var agent = new MininetAgent(process);
        final ObjectNode request = Restconf.JSON.createObjectNode().put("op", "start")
            .put("controller", String.join(",", controllers)).put("appliances", appliances);
        request.set("topology", Restconf.JSON.readTree(Files.readString(topology)));
        agent.call(request, Duration.ofMinutes(2));
        return agent;
    }

    /** Pings each (host, destination IP) pair, all of one host's in parallel; true where a reply came back. */
    public Map<String, Boolean> pings(final List<List<String>> pairs, final int count) {
        final ObjectNode request = Restconf.JSON.createObjectNode().put("op", "pings").put("count", count)
            .put("wait", 1);
        request.set("pairs", Restconf.JSON.valueToTree(pairs));
        final var results = new TreeMap<String, Boolean>();
        call(request, Duration.ofMinutes(2)).path("results").fields()
            .forEachRemaining(entry -> results.put(entry.getKey(), entry.getValue().asBoolean()));
        return results;
    }

    /** The process id of each host's shell, for running commands in it with mnexec -a. */
    public Map<String, Long> pids() {
        final var pids = new TreeMap<String, Long>();
        call(Restconf.JSON.createObjectNode().put("op", "pids"), Duration.ofSeconds(30)).path("pids").fields()
            .forEachRemaining(entry -> pids.put(entry.getKey(), entry.getValue().asLong()));
        return pids;
    }

    /**
     * Runs a shell command in a host's network namespace without the agent's terminal (mnexec -a, bounded by a
     * timeout) and returns its output: for probes and for daemons, whose stdin the terminal must not be.
     */
    public String exec(final String host, final String command) {
        if (hostPids == null) {
            hostPids = pids();
        }
        final Long pid = hostPids.get(host);
        if (pid == null) {
            throw new IllegalArgumentException("no host " + host);
        }
        return OvsSwitches.run(List.of("timeout", "60", "mnexec", "-a", pid.toString(), "sh", "-c",
            command + "; true"));
    }

    /** Runs a shell command in a host and returns its output. */
    public String sh(final String host, final String command) {
        return call(Restconf.JSON.createObjectNode().put("op", "sh").put("host", host).put("cmd", command),
            Duration.ofMinutes(1)).path("output").asText();
    }

    /** The frames matching a tcpdump filter that a host receives while another host runs a command. */
    public List<String> capture(final String host, final String filter, final int seconds, final String senderHost,
            final String senderCommand) {
        final ObjectNode request = Restconf.JSON.createObjectNode().put("op", "capture").put("host", host)
            .put("filter", filter).put("seconds", seconds);
        request.putObject("during").put("host", senderHost).put("cmd", senderCommand);
        final var lines = new java.util.ArrayList<String>();
        call(request, Duration.ofSeconds(seconds + 60L)).path("lines").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    /** Where {@link #captureAll} listens: a host's interface and a tcpdump filter. */
    public record Tap(String host, String intf, String filter) {
        String key() {
            return host + "/" + intf;
        }
    }

    /**
     * The frames each tap sees (received or sent on its interface), all captured at once while a host runs a
     * command; each line has its Ethernet header ({@code tcpdump -e}).
     */
    public Map<Tap, List<String>> captureAll(final List<Tap> taps, final int seconds, final String senderHost,
            final String senderCommand) {
        final ObjectNode request = Restconf.JSON.createObjectNode().put("op", "capture").put("seconds", seconds);
        final var targets = request.putArray("targets");
        taps.forEach(tap -> targets.addObject().put("host", tap.host()).put("intf", tap.intf())
            .put("filter", tap.filter()));
        request.putObject("during").put("host", senderHost).put("cmd", senderCommand);
        final JsonNode byTarget = call(request, Duration.ofSeconds(seconds + 60L)).path("by_target");
        final var lines = new java.util.LinkedHashMap<Tap, List<String>>();
        for (Tap tap : taps) {
            final var tapLines = new java.util.ArrayList<String>();
            byTarget.path(tap.key()).forEach(line -> tapLines.add(line.asText()));
            lines.put(tap, tapLines);
        }
        return lines;
    }

    /**
     * Kills the processes whose pids a file lists, one per line, and deletes the file. Hosts share the process
     * namespace, so what a test starts in them (listeners, clients) outlives Mininet unless killed.
     */
    public static void killListedProcesses(final Path pids) throws IOException, InterruptedException {
        if (!Files.exists(pids)) {
            return;
        }
        final var command = new java.util.ArrayList<>(List.of("kill"));
        command.addAll(Files.readAllLines(pids).stream().map(String::trim).filter(pid -> !pid.isEmpty()).toList());
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        Files.delete(pids);
    }

    private JsonNode call(final ObjectNode request, final Duration deadline) {
        try {
            requests.write(request.toString() + "\n");
            requests.flush();
            final Future<String> line = reader.submit(answers::readLine);
            final String answer = line.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new IllegalStateException("Mininet agent exited during " + request.path("op"));
            }
            final JsonNode json = Restconf.JSON.readTree(answer);
            if (json.has("error")) {
                throw new IllegalStateException("Mininet agent: " + json.get("error").asText());
            }
            return json;
        } catch (IOException | java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Mininet agent failed on " + request.path("op"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                call(Restconf.JSON.createObjectNode().put("op", "stop"), Duration.ofMinutes(1));
            }
        } catch (IllegalStateException e) {
            process.destroy();
        } finally {
            reader.shutdownNow();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
