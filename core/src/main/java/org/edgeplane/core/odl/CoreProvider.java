/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.FlowWriter;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.round.RoundGuard;
import org.edgeplane.core.round.RoundWorker;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.stage.FlowStatistics;
import org.edgeplane.core.stage.OnDemandFlowStatistics;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.RoundOperations;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.edgeplane.core.verify.VerificationReport;
import org.opendaylight.mdsal.binding.api.ClusteredDataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.singleton.common.api.ClusterSingletonServiceProvider;
import org.opendaylight.openflowplugin.api.openflow.mastership.MastershipChangeServiceManager;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the platform: the one commit cohort every app adds its checks to, the listeners that mark work, and the
 * worker whose rounds run every registered stage and reconcile their union. Apps (tenant isolation first) plug in
 * through the services it offers. Blueprint constructs it and calls {@link #init()} and {@link #close()}.
 */
public final class CoreProvider implements PipelineStages, IntentChecks, RoundOperations, FlowStatistics,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoreProvider.class);
    private static final Duration DATASTORE_TIMEOUT = Duration.ofSeconds(30);
    /** A bundle of 20,000 flows takes the switch about a second; a write not answered in this is lost. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COALESCE = Duration.ofMillis(50);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** A flow missing for longer than this (several audits, each asking the switch) is really gone. */
    private static final Duration RESYNC_GRACE = Duration.ofSeconds(10);
    private static final Duration RESYNC_COOL_DOWN = Duration.ofSeconds(30);
    private static final Duration AUDIT_PERIOD = Duration.ofSeconds(2);
    /**
     * Threads sending bundles: the switches of a round take theirs at the same time. A sender mostly waits for a
     * switch's answers, so more of them than cores is right; each switch uses one at a time.
     */
    private static final int SENDERS = 4;
    /** A switch that does not answer a statistics request in this is left out of that audit or read. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** The system property (etc/system.properties) that sets what a round breaking isolation gets. */
    private static final String VERIFY_PROPERTY = "edgeplane.verify";

    private final DataBroker broker;
    private final DOMDataBroker domBroker;
    private final IntentCommitCohort cohort;
    private final RpcConsumerRegistry rpcs;
    private final Registrations registrations = new Registrations();
    private final DatastoreSnapshotSource source;
    private final WriterFactory writerFactory;
    private final SwitchFlowReader flowReader;
    private final FlowStatistics flowStatistics;
    private final @Nullable Cluster cluster;
    private RoundWorker worker;
    private volatile @Nullable SwitchMasters masters;

    /**
     * The production wiring: flows go to the switches as OpenFlow bundles; rounds run on the member that holds the
     * cluster singleton (on a single controller, that is this one), and each switch is written by its master.
     */
    public CoreProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final RpcConsumerRegistry rpcs,
            final ClusterSingletonServiceProvider singletons, final RpcProviderService rpcProvider,
            final MastershipChangeServiceManager mastership) {
        this(broker, domBroker, codec, rpcs, BundleFlowWriter::new, new RpcSwitchFlowReader(rpcs, READ_TIMEOUT),
            new Cluster(requireNonNull(singletons), requireNonNull(rpcProvider), requireNonNull(mastership)));
    }

    /** The cluster's services: who runs the rounds, and who masters which switch. */
    private record Cluster(ClusterSingletonServiceProvider singletons, RpcProviderService rpcProvider,
            MastershipChangeServiceManager mastership) {
    }

    /** Flows go to the switches as OpenFlow bundles; rounds always run here (a controller alone, tests). */
    public CoreProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final RpcConsumerRegistry rpcs) {
        this(broker, domBroker, codec, rpcs, BundleFlowWriter::new, new RpcSwitchFlowReader(rpcs, READ_TIMEOUT),
            null);
    }

    /**
     * With another way to the switches (a test's fake switches).
     *
     * @param writerFactory makes the writer
     * @param flowReader asks the switches what they hold
     */
    public CoreProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final RpcConsumerRegistry rpcs,
            final WriterFactory writerFactory, final SwitchFlowReader flowReader) {
        this(broker, domBroker, codec, rpcs, writerFactory, flowReader, null);
    }

    private CoreProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final RpcConsumerRegistry rpcs,
            final WriterFactory writerFactory, final SwitchFlowReader flowReader, final @Nullable Cluster cluster) {
        this.cluster = cluster;
        this.broker = requireNonNull(broker);
        this.domBroker = requireNonNull(domBroker);
        cohort = new IntentCommitCohort(codec);
        this.rpcs = requireNonNull(rpcs);
        this.writerFactory = requireNonNull(writerFactory);
        source = new DatastoreSnapshotSource(broker, DATASTORE_TIMEOUT);
        this.flowReader = requireNonNull(flowReader);
        flowStatistics = new OnDemandFlowStatistics(flowReader, () -> worker.connectedSwitches());
    }

    /** Makes the writer from the RPCs, what tells whether a switch is connected, and the threads that send. */
    @FunctionalInterface
    public interface WriterFactory {
        FlowWriter create(RpcConsumerRegistry rpcs, Predicate<String> connected, Executor senders);
    }

    /** Starts validating, listening and reconciling; rounds run once the binding stage registers. */
    public void init() {
        final ScheduledExecutorService executor = registrations.newScheduler("edgeplane-rounds");
        final Supplier<String> member = Suppliers.memoize(MemberName::local);
        final var ledger = new DatastoreContentLedger(broker, flowReader, DATASTORE_TIMEOUT,
            registrations.newPool("edgeplane-ledger", 1), member);
        // The worker is made after the writer that asks it which switches are connected; no write runs before.
        final FlowWriter bundles = writerFactory.create(rpcs, switchId -> worker.isConnected(switchId)
            || masters != null && masters.mastersHere(switchId), registrations.newPool("edgeplane-bundles", SENDERS));
        FlowWriter writer = bundles;
        if (cluster != null) {
            masters = new SwitchMasters(cluster.rpcProvider(), new SwitchWriteService(bundles));
            registrations.add(masters);
            registrations.add(cluster.mastership().register(masters));
            writer = new RoutingFlowWriter(bundles, masters::mastersHere, switchId -> worker.isConnected(switchId),
                rpcs, member);
        }
        final var reconciler = new Reconciler(writer, WRITE_TIMEOUT, ledger);
        worker = new RoundWorker(source, reconciler, executor, COALESCE, RETRY,
            new FlowAudit(RESYNC_GRACE, RESYNC_COOL_DOWN), Clock.systemUTC(), new RoundGuard(verificationMode()));
        if (cluster != null) {
            // Until the singleton service elects this member, it validates and stores intent but writes no switch.
            worker.deactivate();
        }
        registrations.addCohort(domBroker, cohort, "Edgeplane");
        registrations.followIntent(broker, intent -> worker.markDirty("intent"));
        // A round when a switch comes or goes or its ports change, never for anything else the plugin reports of it.
        // Both listeners are clustered: every member hears every change (a plain listener hears only on the member of
        // the shard's leader), so whichever member runs the rounds sees them, and the others keep the switches' facts
        // ready for when they take over.
        registrations.add(broker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.OPERATIONAL, Inventory.ANY_NODE),
            (ClusteredDataTreeChangeListener<Node>) changes -> changes.forEach(change -> {
                final var node = change.getRootNode();
                final var before = Inventory.facts(node.getDataBefore());
                final var after = Inventory.facts(node.getDataAfter());
                final String switchId = change.getRootPath().getRootIdentifier().firstKeyOf(Node.class).getId()
                    .getValue();
                source.switchReported(switchId, after);
                if (before == null && after != null) {
                    worker.switchConnected(switchId);
                } else if (!Objects.equals(before, after)) {
                    worker.markDirty(RoundWorker.SWITCH_KEY + switchId);
                }
            })));
        worker.markDirty("startup");
        worker.startAudit(AUDIT_PERIOD, flowReader);
        if (cluster != null) {
            registrations.add(cluster.singletons().registerClusterSingletonService(
                new RoundsLeadership(worker, ledger::announceLeader, () -> {
                    final Registration trace = cluster.rpcProvider().registerRpcImplementation(
                        new TraceService(worker));
                    final Registration verify = cluster.rpcProvider().registerRpcImplementation(
                        new VerifyService(worker));
                    return () -> {
                        verify.close();
                        trace.close();
                    };
                })));
        } else {
            ledger.announceLeader();
        }
        LOG.info("Edgeplane core started");
    }

    @Override
    public AutoCloseable addCheck(final int order, final String app, final IntentCheck check) {
        return cohort.addCheck(order, app, check);
    }

    @Override
    public AutoCloseable addSlice(final String app, final Function<@Nullable Intent, Object> decoder) {
        return source.addSlice(app, decoder);
    }

    @Override
    public AutoCloseable register(final PipelineStage stage) {
        return worker.register(stage);
    }

    @Override
    public void stageChanged(final PipelineStage stage) {
        worker.stageChanged(stage);
    }

    @Override
    public Map<String, FlowRecord> desiredFlows(final String switchId) {
        return worker.desiredFlows(switchId);
    }

    @Override
    public Set<String> installedFlowIds(final String switchId) {
        return worker.installedFlowIds(switchId);
    }

    @Override
    public TraceReport trace(final TraceRequest request) {
        return worker.trace(request);
    }

    @Override
    public VerificationReport verify(final boolean installed) {
        return worker.verify(installed);
    }

    @Override
    public Future<Optional<SwitchResult>> recompute(final String switchId) {
        return worker.recompute(switchId);
    }

    @Override
    public Map<Long, FlowCounter> countersByCookie(final Owner owner) throws SnapshotUnavailableException {
        return flowStatistics.countersByCookie(owner);
    }

    @Override
    public boolean leads() {
        return worker.isActive();
    }

    @Override
    public PortNames portNames() {
        return worker.portNames();
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane core stopped");
    }

    /**
     * The verification mode the distribution configures: {@code block} (the default) or {@code report-only}. A value
     * that is neither is refused at start, naming the property, rather than guessed at.
     */
    private static RoundGuard.Mode verificationMode() {
        final String value = System.getProperty(VERIFY_PROPERTY, RoundGuard.Mode.BLOCK.label());
        try {
            return RoundGuard.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VERIFY_PROPERTY + ": " + e.getMessage(), e);
        }
    }
}
