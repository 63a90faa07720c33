/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.compiler;

import static org.edgeplane.core.testing.IntentFixtures.mac;
import static org.edgeplane.insertion.compiler.ChainFixtures.ROUTER_IN;
import static org.edgeplane.insertion.compiler.ChainFixtures.ROUTER_OUT;
import static org.edgeplane.insertion.compiler.ChainFixtures.chain;
import static org.edgeplane.insertion.compiler.ChainFixtures.topology;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.SwitchFacts;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.testing.FlowTableModel;
import org.edgeplane.core.testing.FlowTableModel.Delivery;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.TenantName;
import org.edgeplane.insertion.status.ChainStatus;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.Test;

/**
 * Where chained packets go, on the in-memory data plane with isolation's and service insertion's flows and groups,
 * in the topology of {@link ChainFixtures}.
 */
public class ChainPacketFateTest {
    /** Isolation's and insertion's flows and groups on the two-switch model, with the appliances attached. */
    private static FlowTableModel model(final Intent intent, final ChainIntent chains, final Set<Long> downOnS2) {
        final Map<String, SwitchFacts> facts = downOnS2.isEmpty() ? Map.of()
            : Map.of("openflow:2", new SwitchFacts("openflow:2", Map.of(), null, downOnS2));
        final CompiledIntent compiled = IsolationCompiler.compile(intent, facts);
        final ChainFlows chainFlows = ChainCompiler.compile(chains, intent, compiled.edgeFacts());
        assertEquals(List.of(), chainFlows.problems());
        final var all = new TreeMap<String, List<FlowRecord>>();
        compiled.flowsBySwitch().forEach((switchId, flows) -> all.put(switchId, new ArrayList<>(flows.values())));
        chainFlows.flowsBySwitch().forEach((switchId, flows) -> all.computeIfAbsent(switchId,
            key -> new ArrayList<>()).addAll(flows.values()));
        final UnaryOperator<Frame> bridge = frame -> frame;
        // A router sends on with its own MAC as source, to the MAC of the destination address; broadcasts stop.
        final Map<String, String> macs = Map.of("10.0.0.1", mac(0x11), "10.0.0.2", mac(0x12));
        return new FlowTableModel(all).groups(chainFlows.groupsBySwitch())
            .uplink("openflow:1", 10).uplink("openflow:2", 10)
            .host("r1", "openflow:1", 1).host("r2", "openflow:2", 1).host("r3", "openflow:1", 3)
            .host("b1", "openflow:1", 4).host("b2", "openflow:2", 2)
            .appliance("ids", "openflow:1", 5, 6, bridge, bridge)
            .appliance("ids2", "openflow:2", 7, 8, bridge, bridge)
            .appliance("router", "openflow:2", 5, 6,
                frame -> routed(frame, ROUTER_OUT, macs), frame -> routed(frame, ROUTER_IN, macs));
    }

    private static Frame routed(final Frame frame, final String routerMac, final Map<String, String> macs) {
        final String next = macs.get(frame.ipDst());
        return next == null ? null : frame.withEth(routerMac, next);
    }

    private static Frame web(final int sourcePort) {
        return Frame.transport(6, mac(0x11), mac(0x12), "10.0.0.1", "10.0.0.2", sourcePort, 80);
    }

    private static List<String> path(final FlowTableModel model, final String from, final Frame frame) {
        return model.send(from, frame).stream().map(Delivery::host).toList();
    }

