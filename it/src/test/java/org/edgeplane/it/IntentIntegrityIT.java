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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * The bad-input corpus against the built distribution: requests an orchestrator or an attacker with a valid account
 * could send, across malformed JSON, wrong types, missing keys, URL key against body key, out-of-range values, bad
 * addresses, duplicates (by number, by name, by alias), dangling and cross-tenant references, deletions of referenced
 * objects, huge strings and lists, unicode, content types and methods, bulk writes with one bad element, and writes
 * to status. Each gets a 4xx (never a 5xx) that names the field, within the HTTP client's timeout (a stalled
 * datastore would exceed it), and the whole intent reads the same before and after. Then a canary port converges,
 * and deleting each kind of object, then the whole intent, with hundreds of ports bound leaves no flow behind on the
 * switch. One Open vSwitch bridge (userspace datapath) is connected so that port names resolve.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class IntentIntegrityIT {
    private static final String BRIDGE = "xcorp";
    /** Datapath id 0xab1. */
    private static final String NODE = "openflow:2737";
    private static final String INTENT = "edgeplane-tenant:intent";
    private static final String JSON = "application/json";
    private static final Duration STALL = Duration.ofSeconds(10);

    private static KarafProcess karaf;
    private static Restconf restconf;

    /** One request of the corpus and what must come back. */
    private record Case(String category, String name, String method, String path, String body, String contentType,
            Set<Integer> statuses, String field) {
    }

    @BeforeClass
    public static void startControllerAndBridge() throws Exception {
        karaf = KarafProcess.fromBuild();
        karaf.start(Duration.ofMinutes(5));
        restconf = Restconf.local();
        OvsSwitches.run(List.of("ovs-vsctl", "--if-exists", "del-br", BRIDGE));
        OvsSwitches.run(List.of("ovs-vsctl", "add-br", BRIDGE, "--", "set", "bridge", BRIDGE, "datapath_type=netdev",
            "protocols=OpenFlow13", "fail-mode=secure", "other-config:datapath-id=0000000000000ab1"));
        for (int i = 1; i <= 4; i++) {
            OvsSwitches.run(List.of("ovs-vsctl", "add-port", BRIDGE, "xc" + i, "--", "set", "interface", "xc" + i,
                "type=internal", "ofport_request=" + i));
        }
        OvsSwitches.run(List.of("ovs-vsctl", "set-controller", BRIDGE, "tcp:127.0.0.1:6653"));
        provisionBaseline();
        awaitInstalled("r1");
    }

    @AfterClass
    public static void stopControllerAndBridge() {
        OvsSwitches.run(List.of("ovs-vsctl", "--if-exists", "del-br", BRIDGE));
        if (karaf != null) {
            karaf.close();
        }
    }

    private static ObjectNode object() {
        return Restconf.JSON.createObjectNode();
    }

    private static String entry(final String list, final ObjectNode value) {
        final ObjectNode body = object();
        body.putArray(list).add(value);
        return body.toString();
    }

    private static ObjectNode port(final String id, final String network, final String tenant, final String switchPort,
            final String mac, final String... ips) {
        final ObjectNode port = object().put("id", id).put("tenant-id", tenant).put("network-id", network)
            .put("switch-id", NODE).put("switch-port", switchPort).put("mac-address", mac);
        final ArrayNode list = port.putArray("ip-address");
        for (String ip : ips) {
            list.add(ip);
        }
        return port;
    }

    /** A valid new red port p3 on xc3, changed by {@code edit}. */
    private static ObjectNode p3(final Consumer<ObjectNode> edit) {
        final ObjectNode port = port("p3", "red-web", "red", "3", "02:00:00:00:01:03", "10.0.0.3");
        edit.accept(port);
        return port;
    }

    private static void create(final String path, final String body) {
        final Restconf.Response response = restconf.exchange("PUT", path, body, JSON);
        assertTrue(path + ": " + response.body(), response.status() == 201 || response.status() == 204);
    }

    private static void provisionBaseline() {
        create(INTENT + "/tenant=red", entry("edgeplane-tenant:tenant", object().put("id", "red").put("name", "Red")));
        create(INTENT + "/tenant=blue", entry("edgeplane-tenant:tenant", object().put("id", "blue")));
        create(INTENT + "/network=red-web", entry("edgeplane-tenant:network", object().put("id", "red-web")
            .put("tenant-id", "red").put("segmentation-type", "vlan").put("segmentation-id", 101)));
        create(INTENT + "/network=blue-web", entry("edgeplane-tenant:network", object().put("id", "blue-web")
            .put("tenant-id", "blue").put("segmentation-type", "vlan").put("segmentation-id", 201)));
        final ObjectNode uplinks = object().put("node-id", NODE);
        uplinks.putArray("uplink-port").add("4");
        create(INTENT + "/switch=" + encode(NODE), entry("edgeplane-tenant:switch", uplinks));
        final ObjectNode r1 = port("r1", "red-web", "red", "1", "02:00:00:00:01:01", "10.0.0.1");
        r1.putArray("edgeplane-firewall:security-group").add("web");
        final ObjectNode group = object().put("tenant-id", "red").put("name", "web");
        group.putArray("rule").add(object().put("id", "http").put("direction", "ingress").put("protocol", "tcp")
            .put("port-range-min", 80));
        create(INTENT + "/edgeplane-firewall:security-group=red,web", entry("edgeplane-firewall:security-group",
            group));
        create(INTENT + "/port=r1", entry("edgeplane-tenant:port", r1));
        create(INTENT + "/port=b1", entry("edgeplane-tenant:port", port("b1", "blue-web", "blue", "2",
            "02:00:00:00:02:01", "10.0.0.1")));
        create(INTENT + "/edgeplane-firewall:policy-rule=red,10", entry("edgeplane-firewall:policy-rule", object()
            .put("tenant-id", "red").put("priority", 10).put("direction", "ingress").put("protocol", "tcp")
            .put("port-range-min", 22).put("action", "deny")));
    }

    private static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void awaitInstalled(final String portId) throws InterruptedException {
        Convergence.awaitEquals("status of " + portId, () -> {
            final JsonNode status = restconf.get("edgeplane-tenant:status/port-status=" + portId).json()
                .path("edgeplane-tenant:port-status").path(0);
            return status.path("switch-connected").asBoolean() + "/" + status.path("flows-installed").asBoolean();
        }, "true/true");
    }

    @Test
    public void corpusIsRefusedWithTheFieldNamedAndNothingWritten() {
        final List<Case> corpus = corpus();
        assertTrue("corpus size " + corpus.size(), corpus.size() >= 150);
        final var failures = new ArrayList<String>();
        final var passed = new TreeMap<String, int[]>();
        long slowest = 0;
        for (Case c : corpus) {
            final JsonNode before = restconf.get(INTENT).json();
            final Instant begin = Instant.now();
            final Restconf.Response response = restconf.exchange(c.method(), c.path(), c.body(), c.contentType());
            final long millis = Duration.between(begin, Instant.now()).toMillis();
            slowest = Math.max(slowest, millis);
            final JsonNode after = restconf.get(INTENT).json();
            final String message = response.errorText();
            final var problems = new ArrayList<String>();
            if (!c.statuses().contains(response.status())) {
                problems.add("status " + response.status() + " not " + c.statuses());
            }
            if (response.status() >= 500 || response.status() < 400) {
                problems.add("not a 4xx");
            }
            if (!message.contains(c.field())) {
                problems.add("message does not name '" + c.field() + "'");
            }
            if (!before.equals(after)) {
                problems.add("the intent changed");
            }
            if (millis > STALL.toMillis()) {
                problems.add("took " + millis + " ms");
            }
            passed.computeIfAbsent(c.category(), key -> new int[2])[problems.isEmpty() ? 0 : 1]++;
            if (!problems.isEmpty()) {
                failures.add(c.category() + "/" + c.name() + ": " + problems + " -- " + response.status() + " "
                    + abbreviate(response.body()));
            }
        }
        final var summary = new StringBuilder("bad-input corpus: " + corpus.size() + " requests, slowest answer "
            + slowest + " ms; passed per category:");
        passed.forEach((category, counts) -> summary.append(' ').append(category).append(' ').append(counts[0])
            .append('/').append(counts[0] + counts[1]));
        Figures.record(summary.toString());
        assertEquals(summary + "\n" + String.join("\n", failures), List.of(), failures);
    }

    /**
     * Password guessing is slowed: after a few wrong passwords for one user from one address, even the right one is
     * answered 429 (with Retry-After) until the lock ends, while other users are not locked; then the right password
     * works again. A client without valid credentials learns nothing from the guard: a write to status answers it
     * 401, not 405.
     */
    @Test
    public void wWrongPasswordsAreLockedOutUntilTheLockEnds() throws InterruptedException {
        final var anonymousStatusWrite = new Restconf("http://127.0.0.1:8181/rests/data/", "admin", "wrong")
            .exchange("PUT", "edgeplane-tenant:status", "{\"edgeplane-tenant:status\":{}}", JSON);
        assertEquals(anonymousStatusWrite.body(), 401, anonymousStatusWrite.status());
        for (int i = 1; i < 5; i++) {
            final var guess = new Restconf("http://127.0.0.1:8181/rests/data/", "admin", "guess" + i).get(INTENT);
            assertEquals(guess.body(), 401, guess.status());
        }
        final var locked = restconf.get(INTENT);
        assertEquals(locked.body(), 429, locked.status());
        assertTrue(locked.body(), locked.errorMessage().contains("too many failed sign-ins as admin"));
        final var otherUser = new Restconf("http://127.0.0.1:8181/rests/data/", "operator", "x").get(INTENT);
        assertEquals(otherUser.body(), 401, otherUser.status());
        Convergence.awaitEquals("the right password after the lock", () -> restconf.get(INTENT).status(), 200);
    }

    @Test
    public void zCanaryPortConvergesAfterTheCorpus() throws InterruptedException {
        create(INTENT + "/port=canary", entry("edgeplane-tenant:port", port("canary", "red-web", "red", "xc3",
            "02:00:00:00:01:99", "10.0.0.99")));
        awaitInstalled("canary");
        Convergence.awaitEquals("canary flows on the bridge", () -> OvsSwitches.countByCookie(BRIDGE,
            Cookies.of(Owner.ISOLATION, ObjectKind.PORT, "canary")) > 0, true);
    }

    /** The Edgeplane flows of the bridge without counters or age, to compare flow tables. */
    private static Set<String> edgeplaneFlows() {
        return OvsSwitches.flows(BRIDGE, OvsSwitches.EDGEPLANE_COOKIES).stream()
            .map(line -> line.replaceAll("duration=[^,]*, |n_packets=[^,]*, |n_bytes=[^,]*, |idle_age=[^,]*, ", "")
                .trim()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Polls until the switch holds exactly as many Edgeplane flows as the status says it should. */
    private static void awaitNothingStale(final String when) throws InterruptedException {
        final Instant deadline = Instant.now().plus(Convergence.DEADLINE);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            final int desired = restconf.get("edgeplane-tenant:status/switch-status=" + encode(NODE)).json()
                .path("edgeplane-tenant:switch-status").path(0).path("desired-flows").asInt(-1);
            final int held = edgeplaneFlows().size();
            if (desired == held) {
                return;
            }
            last = desired + " desired, " + held + " held";
            Thread.sleep(500);
        }
        throw new AssertionError("flows on the switch " + when + ": " + last);
    }

    /** Waits until the switch holds no flow under any of these cookies. */
    private static void awaitNoneOf(final String what, final long... cookies) throws InterruptedException {
        Convergence.awaitEquals(what, () -> Arrays.stream(cookies)
            .map(cookie -> OvsSwitches.countByCookie(BRIDGE, cookie)).sum(), 0L);
    }

    private static void delete(final String path) {
        final Restconf.Response response = restconf.delete(path);
        assertEquals(path + ": " + response.body(), 204, response.status());
    }

    @Test
    public void zzDeletingAnyObjectOrTheWholeIntentLeavesNoFlowBehind() throws InterruptedException {
        awaitInstalled("r1");
        final Set<String> baseline = edgeplaneFlows();
        final int ports = 1000;
        create(INTENT + "/tenant=bulk", entry("edgeplane-tenant:tenant", object().put("id", "bulk")));
        create(INTENT + "/network=bulk-net", entry("edgeplane-tenant:network", object().put("id", "bulk-net")
            .put("tenant-id", "bulk").put("segmentation-type", "vlan").put("segmentation-id", 300)));
        final ObjectNode group = object().put("tenant-id", "bulk").put("name", "mates");
        group.putArray("rule").add(object().put("id", "mates").put("direction", "ingress").put("remote-group",
            "mates")).add(object().put("id", "ssh").put("direction", "ingress").put("protocol", "tcp")
            .put("port-range-min", 22)).add(object().put("id", "out").put("direction", "egress"));
        create(INTENT + "/edgeplane-firewall:security-group=bulk,mates", entry("edgeplane-firewall:security-group",
            group));
        create(INTENT + "/edgeplane-firewall:policy-rule=bulk,5", entry("edgeplane-firewall:policy-rule", object()
            .put("tenant-id", "bulk").put("priority", 5).put("direction", "ingress").put("protocol", "tcp")
            .put("port-range-min", 23).put("action", "deny")));
        final ObjectNode bulk = object();
        final ArrayNode list = bulk.putArray("edgeplane-tenant:port");
        for (int i = 0; i < ports; i++) {
            final ObjectNode port = port("bulk" + i, "bulk-net", "bulk", Integer.toString(100 + i),
                String.format("02:00:00:03:%02x:%02x", i / 256, i % 256), "10.30." + i / 250 + "." + (i % 250 + 1));
            port.putArray("edgeplane-firewall:security-group").add("mates");
            list.add(port);
        }
        final Restconf.Response created = restconf.exchange("PATCH", INTENT, "{\"" + INTENT + "\":{\"port\":"
            + list + "}}", JSON);
        assertTrue(created.body(), created.status() == 200 || created.status() == 204);
        awaitInstalled("bulk" + (ports - 1));
        awaitNothingStale("with " + ports + " more ports");

        final long portFlows = Cookies.of(Owner.ISOLATION, ObjectKind.PORT, "bulk0");
        final long portFirewallFlows = Cookies.of(Owner.FIREWALL, ObjectKind.PORT, "bulk0");
        final long policyFlows = Cookies.of(Owner.FIREWALL, ObjectKind.RULE, "bulk/policy/5");
        final long groupRuleFlows = Cookies.of(Owner.FIREWALL, ObjectKind.RULE, "bulk/mates/ssh");
        final long networkFlows = Cookies.of(Owner.ISOLATION, ObjectKind.NETWORK, "bulk-net");
        for (long cookie : List.of(portFlows, portFirewallFlows, policyFlows, groupRuleFlows, networkFlows)) {
            assertTrue(Long.toHexString(cookie) + " has flows before its object is deleted",
                OvsSwitches.countByCookie(BRIDGE, cookie) > 0);
        }

        delete(INTENT + "/port=bulk0");
        awaitNoneOf("the deleted port's isolation and firewall flows", portFlows, portFirewallFlows);
        awaitNothingStale("after a port was deleted");
        delete(INTENT + "/edgeplane-firewall:policy-rule=bulk,5");
        awaitNoneOf("the deleted policy rule's flows", policyFlows);
        awaitNothingStale("after a policy rule was deleted");
        delete(INTENT + "/edgeplane-firewall:security-group=bulk,mates/rule=ssh");
        awaitNoneOf("the deleted group rule's flows", groupRuleFlows);
        awaitNothingStale("after a security group rule was deleted");
        delete(INTENT + "/switch=" + encode(NODE));
        awaitNothingStale("after the switch's uplinks were deleted");

        final ObjectNode remaining = object();
        final ObjectNode intent = remaining.putObject(INTENT);
        intent.putArray("tenant").add(object().put("id", "red").put("name", "Red")).add(object().put("id", "blue"));
        for (JsonNode network : restconf.get(INTENT).json().path(INTENT).path("network")) {
            if (!"bulk".equals(network.path("tenant-id").asText())) {
                intent.withArray("network").add(network);
            }
        }
        for (JsonNode port : restconf.get(INTENT).json().path(INTENT).path("port")) {
            if (!"bulk".equals(port.path("tenant-id").asText())) {
                intent.withArray("port").add(port);
            }
        }
        for (JsonNode kept : restconf.get(INTENT).json().path(INTENT).path("edgeplane-firewall:security-group")) {
            if (!"bulk".equals(kept.path("tenant-id").asText())) {
                intent.withArray("edgeplane-firewall:security-group").add(kept);
            }
        }
        for (JsonNode kept : restconf.get(INTENT).json().path(INTENT).path("edgeplane-firewall:policy-rule")) {
            intent.withArray("edgeplane-firewall:policy-rule").add(kept);
        }
        final ObjectNode uplinks = object().put("node-id", NODE);
        uplinks.putArray("uplink-port").add("4");
        intent.putArray("switch").add(uplinks);
        // Replacing the whole intent with the baseline deletes the bulk tenant, its network, group and ports.
        final Restconf.Response replaced = restconf.exchange("PUT", INTENT, remaining.toString(), JSON);
        assertEquals(replaced.body(), 204, replaced.status());
        Convergence.awaitEquals("flows after the bulk tenant was deleted", IntentIntegrityIT::edgeplaneFlows,
            baseline);
        assertEquals("the deleted network's flows", 0, OvsSwitches.countByCookie(BRIDGE, networkFlows));

        delete(INTENT);
        Convergence.awaitEquals("Edgeplane flows after the whole intent was deleted",
            () -> edgeplaneFlows().size(), 0);
    }

    private static String abbreviate(final String text) {
        final String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    @SuppressWarnings("checkstyle:MethodLength")
    private static List<Case> corpus() {
        final var cases = new ArrayList<Case>();
        final String p3Path = INTENT + "/port=p3";
        final String portList = "edgeplane-tenant:port";
        final Set<Integer> bad = Set.of(400);
        final Set<Integer> conflict = Set.of(409);
        final Set<Integer> badOrConflict = Set.of(400, 409);
        cases.add(new Case("huge", "classifiers-17", "PUT", INTENT
            + "/edgeplane-service-insertion:service-chain=red,c9", chainWithClassifiers(17), JSON, bad, "classifier"));
        cases.add(new Case("huge", "groups-on-port-33", "PUT", p3Path, entry("edgeplane-tenant:port", p3(p -> {
            final ArrayNode groups = p.putArray("edgeplane-firewall:security-group");
            IntStream.range(0, 33).forEach(i -> groups.add("g" + i));
        })), JSON, bad, "security-group"));

        // Malformed JSON: nothing to name but the body.
        final String[][] malformed = {
            {"open-brace", "{"}, {"not-json", "not json"},
            {"trailing-comma", "{\"" + portList + "\":[{\"id\":\"p3\",}]}"},
            {"array", "[]"}, {"string", "\"p3\""}, {"null", "null"}, {"single-quotes", "{'" + portList + "':[]}"},
            {"truncated", "{\"" + portList + "\":[{\"id\":\"p3\",\"tenant-id\":\"red\""},
            {"nan", "{\"" + portList + "\":[{\"id\":\"p3\",\"segmentation-id\":NaN}]}"},
            {"trailing-garbage", entry(portList, p3(p -> { })) + "x"},
            {"second-document", entry(portList, p3(p -> { })) + entry(portList, p3(p -> { }))},
            {"control-bytes", new String(new char[] {0, 1, 2})},
        };
        for (String[] body : malformed) {
            cases.add(new Case("malformed-json", body[0], "PUT", p3Path, body[1], JSON, bad, "request body"));
        }
        cases.add(new Case("malformed-json", "empty", "PUT", p3Path, "", JSON, bad, "nput"));

        // Wrong types.
        final Object[][] wrongTypes = {
            {"isolated-string", "isolated", "yes"}, {"isolated-number", "isolated", 1},
            {"port-security-string", "port-security-enabled", "no"}, {"ip-as-string", "ip-address", "10.0.0.3"},
            {"ip-nested", "ip-address", List.of(List.of("10.0.0.3"))}, {"mac-null", "mac-address", null},
            {"mac-object", "mac-address", Map.of("a", 1)}};
        for (Object[] t : wrongTypes) {
            cases.add(new Case("wrong-type", (String) t[0], "PUT", p3Path, entry(portList,
                p3(p -> p.set((String) t[1], Restconf.JSON.valueToTree(t[2])))), JSON, bad, (String) t[1]));
        }
        final Object[][] segmentationIds = {
            {"segmentation-id-text", "abc"}, {"segmentation-id-bool", true}, {"segmentation-id-fraction", 1.5},
            {"segmentation-id-negative", -1}, {"segmentation-id-huge", 99999999999L},
        };
        for (Object[] t : segmentationIds) {
            cases.add(new Case("wrong-type", (String) t[0], "PUT", INTENT + "/network=n9",
                entry("edgeplane-tenant:network", object().put("id", "n9").put("tenant-id", "red")
                    .put("segmentation-type", "vlan").set("segmentation-id", Restconf.JSON.valueToTree(t[1]))), JSON,
                bad, "segmentation-id"));
        }
        cases.add(new Case("wrong-type", "segmentation-type-unknown", "PUT", INTENT + "/network=n9",
            entry("edgeplane-tenant:network", object().put("id", "n9").put("tenant-id", "red")
                .put("segmentation-type", "vlanx").put("segmentation-id", 9)), JSON, bad, "segmentation-type"));
        cases.add(new Case("wrong-type", "kbps-text", "PUT", p3Path, entry(portList, p3(p -> p.set("rate-limit",
            object().put("kbps", "fast")))), JSON, bad, "kbps"));
        cases.add(new Case("wrong-type", "profile-unknown", "PUT", INTENT + "/switch=" + encode(NODE),
            entry("edgeplane-tenant:switch", object().put("node-id", NODE).put("profile", "cisco")), JSON, bad,
            "profile"));
        cases.add(new Case("wrong-type", "policy-action-unknown", "PUT", INTENT
            + "/edgeplane-firewall:policy-rule=red,20", entry("edgeplane-firewall:policy-rule", object()
                .put("tenant-id", "red").put("priority", 20).put("direction", "ingress").put("action", "maybe")),
            JSON, bad, "action"));
        cases.add(new Case("wrong-type", "policy-priority-text", "PUT", INTENT
            + "/edgeplane-firewall:policy-rule=red,20", entry("edgeplane-firewall:policy-rule", object()
                .put("tenant-id", "red").put("priority", "high").put("direction", "ingress").put("action", "deny")),
            JSON, bad, "priority"));
        cases.add(new Case("wrong-type", "rule-direction-unknown", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("direction",
                "sideways")), JSON, bad, "direction"));

        // Missing keys and required leaves.
        for (String field : List.of("tenant-id", "network-id", "switch-id", "switch-port", "mac-address")) {
            cases.add(new Case("missing", "port-" + field, "PUT", p3Path, entry(portList, p3(p -> p.remove(field))),
                JSON, bad, field));
        }
        for (String field : List.of("tenant-id", "segmentation-type", "segmentation-id")) {
            final ObjectNode network = object().put("id", "n9").put("tenant-id", "red").put("segmentation-type",
                "vlan").put("segmentation-id", 9);
            network.remove(field);
            cases.add(new Case("missing", "network-" + field, "PUT", INTENT + "/network=n9",
                entry("edgeplane-tenant:network", network), JSON, bad, field));
        }
        cases.add(new Case("missing", "port-id", "PUT", p3Path, entry(portList, p3(p -> p.remove("id"))), JSON,
            badOrConflict, "id"));
        cases.add(new Case("missing", "rate-limit-kbps", "PUT", p3Path, entry(portList, p3(p -> p.set("rate-limit",
            object().put("burst-kbits", 5)))), JSON, bad, "rate-limit/kbps"));
        cases.add(new Case("missing", "policy-action", "PUT", INTENT + "/edgeplane-firewall:policy-rule=red,20",
            entry("edgeplane-firewall:policy-rule", object().put("tenant-id", "red").put("priority", 20)
                .put("direction", "ingress")), JSON, bad, "action"));
        cases.add(new Case("missing", "rule-direction", "PUT", INTENT + "/edgeplane-firewall:security-group=red,g9",
            securityGroup("g9", rule -> rule.remove("direction")), JSON, bad, "direction"));
        cases.add(new Case("missing", "service-function-ingress", "PUT", INTENT
            + "/edgeplane-service-insertion:service-function=red,ids", entry(
                "edgeplane-service-insertion:service-function", object().put("tenant-id", "red").put("name", "ids")),
            JSON, bad, "ingress-port"));

        // URL key against body key.
        cases.add(new Case("key-mismatch", "port", "PUT", p3Path, entry(portList, p3(p -> p.put("id", "p4"))), JSON,
            bad, "id"));
        cases.add(new Case("key-mismatch", "tenant", "PUT", INTENT + "/tenant=green",
            entry("edgeplane-tenant:tenant", object().put("id", "yellow")), JSON, bad, "id"));
        cases.add(new Case("key-mismatch", "network", "PUT", INTENT + "/network=n9", entry("edgeplane-tenant:network",
            object().put("id", "n8").put("tenant-id", "red").put("segmentation-type", "vlan")
                .put("segmentation-id", 9)), JSON, bad, "id"));
        cases.add(new Case("key-mismatch", "switch", "PUT", INTENT + "/switch=openflow%3A9",
            entry("edgeplane-tenant:switch", object().put("node-id", "openflow:8")), JSON, bad, "node-id"));
        cases.add(new Case("key-mismatch", "security-group", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g8", rule -> { }), JSON, bad, "name"));
        cases.add(new Case("key-mismatch", "policy-priority", "PUT", INTENT
            + "/edgeplane-firewall:policy-rule=red,20", entry("edgeplane-firewall:policy-rule", object()
                .put("tenant-id", "red").put("priority", 21).put("direction", "ingress").put("action", "deny")),
            JSON, bad, "priority"));

        // Out of range.
        final Object[][] segments = {
            {"vlan-0", "vlan", 0}, {"vlan-4095", "vlan", 4095}, {"vxlan-0", "vxlan", 0},
            {"vxlan-2^24", "vxlan", 16777216},
        };
        for (Object[] t : segments) {
            cases.add(new Case("out-of-range", (String) t[0], "PUT", INTENT + "/network=n9",
                entry("edgeplane-tenant:network", object().put("id", "n9").put("tenant-id", "red")
                    .put("segmentation-type", (String) t[1]).put("segmentation-id", (Integer) t[2])), JSON, bad,
                "segmentation-id"));
        }
        for (String switchPort : List.of("0", "65280", "4294967294", "70000", "-1", "007", "1.5")) {
            cases.add(new Case("out-of-range", "switch-port-" + switchPort, "PUT", p3Path, entry(portList,
                p3(p -> p.put("switch-port", switchPort))), JSON, bad, "switch-port"));
        }
        for (String switchId : List.of("openflow:0", "openflow:18446744073709551616", "openflow:01", "of:1",
                "openflow:-1")) {
            cases.add(new Case("out-of-range", "switch-id-" + switchId, "PUT", p3Path, entry(portList,
                p3(p -> p.put("switch-id", switchId))), JSON, bad, "switch-id"));
        }
        cases.add(new Case("out-of-range", "kbps-0", "PUT", p3Path, entry(portList, p3(p -> p.set("rate-limit",
            object().put("kbps", 0)))), JSON, bad, "kbps"));
        cases.add(new Case("out-of-range", "kbps-negative", "PUT", p3Path, entry(portList, p3(p -> p.set("rate-limit",
            object().put("kbps", -5)))), JSON, bad, "kbps"));
        for (int priority : new int[] {0, 10001, 70000}) {
            cases.add(new Case("out-of-range", "policy-priority-" + priority, "PUT", INTENT
                + "/edgeplane-firewall:policy-rule=red," + priority, entry("edgeplane-firewall:policy-rule", object()
                    .put("tenant-id", "red").put("priority", priority).put("direction", "ingress").put("action",
                        "deny")), JSON, bad, "priority"));
        }
        cases.add(new Case("out-of-range", "rule-port-70000", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("protocol", "tcp")
                .put("port-range-min", 70000)), JSON, bad, "port-range-min"));
        cases.add(new Case("out-of-range", "rule-inverted-range", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("protocol", "tcp")
                .put("port-range-min", 90).put("port-range-max", 80)), JSON, bad, "port-range-max"));
        cases.add(new Case("out-of-range", "rule-protocol-256", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("protocol", "256")),
            JSON, bad, "protocol"));

        // Bad MAC, IP and prefixes.
        for (String mac : List.of("zz:00:00:00:00:01", "01:00:5e:00:00:01", "00:00:00:00:00:00", "02:00:00:00:00",
                "02-00-00-00-01-03", "ff:ff:ff:ff:ff:ff", "02:00:00:00:01:030")) {
            cases.add(new Case("bad-address", "mac-" + mac, "PUT", p3Path, entry(portList,
                p3(p -> p.put("mac-address", mac))), JSON, bad, "mac-address"));
        }
        for (String ip : List.of("10.0.0.300", "10.0.0.3/24", "fe80::1%eth0", "abc", "0.0.0.0", "255.255.255.255",
                "224.0.0.5", "127.0.0.1", "::1", "::", "ff02::1", "240.0.0.1", "0.1.2.3")) {
            cases.add(new Case("bad-address", "ip-" + ip, "PUT", p3Path, entry(portList,
                p3(p -> p.putArray("ip-address").add(ip))), JSON, bad, "ip-address"));
        }
        for (String prefix : List.of("10.0.5.1/33", "10.0.5.1/24", "zz", "224.0.0.0/4", "127.0.0.1")) {
            cases.add(new Case("bad-address", "pair-" + prefix, "PUT", p3Path, entry(portList,
                p3(p -> p.putArray("allowed-address-pair").add(object().put("ip-prefix", prefix)))), JSON, bad,
                "ip-prefix"));
        }
        cases.add(new Case("bad-address", "pair-mac", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("allowed-address-pair").add(object().put("ip-prefix", "10.0.5.5")
                .put("mac-address", "01:00:00:00:00:01")))), JSON, bad, "mac-address"));
        cases.add(new Case("bad-address", "tunnel-ip", "PUT", INTENT + "/switch=" + encode(NODE),
            entry("edgeplane-tenant:switch", object().put("node-id", NODE).put("tunnel-ip", "1.2.3")), JSON, bad,
            "tunnel-ip"));
        cases.add(new Case("bad-address", "remote-ip-prefix", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("remote-ip-prefix",
                "10.0.0.1/8")), JSON, bad, "remote-ip-prefix"));
        cases.add(new Case("bad-address", "remote-ip-prefix-family", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("remote-ip-prefix",
                "fd00::/8")), JSON, bad, "remote-ip-prefix"));

        // Duplicates, by number, by name and by alias.
        cases.add(new Case("duplicate", "switch-port-by-number", "PUT", INTENT + "/port=x1", entry(portList,
            port("x1", "blue-web", "blue", "1", "02:00:00:00:02:09", "10.0.0.9")), JSON, conflict, "r1"));
        cases.add(new Case("duplicate", "switch-port-by-name", "PUT", INTENT + "/port=x1", entry(portList,
            port("x1", "blue-web", "blue", "xc1", "02:00:00:00:02:09", "10.0.0.9")), JSON, conflict, "r1"));
        cases.add(new Case("duplicate", "switch-port-by-name-same-tenant", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", "xc2"))), JSON, conflict, "b1"));
        cases.add(new Case("duplicate", "uplink-by-name", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", "xc4"))), JSON, conflict, "uplink"));
        cases.add(new Case("duplicate", "uplink-by-number", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", "4"))), JSON, conflict, "uplink"));
        cases.add(new Case("duplicate", "uplink-names-an-endpoint", "PUT", INTENT + "/switch=" + encode(NODE),
            entry("edgeplane-tenant:switch", object().put("node-id", NODE).set("uplink-port",
                Restconf.JSON.valueToTree(List.of("4", "xc1")))), JSON, conflict, "r1"));
        cases.add(new Case("duplicate", "tunnel-is-uplink", "PUT", INTENT + "/switch=" + encode(NODE),
            entry("edgeplane-tenant:switch", object().put("node-id", NODE).put("tunnel-ip", "172.16.0.1")
                .put("tunnel-port", "xc4").set("uplink-port", Restconf.JSON.valueToTree(List.of("4")))), JSON,
            conflict, "tunnel-port"));
        cases.add(new Case("duplicate", "local-port-by-bridge-name", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", BRIDGE))), JSON, bad, "LOCAL"));
        cases.add(new Case("duplicate", "reserved-name-local", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", "LOCAL"))), JSON, bad, "switch-port"));
        cases.add(new Case("duplicate", "mac-in-network", "PUT", p3Path, entry(portList,
            p3(p -> p.put("mac-address", "02:00:00:00:01:01"))), JSON, conflict, "mac-address"));
        cases.add(new Case("duplicate", "ip-in-network", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("ip-address").add("10.0.0.1"))), JSON, conflict, "ip-address"));
        cases.add(new Case("duplicate", "ip-twice-in-port", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("ip-address").add("fd00::3").add("fd00:0::3"))), JSON, bad, "ip-address"));
        cases.add(new Case("duplicate", "link-local-of-neighbour", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("ip-address").add("fe80::ff:fe00:101"))), JSON, conflict, "r1"));
        cases.add(new Case("duplicate", "pair-neighbour-mac", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("allowed-address-pair").add(object().put("ip-prefix", "10.0.5.5")
                .put("mac-address", "02:00:00:00:01:01")))), JSON, conflict, "r1"));
        cases.add(new Case("duplicate", "pair-neighbour-ip", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("allowed-address-pair").add(object().put("ip-prefix", "10.0.0.1")))), JSON, conflict,
            "r1"));
        cases.add(new Case("duplicate", "pair-covers-neighbour", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("allowed-address-pair").add(object().put("ip-prefix", "10.0.0.0/24")))), JSON,
            conflict, "r1"));
        cases.add(new Case("duplicate", "vlan-of-other-network", "PUT", INTENT + "/network=n9",
            entry("edgeplane-tenant:network", object().put("id", "n9").put("tenant-id", "blue")
                .put("segmentation-type", "vlan").put("segmentation-id", 101)), JSON, conflict, "segmentation-id"));
        cases.add(new Case("duplicate", "create-existing-with-post", "POST", INTENT, entry(portList,
            port("r1", "red-web", "red", "1", "02:00:00:00:01:01", "10.0.0.1")), JSON, conflict, "exists"));

        // Dangling and cross-tenant references.
        cases.add(new Case("reference", "unknown-tenant", "PUT", p3Path, entry(portList,
            p3(p -> p.put("tenant-id", "nobody"))), JSON, bad, "tenant-id"));
        cases.add(new Case("reference", "unknown-network", "PUT", p3Path, entry(portList,
            p3(p -> p.put("network-id", "nonet"))), JSON, bad, "network-id"));
        cases.add(new Case("reference", "other-tenants-network", "PUT", p3Path, entry(portList,
            p3(p -> p.put("network-id", "blue-web"))), JSON, bad, "network-id"));
        cases.add(new Case("reference", "unknown-security-group", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("edgeplane-firewall:security-group").add("nogroup"))), JSON, bad, "security-group"));
        cases.add(new Case("reference", "other-tenants-security-group", "PUT", INTENT + "/port=b1", entry(portList,
            port("b1", "blue-web", "blue", "2", "02:00:00:00:02:01", "10.0.0.1")
                .set("edgeplane-firewall:security-group", Restconf.JSON.valueToTree(List.of("web")))), JSON, bad,
            "security-group"));
        cases.add(new Case("reference", "unknown-remote-group", "PUT", INTENT
            + "/edgeplane-firewall:security-group=red,g9", securityGroup("g9", rule -> rule.put("remote-group",
                "nogroup")), JSON, bad, "remote-group"));
        cases.add(new Case("reference", "group-of-unknown-tenant", "PUT", INTENT
            + "/edgeplane-firewall:security-group=nobody,g9", entry("edgeplane-firewall:security-group", object()
                .put("tenant-id", "nobody").put("name", "g9")), JSON, bad, "tenant-id"));
        cases.add(new Case("reference", "policy-of-unknown-tenant", "PUT", INTENT
            + "/edgeplane-firewall:policy-rule=nobody,20", entry("edgeplane-firewall:policy-rule", object()
                .put("tenant-id", "nobody").put("priority", 20).put("direction", "ingress").put("action", "deny")),
            JSON, bad, "tenant-id"));
        cases.add(new Case("reference", "network-of-unknown-tenant", "PUT", INTENT + "/network=n9",
            entry("edgeplane-tenant:network", object().put("id", "n9").put("tenant-id", "nobody")
                .put("segmentation-type", "vlan").put("segmentation-id", 9)), JSON, bad, "tenant-id"));
        cases.add(new Case("reference", "service-function-other-tenants-port", "PUT", INTENT
            + "/edgeplane-service-insertion:service-function=red,ids", entry(
                "edgeplane-service-insertion:service-function", object().put("tenant-id", "red").put("name", "ids")
                    .put("ingress-port", "b1")), JSON, bad, "ingress-port"));
        cases.add(new Case("reference", "chain-unknown-hop", "PUT", INTENT
            + "/edgeplane-service-insertion:service-chain=red,c9", entry("edgeplane-service-insertion:service-chain",
                object().put("tenant-id", "red").put("name", "c9").set("hop", Restconf.JSON.valueToTree(
                    List.of("nohop")))), JSON, bad, "hop"));

        // Deleting referenced objects.
        cases.add(new Case("delete-referenced", "tenant-with-networks", "DELETE", INTENT + "/tenant=red", null, null,
            conflict, "tenant[red]"));
        cases.add(new Case("delete-referenced", "network-with-ports", "DELETE", INTENT + "/network=red-web", null,
            null, conflict, "network[red-web]"));
        cases.add(new Case("delete-referenced", "security-group-of-a-port", "DELETE", INTENT
            + "/edgeplane-firewall:security-group=red,web", null, null, badOrConflict, "security-group"));
        cases.add(new Case("delete-referenced", "missing-entry", "DELETE", INTENT + "/port=nothere", null, null,
            Set.of(404, 409), ""));

        // Huge strings and lists.
        final String huge = "a".repeat(100_000);
        cases.add(new Case("huge", "tenant-id-65", "PUT", INTENT + "/tenant=" + "t".repeat(65),
            entry("edgeplane-tenant:tenant", object().put("id", "t".repeat(65))), JSON, bad, "id"));
        cases.add(new Case("huge", "tenant-name-100k", "PUT", INTENT + "/tenant=green",
            entry("edgeplane-tenant:tenant", object().put("id", "green").put("name", huge)), JSON, bad, "name"));
        cases.add(new Case("huge", "group-name-100k-in-body", "POST", INTENT, entry(
            "edgeplane-firewall:security-group", object().put("tenant-id", "red").put("name", huge)), JSON, bad,
            "name"));
        cases.add(new Case("huge", "switch-port-100k", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", huge))), JSON, bad, "switch-port"));
        cases.add(new Case("huge", "ips-17", "PUT", p3Path, entry(portList, p3(p -> {
            final ArrayNode ips = p.putArray("ip-address");
            IntStream.range(0, 17).forEach(i -> ips.add("10.0.3." + (i + 1)));
        })), JSON, bad, "ip-address"));
        cases.add(new Case("huge", "ips-10000", "PUT", p3Path, entry(portList, p3(p -> {
            final ArrayNode ips = p.putArray("ip-address");
            IntStream.range(0, 10_000).forEach(i -> ips.add("10.1." + i / 250 + "." + (i % 250 + 1)));
        })), JSON, bad, "ip-address"));
        cases.add(new Case("huge", "pairs-11", "PUT", p3Path, entry(portList, p3(p -> {
            final ArrayNode pairs = p.putArray("allowed-address-pair");
            IntStream.range(0, 11).forEach(i -> pairs.add(object().put("ip-prefix", "10.0.7." + (i + 1))));
        })), JSON, bad, "allowed-address-pair"));
        cases.add(new Case("huge", "uplinks-10000", "PUT", INTENT + "/switch=" + encode(NODE),
            entry("edgeplane-tenant:switch", object().put("node-id", NODE).set("uplink-port",
                Restconf.JSON.valueToTree(IntStream.range(0, 10_000).mapToObj(i -> Integer.toString(i + 100))
                    .toList()))), JSON, bad, "uplink-port"));
        cases.add(new Case("huge", "rules-1001", "PUT", INTENT + "/edgeplane-firewall:security-group=red,g9",
            securityGroupWithRules("g9", 1001), JSON, bad, "rule"));
        cases.add(new Case("huge", "rules-10000", "PUT", INTENT + "/edgeplane-firewall:security-group=red,g9",
            securityGroupWithRules("g9", 10_000), JSON, bad, "rule"));
        cases.add(new Case("huge", "url-key-100k", "DELETE", INTENT + "/edgeplane-firewall:security-group=red,"
            + "b".repeat(100_000), null, null, Set.of(400, 404, 409, 414, 431), ""));

        // Unicode.
        cases.add(new Case("unicode", "tenant-id-accent", "PUT", INTENT + "/tenant=" + encode("rouge-é"),
            entry("edgeplane-tenant:tenant", object().put("id", "rouge-é")), JSON, bad, "id"));
        cases.add(new Case("unicode", "switch-port-zero-width", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", "xc3" + chars(0x200b)))), JSON, bad, "switch-port"));
        cases.add(new Case("unicode", "switch-port-fullwidth-digit", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-port", chars(0xff13)))), JSON, bad, "switch-port"));
        cases.add(new Case("unicode", "mac-fullwidth", "PUT", p3Path, entry(portList,
            p3(p -> p.put("mac-address", chars(0xff10, 0xff12) + ":00:00:00:01:03"))), JSON, bad, "mac-address"));
        cases.add(new Case("unicode", "ip-arabic-digits", "PUT", p3Path, entry(portList,
            p3(p -> p.putArray("ip-address").add(chars(0x661, 0x660) + ".0.0.3"))), JSON, bad, "ip-address"));
        cases.add(new Case("unicode", "network-id-rtl", "PUT", p3Path, entry(portList,
            p3(p -> p.put("network-id", "red-web" + chars(0x202e)))), JSON, bad, "network-id"));
        cases.add(new Case("unicode", "switch-id-homoglyph", "PUT", p3Path, entry(portList,
            p3(p -> p.put("switch-id", "openfl" + chars(0x43e) + "w:2737"))), JSON, bad, "switch-id"));

        // Content types and methods.
        cases.add(new Case("protocol", "text-plain", "PUT", p3Path, entry(portList, p3(p -> { })), "text/plain",
            Set.of(415), ""));
        cases.add(new Case("protocol", "xml-with-json-body", "PUT", p3Path, entry(portList, p3(p -> { })),
            "application/xml", Set.of(400), ""));
        cases.add(new Case("protocol", "no-content-type", "PUT", p3Path, entry(portList, p3(p -> { })), null,
            Set.of(400, 415), ""));
        cases.add(new Case("protocol", "trace", "TRACE", p3Path, null, null, Set.of(405), ""));
        cases.add(new Case("protocol", "merge-with-wrong-type", "PATCH", INTENT + "/port=r1", entry(portList,
            object().put("id", "r1").put("isolated", "maybe")), JSON, bad, "isolated"));
        cases.add(new Case("protocol", "merge-moves-port-to-other-tenant", "PATCH", INTENT + "/port=r1",
            entry(portList, object().put("id", "r1").put("tenant-id", "blue")), JSON, bad, "network-id"));

        // Bulk writes with one bad element.
        cases.add(new Case("bulk", "merge-three-ports-one-bad", "PATCH", INTENT, intentWithPorts(List.of(
            port("p5", "red-web", "red", "5", "02:00:00:00:01:05", "10.0.0.5"),
            port("p6", "red-web", "red", "6", "02:00:00:00:01:06", "10.0.0.6"),
            port("p7", "red-web", "red", "7", "zz", "10.0.0.7"))), JSON, bad, "port[p7]/mac-address"));
        cases.add(new Case("bulk", "post-two-ports-colliding", "POST", INTENT, twoPorts(
            port("p5", "red-web", "red", "5", "02:00:00:00:01:05", "10.0.0.5"),
            port("p6", "red-web", "red", "xc3", "02:00:00:00:01:06", "10.0.0.6"),
            port("p7", "red-web", "red", "3", "02:00:00:00:01:07", "10.0.0.7")), JSON, conflict, "switch-port"));
        cases.add(new Case("bulk", "merge-whole-intent-one-bad-network", "PATCH", INTENT, intentWithNetwork(
            object().put("id", "n9").put("tenant-id", "red").put("segmentation-type", "vlan")
                .put("segmentation-id", 5000)), JSON, bad, "segmentation-id"));
        final ObjectNode wholeIntent = (ObjectNode) restconf.get(INTENT).json().deepCopy();
        ((ObjectNode) wholeIntent.path(INTENT)).withArray("port").add(port("p7", "red-web", "red", "7",
            "02:00:00:00:01:07", "127.0.0.1"));
        cases.add(new Case("bulk", "put-whole-intent-one-bad-port", "PUT", INTENT, wholeIntent.toString(), JSON,
            bad, "port[p7]/ip-address"));
        // Writes to status.
        final String[][] statusWrites = {
            {"PUT", "edgeplane-tenant:status"}, {"POST", "edgeplane-tenant:status"},
            {"DELETE", "edgeplane-tenant:status"}, {"PATCH", "edgeplane-tenant:status"},
            {"PUT", "edgeplane-tenant:status/port-status=r1"}, {"DELETE", "edgeplane-firewall:firewall-status"},
            {"PUT", "edgeplane-firewall:firewall-status"},
            {"DELETE", "edgeplane-service-insertion:service-chain-status"},
        };
        for (String[] t : statusWrites) {
            final String body = "DELETE".equals(t[0]) ? null
                : "{\"edgeplane-tenant:status\":{\"port-status\":[{\"id\":\"r1\"}]}}";
            cases.add(new Case("status", t[0] + "-" + t[1], t[0], t[1], body, body == null ? null : JSON,
                Set.of(405), t[1].split("/")[0]));
        }
        cases.add(new Case("status", "POST-root-with-status", "POST", "", "{\"edgeplane-tenant:status\":"
            + "{\"port-status\":[{\"id\":\"x\"}]}}", JSON, Set.of(405), "edgeplane-tenant:status"));
        return cases;
    }

    /** Text of code points, for the characters a test must not write literally. */
    private static String chars(final int... codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    private static String securityGroup(final String name, final Consumer<ObjectNode> editRule) {
        final ObjectNode rule = object().put("id", "r").put("direction", "ingress");
        editRule.accept(rule);
        final ObjectNode group = object().put("tenant-id", "red").put("name", name);
        group.putArray("rule").add(rule);
        return entry("edgeplane-firewall:security-group", group);
    }

    private static String securityGroupWithRules(final String name, final int count) {
        final ObjectNode group = object().put("tenant-id", "red").put("name", name);
        final ArrayNode rules = group.putArray("rule");
        IntStream.range(0, count).forEach(i -> rules.add(object().put("id", "r" + i).put("direction", "ingress")
            .put("protocol", "tcp").put("port-range-min", 1 + i % 65535)));
        return entry("edgeplane-firewall:security-group", group);
    }

    private static String chainWithClassifiers(final int count) {
        final ObjectNode chain = object().put("tenant-id", "red").put("name", "c9");
        chain.putArray("hop").add("h1");
        final ArrayNode classifiers = chain.putArray("classifier");
        IntStream.range(0, count).forEach(i -> classifiers.add(object().put("name", "k" + i)
            .put("logical-source-port", "r1")));
        return entry("edgeplane-service-insertion:service-chain", chain);
    }

    private static String intentWithPorts(final List<ObjectNode> ports) {
        final ObjectNode intent = object();
        final ArrayNode list = intent.putArray("port");
        ports.forEach(list::add);
        final ObjectNode body = object();
        body.set(INTENT, intent);
        return body.toString();
    }

    private static String intentWithNetwork(final ObjectNode network) {
        final ObjectNode intent = object();
        intent.putArray("network").add(network);
        final ObjectNode body = object();
        body.set(INTENT, intent);
        return body.toString();
    }

    private static String twoPorts(final ObjectNode... ports) {
        final ObjectNode body = object();
        final ArrayNode list = body.putArray("edgeplane-tenant:port");
        for (ObjectNode port : ports) {
            list.add(port);
        }
        return body.toString();
    }
}
