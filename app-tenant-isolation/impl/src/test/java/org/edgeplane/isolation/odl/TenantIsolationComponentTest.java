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

import com.google.common.util.concurrent.Futures;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.odl.CoreProvider;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.OpenflowTranslator;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Cookies.ObjectKind;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.testing.FakeSwitches;
import org.edgeplane.core.testing.IntentFixtures;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Status;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.Rounds;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowStatisticsDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.statistics.FlowStatisticsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.table.statistics.rev131215.FlowTableStatisticsDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.table.statistics.rev131215.flow.table.statistics.FlowTableStatisticsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.port.rev130925.PortNumberUni;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.Rpc;
import org.opendaylight.yangtools.yang.binding.RpcService;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The core and tenant isolation, wired as their Blueprint files wire them, on the mdsal in-memory datastore: intent
 * written through the DataBroker becomes flows in the inventory configuration datastore, status follows the switch,
 * and deleted intent leaves no flow.
 */
public class TenantIsolationComponentTest extends AbstractConcurrentDataBrokerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final FakeSwitches switches = new FakeSwitches();
    private CoreProvider core;
    private TenantIsolationProvider provider;

    public TenantIsolationComponentTest() {
        super(true);
    }

    @Before
    public void startProvider() {
        core = new CoreProvider(getDataBroker(), getDomBroker(),
            getDataBrokerTestCustomizer().getAdapterContext().currentSerializer(), new NoRpcs(),
            (rpcs, connected, senders) -> switches, switches);
        core.init();
        provider = new TenantIsolationProvider(getDataBroker(), core, core, core);
        provider.init();
    }

    /** The in-memory datastore has no switches: every RPC to one fails, as to a switch that is gone. */
    private static final class NoRpcs implements RpcConsumerRegistry {
        @Override
        public <S extends RpcService> S getRpcService(final Class<S> serviceInterface) {
            throw new UnsupportedOperationException("no RPC services in component tests");
        }

        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> rpcInterface) {
            return rpcInterface.cast(Proxy.newProxyInstance(rpcInterface.getClassLoader(),
                new Class<?>[] {rpcInterface}, (proxy, method, args) -> "invoke".equals(method.getName())
                    ? Futures.immediateFailedFuture(new IllegalStateException("no switch in component tests"))
                    : method.invoke(this, args)));
        }
    }

    @After
    public void stopProvider() {
        provider.close();
        core.close();
    }

    @Test
    public void intentBecomesFlowsAndDeletedIntentLeavesNone() throws Exception {
        final Intent intent = IntentFixtures.twoTenants();
        writeIntent(intent);

        final var expected = IsolationCompiler.compile(intent, Map.of()).flowsBySwitch();
        awaitEquals(() -> flowIdsBySwitch(), idsOf(expected));
        final FlowRecord classify = switches.tables().get("openflow:1").get("isolation:classify:port=r1");
        assertEquals(Table.CLASSIFY, classify.table());
        assertEquals(expected.get("openflow:1").get("isolation:classify:port=r1"), classify);
        assertEquals("openflow:1:1", OpenflowTranslator.toFlow("openflow:1", classify).getMatch().getInPort()
            .getValue());

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH);
        tx.commit().get(10, TimeUnit.SECONDS);
        awaitEquals(() -> flowIdsBySwitch(), Map.of());
    }

    @Test
    public void portStatusFollowsTheSwitchConnection() throws Exception {
        writeIntent(IntentFixtures.twoTenants());
        awaitEquals(() -> portStatus("r1"), Optional.of("connected=false installed=false error=switch openflow:1 "
            + "is not connected"));

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, nodePath("openflow:1"), new NodeBuilder()
            .setId(new NodeId("openflow:1")).setNodeConnector(BindingMap.of(localPort("openflow:1")))
            .addAugmentation(new FlowCapableNodeBuilder().setManufacturer("Nicira, Inc.").build()).build());
        tx.commit().get(10, TimeUnit.SECONDS);
        awaitEquals(() -> portStatus("r1"), Optional.of("connected=true installed=true error=null"));
        assertEquals(Optional.of("connected=false installed=false error=switch openflow:2 is not connected"),
            portStatus("r2"));
    }

    @Test
    public void aPortOnAnUnreportedPortNameWaitsWithAReason() throws Exception {
        writeIntent(IntentFixtures.builder().tenant("t").vlanNetwork("n", "t", 5)
            .port("p1", "t", "n", "openflow:3", "s3-eth1", IntentFixtures.mac(1), "10.0.0.1").build());
        awaitEquals(() -> portStatus("p1"), Optional.of("connected=false installed=false error=openflow:3 port "
            + "s3-eth1 is not reported by the switch (yet)"));
        assertTrue(flowIdsBySwitch().isEmpty());
    }

    @Test
    public void statisticsStartNoRoundWhileAPortChangeDoesAndTheAuditRunsOnItsOwn() throws Exception {
        writeIntent(IntentFixtures.twoTenants());
        final long rule = Cookies.of(Owner.ISOLATION, ObjectKind.PORT, "r1");
        putNode(nodeWithFlows("openflow:1", flowWithStatistics("a", rule, 1, 100)));
        awaitEquals(() -> portStatus("r1"), Optional.of("connected=true installed=true error=null"));
        final long before = awaitSettledRounds();

        // Statistics only: the flow counted more packets.
        putNode(nodeWithFlows("openflow:1", flowWithStatistics("a", rule, 9, 900)));
        Thread.sleep(500);
        assertEquals("rounds after a statistics update", before, rounds().orElseThrow().getCount().longValue());

        // A port appears: one round, and it says why.
        putNode(new NodeBuilder(nodeWithFlows("openflow:1", flowWithStatistics("a", rule, 9, 900)))
            .setNodeConnector(BindingMap.of(new NodeConnectorBuilder().setId(new NodeConnectorId("openflow:1:7"))
                .addAugmentation(new FlowCapableNodeConnectorBuilder().setName("s1-eth7")
                    .setPortNumber(new PortNumberUni(Uint32.valueOf(7))).build()).build())).build());
        awaitEquals(() -> rounds().map(rounds -> rounds.getCount().longValue() + " " + rounds.getLastCause()),
            Optional.of(before + 1 + " switch:openflow:1"));
        awaitEquals(() -> rounds().map(rounds -> rounds.getAudits().longValue() > 0), Optional.of(true));
    }

    private void putNode(final Node node) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, nodePath(node.getId().getValue()), node);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private Optional<Rounds> rounds() {
        return read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(Status.class)).map(Status::getRounds);
    }

    /** The round count once no round has run for a while. */
    private long awaitSettledRounds() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 40; i++) {
            final long now = rounds().map(rounds -> rounds.getCount().longValue()).orElse(0L);
            if (now == last && now > 0) {
                return now;
            }
            last = now;
            Thread.sleep(300);
        }
        throw new AssertionError("rounds kept running: " + last);
    }

    /** Every switch reports its LOCAL port; a node without ports is one the plugin has not finished writing. */
    private static NodeConnector localPort(final String nodeId) {
        return new NodeConnectorBuilder().setId(new NodeConnectorId(nodeId + ":LOCAL"))
            .addAugmentation(new FlowCapableNodeConnectorBuilder().setName("br")
                .setPortNumber(new PortNumberUni(Uint32.valueOf(0xfffffffeL))).build()).build();
    }

    private static Node nodeWithFlows(final String nodeId, final Flow... flows) {
        return new NodeBuilder().setId(new NodeId(nodeId)).setNodeConnector(BindingMap.of(localPort(nodeId)))
            .addAugmentation(new FlowCapableNodeBuilder()
            .setManufacturer("Nicira, Inc.").setTable(BindingMap.of(new TableBuilder().setId(Uint8.valueOf(34))
                .setFlow(BindingMap.of(flows)).addAugmentation(new FlowTableStatisticsDataBuilder()
                    .setFlowTableStatistics(new FlowTableStatisticsBuilder().build()).build()).build())).build())
            .build();
    }

    private static Flow flowWithStatistics(final String id, final long cookie, final long packets,
            final long bytes) {
        return new FlowBuilder().setId(new FlowId(id)).setTableId(Uint8.valueOf(34))
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .addAugmentation(new FlowStatisticsDataBuilder().setFlowStatistics(new FlowStatisticsBuilder()
                .setPacketCount(new Counter64(Uint64.valueOf(packets)))
                .setByteCount(new Counter64(Uint64.valueOf(bytes))).build()).build()).build();
    }

    private void writeIntent(final Intent intent) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH, IntentCodec.toBinding(intent));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    @Test
    public void bindingCodecRoundTrips() {
        final Intent intent = IntentFixtures.twoTenants();
        assertEquals(intent, IntentCodec.fromBinding(IntentCodec.toBinding(intent)));
    }

    /** The flows each fake switch holds; a switch that holds none is left out. */
    private Map<String, java.util.Set<String>> flowIdsBySwitch() {
        final var ids = new TreeMap<String, java.util.Set<String>>();
        switches.tables().forEach((sw, flows) -> {
            if (!flows.isEmpty()) {
                ids.put(sw, new java.util.TreeSet<>(flows.keySet()));
            }
        });
        return ids;
    }

    private static Map<String, java.util.Set<String>> idsOf(final Map<String, ? extends Map<String, ?>> flows) {
        final var ids = new TreeMap<String, java.util.Set<String>>();
        flows.forEach((sw, byId) -> ids.put(sw, new java.util.TreeSet<>(byId.keySet())));
        return ids;
    }

    private Optional<String> portStatus(final String portId) {
        return read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(Status.class))
            .map(status -> status.nonnullPortStatus().values().stream()
                .filter(port -> port.getId().equals(portId)).findFirst()
                .map(port -> "connected=" + port.getSwitchConnected() + " installed=" + port.getFlowsInstalled()
                    + " error=" + port.getLastError()).orElse("absent"));
    }

    private static InstanceIdentifier<Node> nodePath(final String nodeId) {
        return InstanceIdentifier.create(Nodes.class).child(Node.class, new NodeKey(new NodeId(nodeId)));
    }

    private <T extends org.opendaylight.yangtools.yang.binding.DataObject> Optional<T> read(
            final LogicalDatastoreType store, final InstanceIdentifier<T> path) {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(store, path).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("read " + path + " failed", e);
        }
    }

    private static <T> void awaitEquals(final Supplier<T> actual, final T expected) throws InterruptedException {
        final Instant deadline = Instant.now().plus(DEADLINE);
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            last = actual.get();
        }
        assertEquals(expected, last);
    }
}
