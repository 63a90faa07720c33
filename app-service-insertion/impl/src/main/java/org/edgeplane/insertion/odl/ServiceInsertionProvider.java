/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.odl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.odl.IntentChecks;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.Registrations;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.FlowStatistics;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.core.stage.StageFlows.StageWork;
import org.edgeplane.core.verify.Steering;
import org.edgeplane.insertion.compiler.ChainCompiler;
import org.edgeplane.insertion.compiler.ChainFlows;
import org.edgeplane.insertion.compiler.ChainMemo;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.status.ChainStatus;
import org.edgeplane.insertion.status.ServiceInsertionOperations;
import org.edgeplane.insertion.validation.ChainValidator;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service insertion app: refuses invalid chains before they commit, follows its part of the intent and plugs
 * the steering flows and select groups into tenant isolation's pipeline, whose one reconciler writes them with
 * the rest. It also publishes each chain's status.
 */
public final class ServiceInsertionProvider implements PipelineStage, ServiceInsertionOperations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceInsertionProvider.class);
    // The OpenFlow plugin polls flow statistics every few seconds; publishing faster would repeat its rounds.
    private static final Duration STATUS_PERIOD = Duration.ofSeconds(5);

    private final DataBroker broker;
    private final IntentChecks checks;
    private final PipelineStages stages;
    private final FlowStatistics statistics;
    private final Registrations registrations = new Registrations();
    private volatile ChainFlows lastFlows = ChainFlows.EMPTY;
    /** Used by the worker's thread only: it recompiles the chains whose inputs changed. */
    private final ChainMemo compiler = new ChainMemo();

    public ServiceInsertionProvider(final DataBroker broker, final IntentChecks checks, final PipelineStages stages,
            final FlowStatistics statistics) {
        this.broker = requireNonNull(broker);
        this.checks = requireNonNull(checks);
        this.stages = requireNonNull(stages);
        this.statistics = requireNonNull(statistics);
    }

    public void init() {
        registrations.plugIn(checks, stages, this, (before, after) -> after == null ? List.of()
            : ChainValidator.validate(IntentCodec.fromBinding(after), ChainCodec.fromBinding(after)),
            ChainCodec::fromBinding);
        registrations.publishEvery("edgeplane-service-chain-status", STATUS_PERIOD, statistics::leads, this::status,
            ChainStatusContainer.publisher(broker));
        LOG.info("Edgeplane service insertion started");
    }

    @Override
    public int order() {
        return SERVICE_INSERTION;
    }

    @Override
    public String name() {
        return "service-insertion";
    }

    @Override
    public Map<Long, String> cookieNames(final Snapshot snapshot) {
        return ChainCompiler.cookieNames(snapshot.slice(name(), ChainIntent.class, ChainIntent.EMPTY));
    }

    @Override
    public List<Steering> steering(final Snapshot snapshot, final EdgeFacts facts) {
        return ChainCompiler.steering(snapshot.slice(name(), ChainIntent.class, ChainIntent.EMPTY),
            snapshot.intent(), facts);
    }

    @Override
    public StageFlows compile(final RoundInput input) {
        final ChainIntent chains = input.snapshot().slice(name(), ChainIntent.class, ChainIntent.EMPTY);
        final ChainFlows flows = compiler.update(chains, input.snapshot().intent(), input.facts());
        // Each problem is logged once, when it first appears.
        flows.problems().stream().filter(problem -> !lastFlows.problems().contains(problem))
            .forEach(problem -> LOG.warn("Service chain not fully steered: {}", problem));
        lastFlows = flows;
        return new StageFlows(flows.flowsBySwitch(), flows.groupsBySwitch())
            .withWork(new StageWork("chains", compiler.lastCompiled(), compiler.lastReused()));
    }

    @Override
    public ChainStatus status() throws SnapshotUnavailableException {
        return ChainStatus.of(lastFlows, statistics.countersByCookie(Owner.SERVICE_INSERTION));
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane service insertion stopped");
    }
}
