/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.odl.FrmSwitchResync;
import org.edgeplane.core.odl.IntentChecks;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.IntentCommitCohort;
import org.edgeplane.core.odl.Inventory;
import org.edgeplane.core.odl.InventoryFlowWriter;
import org.edgeplane.core.odl.Registrations;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.reconcile.FlowAudit;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.isolation.service.IsolationOperations;
import org.edgeplane.isolation.service.IsolationWorker;
import org.edgeplane.isolation.service.StatusReport;
import org.edgeplane.isolation.validation.IntentValidator;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires tenant isolation together: the commit cohort that validates intent, the listeners that mark work, and the
 * worker that compiles and reconciles. Blueprint constructs it and calls {@link #init()} and {@link #close()}.
 */
public final class TenantIsolationProvider implements IsolationOperations, PipelineStages, IntentChecks,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantIsolationProvider.class);
    private static final Duration DATASTORE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COALESCE = Duration.ofMillis(50);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** Statistics arrive every few seconds: a flow missing for longer than this is really gone. */
    private static final Duration RESYNC_GRACE = Duration.ofSeconds(10);
    private static final Duration RESYNC_COOL_DOWN = Duration.ofSeconds(30);
    /** The OpenFlow plugin polls statistics every few seconds; the audit reads them about as often. */
    private static final Duration AUDIT_PERIOD = Duration.ofSeconds(2);

    private final DataBroker broker;
    private final DOMDataBroker domBroker;
    private final BindingNormalizedNodeSerializer codec;
    private final RpcConsumerRegistry rpcs;
    private final Registrations registrations = new Registrations();
    private IsolationWorker worker;
    private IntentCommitCohort cohort;

    public TenantIsolationProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final RpcConsumerRegistry rpcs) {
        this.broker = requireNonNull(broker);
        this.domBroker = requireNonNull(domBroker);
        this.codec = requireNonNull(codec);
        this.rpcs = requireNonNull(rpcs);
    }

    /** Starts validating, listening and reconciling. */
    public void init() {
        final ScheduledExecutorService executor = registrations.newScheduler("edgeplane-isolation");
        final var reconciler = new Reconciler(new InventoryFlowWriter(broker), DATASTORE_TIMEOUT);
        worker = new IsolationWorker(new DatastoreSnapshotSource(broker, DATASTORE_TIMEOUT), reconciler,
            new DatastoreStatusSink(broker), executor, COALESCE, RETRY, new FrmSwitchResync(rpcs),
            new FlowAudit(RESYNC_GRACE, RESYNC_COOL_DOWN), Clock.systemUTC());
        worker.execute(() -> adoptInstalledFlows(reconciler));

        cohort = new IntentCommitCohort(codec);
        // Names resolve through the switches the worker last saw, so a port named and a port numbered compare equal.
        registrations.add(cohort.addCheck(ISOLATION, "tenant-isolation", (before, after) -> IntentValidator.validate(
            IntentCodec.fromBinding(before), IntentCodec.fromBinding(after), worker.portNames())));
        registrations.addCohort(domBroker, cohort, "tenant");
        registrations.followIntent(broker, intent -> worker.markDirty("intent"));
        // A round when a switch comes or goes or its ports change, never for its statistics (the audit reads those).
        registrations.add(broker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.OPERATIONAL, Inventory.ANY_NODE),
            (DataTreeChangeListener<Node>) changes -> changes.forEach(change -> {
                final var node = change.getRootNode();
                if (!Objects.equals(Inventory.facts(node.getDataBefore()), Inventory.facts(node.getDataAfter()))) {
                    worker.markDirty("switch:" + change.getRootPath().getRootIdentifier().firstKeyOf(Node.class)
                        .getId().getValue());
                }
            })));
        worker.markDirty("startup");
        worker.startAudit(AUDIT_PERIOD);
        LOG.info("Edgeplane tenant isolation started");
    }

    private void adoptInstalledFlows(final Reconciler reconciler) {
        try (var tx = broker.newReadOnlyTransaction()) {
            final var nodes = tx.read(LogicalDatastoreType.CONFIGURATION, Inventory.NODES)
                .get(DATASTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
            // One reconciler writes every app's flows (other apps plug in as pipeline stages), so it adopts them all.
            for (Owner owner : Owner.values()) {
                Inventory.installedFlows(nodes, owner).forEach(reconciler::adoptInstalled);
            }
            Inventory.installedMeters(nodes).forEach(reconciler::adoptInstalledMeters);
            Inventory.installedGroups(nodes).forEach(reconciler::adoptInstalledGroups);
        } catch (ExecutionException | TimeoutException e) {
            // Not fatal: flows of an earlier run stay until their switch is resynchronised.
            LOG.warn("Could not read flows installed by an earlier run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public AutoCloseable addCheck(final int order, final String app, final IntentCheck check) {
        return cohort.addCheck(order, app, check);
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
    public Intent intent() {
        return worker.intent();
    }

    @Override
    public StatusReport status() {
        return worker.status();
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
    public Future<Optional<SwitchResult>> recompute(final String switchId) {
        return worker.recompute(switchId);
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane tenant isolation stopped");
    }
}
