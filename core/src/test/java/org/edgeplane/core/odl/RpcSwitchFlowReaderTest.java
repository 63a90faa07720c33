/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.stage.SwitchFlowReader.ReportedFlow;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter32;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.get.aggregate.flow.statistics.from.flow.table._for.given.match.output.AggregatedFlowStatisticsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * The reader against fake switches that filter by cookie and mask as OpenFlow switches do: counts and flows come
 * from the switch, only the flows asked for, none stored, and a silent switch holds up no other.
 */
public class RpcSwitchFlowReaderTest {
    private static final long FIREWALL_RULE = Cookies.of(Owner.FIREWALL, Cookies.ObjectKind.RULE, "t/web/http");
    private static final long ISOLATION_PORT = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.PORT, "p1");
    /** A flow of another controller on the same switch. */
    private static final long FOREIGN = 0x1234L;

    private final FakeSwitches switches = new FakeSwitches(Map.of(
        "openflow:1", List.of(new Held(FIREWALL_RULE, 3, 300), new Held(FIREWALL_RULE, 2, 200),
            new Held(ISOLATION_PORT, 7, 700), new Held(FOREIGN, 1, 1)),
        "openflow:2", List.of(new Held(FIREWALL_RULE, 10, 1000))));
    private final RpcSwitchFlowReader reader = new RpcSwitchFlowReader(switches, Duration.ofMillis(300));

    @Test
    public void aCountIsOfTheFlowsUnderTheCookieAndMask() {
        assertEquals(Map.of("openflow:1", 3L, "openflow:2", 1L),
            reader.counts(List.of("openflow:1", "openflow:2"), Cookies.EDGEPLANE, Cookies.EDGEPLANE_MASK));
        assertEquals(Map.of("openflow:1", 1L, "openflow:2", 0L),
            reader.counts(List.of("openflow:1", "openflow:2"), Cookies.appPrefix(Owner.ISOLATION), Cookies.APP_MASK));
    }

    @Test
    public void flowsComeWithTheirCookiesAndCountersAndAreNotStored() {
        final var flows = reader.flows(List.of("openflow:1", "openflow:2"), Cookies.appPrefix(Owner.FIREWALL),
            Cookies.APP_MASK);
        assertEquals(Map.of(
            "openflow:1", List.of(new ReportedFlow(FIREWALL_RULE, new FlowCounter(3, 300)),
                new ReportedFlow(FIREWALL_RULE, new FlowCounter(2, 200))),
            "openflow:2", List.of(new ReportedFlow(FIREWALL_RULE, new FlowCounter(10, 1000)))), flows);
        assertEquals(List.of(false, false), switches.storeStats);
    }

    @Test
    public void aSilentSwitchIsLeftOutWithoutHoldingUpTheOthers() {
        final long started = System.nanoTime();
        final var counts = reader.counts(List.of("openflow:1", "openflow:9", "openflow:2"), Cookies.EDGEPLANE,
            Cookies.EDGEPLANE_MASK);
        final long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Set.of("openflow:1", "openflow:2"), counts.keySet());
        assertTrue("one shared deadline, not one per switch: " + millis + " ms", millis < 1_000);
    }

    private record Held(long cookie, long packets, long bytes) {
    }

    /** Switches that answer from what they hold; one not listed never answers. */
    private static final class FakeSwitches extends RpcsOnly {
        final Map<String, List<Held>> held;
        final List<Boolean> storeStats = new ArrayList<>();

        FakeSwitches(final Map<String, List<Held>> held) {
            this.held = held;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> rpcInterface) {
            if (rpcInterface == GetAggregateFlowStatisticsFromFlowTableForGivenMatch.class) {
                return (R) (GetAggregateFlowStatisticsFromFlowTableForGivenMatch) input -> answer(input.getNode(),
                    matching -> new GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutputBuilder()
                        .setAggregatedFlowStatistics(List.of(new AggregatedFlowStatisticsBuilder()
                            .setFlowCount(new Counter32(Uint32.valueOf(matching.size()))).build())).build(),
                    input.getCookie(), input.getCookieMask());
            }
            if (rpcInterface == GetFlowStatistics.class) {
                return (R) (GetFlowStatistics) input -> {
                    storeStats.add(input.getStoreStats());
                    return answer(input.getNode(), matching -> new GetFlowStatisticsOutputBuilder()
                        .setFlowAndStatisticsMapList(matching.stream().map(flow -> new FlowAndStatisticsMapListBuilder()
                            .setCookie(new FlowCookie(Uint64.fromLongBits(flow.cookie())))
                            .setPacketCount(new Counter64(Uint64.valueOf(flow.packets())))
                            .setByteCount(new Counter64(Uint64.valueOf(flow.bytes()))).build()).toList()).build(),
                        input.getCookie(), input.getCookieMask());
                };
            }
            throw new UnsupportedOperationException(rpcInterface.getName());
        }

        private <O> ListenableFuture<RpcResult<O>> answer(final NodeRef node,
                final Function<List<Held>, O> output, final FlowCookie cookie,
                final FlowCookie mask) {
            final String switchId = ((InstanceIdentifier<?>) node.getValue())
                .firstKeyOf(Node.class).getId().getValue();
            final List<Held> flows = held.get(switchId);
            if (flows == null) {
                return SettableFuture.create();
            }
            final long value = cookie.getValue().longValue();
            final long bits = mask.getValue().longValue();
            return Futures.immediateFuture(RpcResultBuilder.success(output.apply(flows.stream()
                .filter(flow -> (flow.cookie() & bits) == (value & bits)).toList())).build());
        }
    }
}