    @Test
    public void classifiedTrafficPassesTheHopsInOrderThenReachesItsDestinationOnBothProfiles() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final var model = model(topology(profile), chain(false, FailurePolicy.FAIL_CLOSED, "ids"), Set.of());
            assertEquals(profile.toString(), List.of("ids", "router", "r2"), path(model, "r1", web(40000)));
            final List<Delivery> deliveries = model.send("r1", web(40000));
            // The transparent appliance sees the original frame; the routed one gets it addressed to itself.
            assertEquals(web(40000), deliveries.get(0).frame());
            assertEquals(ROUTER_IN, deliveries.get(1).frame().ethDst());
            assertEquals(mac(0x12), deliveries.get(2).frame().ethDst());
            assertEquals(null, deliveries.get(2).frame().mplsLabel());
        }
    }

    @Test
    public void hopCountersCountEachSteeredFrameOnceWhereverTheInstanceIs() {
        final Intent intent = topology(SwitchProfile.OVS);
        final ChainIntent chains = chain(false, FailurePolicy.FAIL_CLOSED, "ids", "ids2");
        final var model = model(intent, chains, Set.of());
        for (int sourcePort = 40000; sourcePort < 40010; sourcePort++) {
            assertEquals(List.of("ids", "router", "r2"), path(model, "r1", web(sourcePort)).stream()
                .map(host -> host.replace("ids2", "ids")).toList());
        }
        final ChainFlows flows = ChainCompiler.compile(chains, intent,
            IsolationCompiler.compile(intent, Map.of()).edgeFacts());
        final ChainStatus status = ChainStatus.of(flows, model.countersByCookie());
        assertEquals(List.of(new ChainStatus.HopState(1, "inspect", List.of("ids", "ids2"), 10),
            new ChainStatus.HopState(2, "route", List.of("router"), 10)),
            status.chains().get(new TenantName("red", "web")));
    }

    @Test
    public void editingOneChainLeavesAnotherChainsFlowsAndGroupsAsTheyWere() {
        final Intent intent = topology(SwitchProfile.OVS);
        final var compiled = IsolationCompiler.compile(intent, Map.of());
        final ChainIntent web = chain(false, FailurePolicy.FAIL_CLOSED, "ids");
        final var ssh = new ServiceChain("red", "ssh", List.of("inspect2"), List.of(Classifier.from("ssh", "r1")
            .withProtocol("tcp").withPorts(null, Classifier.PortRange.of(22, 22)).withDestinationPort("r2")), false,
            FailurePolicy.FAIL_CLOSED);
        final var hops = new ArrayList<>(web.hops().values());
        hops.add(new Hop("red", "inspect2", List.of("ids2"), Hop.FIVE_TUPLE));
        final ChainFlows before = ChainCompiler.compile(ChainIntent.of(web.functions().values(), hops,
            List.of(web.chains().values().iterator().next(), ssh)), intent, compiled.edgeFacts());
        final ServiceChain edited = web.chains().values().iterator().next();
        final ChainFlows after = ChainCompiler.compile(ChainIntent.of(web.functions().values(), hops,
            List.of(new ServiceChain("red", "web", List.of("route"), edited.classifiers(), false,
                FailurePolicy.FAIL_CLOSED), ssh)), intent, compiled.edgeFacts());
        assertEquals(ofChain(before, "red/ssh"), ofChain(after, "red/ssh"));
        assertTrue(ofChain(before, "red/ssh").contains("insertion:classify:red/ssh"));
        // The edited chain itself did change: its first hop is now the router.
        assertTrue(!ofChain(before, "red/web").equals(ofChain(after, "red/web")));
    }

    /** A chain's flows (by their ids) and the groups they use, per switch, as text. */
    private static String ofChain(final ChainFlows flows, final String chain) {
        final var text = new StringBuilder();
        new TreeMap<>(flows.flowsBySwitch()).forEach((switchId, switchFlows) -> switchFlows.values().stream()
            .filter(flow -> flow.id().contains(chain)).sorted((left, right) -> left.id().compareTo(right.id()))
            .forEach(flow -> {
                text.append(switchId).append(' ').append(flow.id()).append(' ').append(flow).append('\n');
                flows.groupsBySwitch().getOrDefault(switchId, Map.of()).values().stream()
                    .filter(group -> flow.toString().contains("group:" + group.groupId()))
                    .forEach(group -> text.append("  ").append(group).append('\n'));
            }));
        return text.toString();
    }

    @Test
    public void aBroadcastBridgedBackByATransparentApplianceIsNotFloodedAgain() {
        final var model = model(topology(SwitchProfile.OVS), chain(false, FailurePolicy.FAIL_CLOSED, "ids", "ids2"),
            Set.of());
        // Without the stop, the bridges would hand the broadcast back and it would circle (the model throws).
        final List<String> reached = path(model, "r1", Frame.ipv4(mac(0x11), Frame.BROADCAST, "10.0.0.1",
            "10.0.255.255"));
        assertEquals(List.of("ids", "ids", "ids2", "ids2", "r2", "r3", "router", "router"), reached.stream()
            .sorted().toList());
    }

    @Test
    public void unclassifiedTrafficAndRepliesOfAnAsymmetricChainTakeTheDirectPath() {
        final var model = model(topology(SwitchProfile.OVS), chain(false, FailurePolicy.FAIL_CLOSED, "ids"),
            Set.of());
        assertEquals(List.of("r2"), path(model, "r1", Frame.transport(6, mac(0x11), mac(0x12), "10.0.0.1",
            "10.0.0.2", 40000, 22)));
        assertEquals(List.of("r1"), path(model, "r2", web(40000).reversed()));
        // The same destination port from another source is not the chain's traffic.
        assertEquals(List.of("r2"), path(model, "r3", Frame.transport(6, mac(0x13), mac(0x12), "10.0.0.3",
            "10.0.0.2", 40000, 80)));
    }

    @Test
    public void aSymmetricChainsRepliesPassTheHopsInReverse() {
        for (SwitchProfile profile : SwitchProfile.values()) {
            final var model = model(topology(profile), chain(true, FailurePolicy.FAIL_CLOSED, "ids"), Set.of());
            assertEquals(List.of("ids", "router", "r2"), path(model, "r1", web(40000)));
            assertEquals(profile.toString(), List.of("router", "ids", "r1"), path(model, "r2",
                web(40000).reversed()));
        }
    }

    @Test
    public void aTwoInstanceHopSpreadsFlowsOverBothAndKeepsEachFlowOnOne() {
        final var model = model(topology(SwitchProfile.OVS), chain(true, FailurePolicy.FAIL_CLOSED, "ids", "ids2"),
            Set.of());
        final var used = new HashSet<String>();
        for (int sourcePort = 40000; sourcePort < 40032; sourcePort++) {
            final List<String> path = path(model, "r1", web(sourcePort));
            assertEquals(List.of("router", "r2"), path.subList(1, 3));
            used.add(path.get(0));
            assertEquals("same flow, same instance", path, path(model, "r1", web(sourcePort)));
            // The reply comes back through the instance its request took.
            assertEquals(List.of("router", path.get(0), "r1"), path(model, "r2", web(sourcePort).reversed()));
        }
        assertEquals(Set.of("ids", "ids2"), used);
    }

    @Test
    public void aHopWithoutLiveInstanceIsBypassedFailingOpenAndDropsFailingClosed() {
        final Set<Long> routerDown = Set.of(5L);
        assertEquals(List.of("ids", "r2"), path(model(topology(SwitchProfile.OVS),
            chain(false, FailurePolicy.FAIL_OPEN, "ids"), routerDown), "r1", web(40000)));
        assertEquals(List.of("ids"), path(model(topology(SwitchProfile.OVS),
            chain(false, FailurePolicy.FAIL_CLOSED, "ids"), routerDown), "r1", web(40000)));
        // A live instance of a two-instance hop carries it alone.
        final var model = model(topology(SwitchProfile.OVS), chain(false, FailurePolicy.FAIL_CLOSED, "ids",
            "ids2"), Set.of(7L));
        for (int sourcePort = 40000; sourcePort < 40016; sourcePort++) {
            assertEquals(List.of("ids", "router", "r2"), path(model, "r1", web(sourcePort)));
        }
    }

    @Test
    public void anotherTenantsTrafficIsNeverChained() {
        final var model = model(topology(SwitchProfile.OVS), chain(true, FailurePolicy.FAIL_CLOSED, "ids"),
            Set.of());
        assertEquals(List.of("b2"), path(model, "b1", Frame.transport(6, mac(0x21), mac(0x22), "10.0.0.1",
            "10.0.0.2", 40000, 80)));
    }

    @Test
    public void of13SwitchesGetOnlyStandardActionsAndGroups() {
        final Intent intent = topology(SwitchProfile.OF13);
        final CompiledIntent compiled = IsolationCompiler.compile(intent, Map.of());
        final ChainFlows flows = ChainCompiler.compile(chain(true, FailurePolicy.FAIL_OPEN, "ids", "ids2"), intent,
            compiled.edgeFacts());
        flows.flowsBySwitch().values().forEach(switchFlows -> switchFlows.values().forEach(flow -> {
            assertTrue(flow.toString(), flow.match().isStandardOpenflow13());
            flow.instructions().forEach(instruction -> assertTrue(flow.toString(),
                !(instruction instanceof org.edgeplane.core.flow.Instruction.ApplyActions apply)
                    || apply.actions().stream().allMatch(org.edgeplane.core.flow.Action::isStandardOpenflow13)));
        }));
        flows.groupsBySwitch().values().forEach(groups -> groups.values().forEach(group -> assertTrue(
            group.toString(), group.isStandardOpenflow13())));
        assertTrue(flows.groupsBySwitch().values().stream().mapToInt(Map::size).sum() > 0);
        final GroupRecord any = flows.groupsBySwitch().get("openflow:1").values().iterator().next();
        assertTrue(any.toString(), any.buckets().size() >= 1);
    }
}
