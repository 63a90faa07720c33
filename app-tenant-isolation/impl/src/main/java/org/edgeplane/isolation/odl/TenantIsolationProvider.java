/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.odl.IntentChecks;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.Registrations;
import org.edgeplane.core.reconcile.Reconciler.SwitchResult;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.RoundOperations;
import org.edgeplane.isolation.service.IsolationOperations;
import org.edgeplane.isolation.service.IsolationStage;
import org.edgeplane.isolation.service.StatusReport;
import org.edgeplane.isolation.validation.IntentValidator;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs tenant isolation into the core, exactly as the other apps plug in: its write-time checks into the one
 * commit cohort, its stage (the binding stage, which runs first) into the rounds. Blueprint constructs it and calls
 * {@link #init()} and {@link #close()}.
 */
public final class TenantIsolationProvider implements IsolationOperations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantIsolationProvider.class);

    private final IntentChecks checks;
    private final PipelineStages stages;
    private final RoundOperations rounds;
    private final IsolationStage stage;
    private final Registrations registrations = new Registrations();

    public TenantIsolationProvider(final DataBroker broker, final IntentChecks checks, final PipelineStages stages,
            final RoundOperations rounds) {
        this.checks = requireNonNull(checks);
        this.stages = requireNonNull(stages);
        this.rounds = requireNonNull(rounds);
        stage = new IsolationStage(new DatastoreStatusSink(broker));
    }

    /** Adds the checks and the stage. */
    public void init() {
        // Names resolve through the switches the last round saw, so a port named and a port numbered compare equal.
        registrations.plugIn(checks, stages, stage, (before, after) -> IntentValidator.validate(
            IntentCodec.fromBinding(before), IntentCodec.fromBinding(after), rounds.portNames()));
        LOG.info("Edgeplane tenant isolation started");
    }

    @Override
    public Intent intent() {
        return stage.intent();
    }

    @Override
    public StatusReport status() {
        return stage.status();
    }

    @Override
    public Map<String, FlowRecord> desiredFlows(final String switchId) {
        return rounds.desiredFlows(switchId);
    }

    @Override
    public Set<String> installedFlowIds(final String switchId) {
        return rounds.installedFlowIds(switchId);
    }

    @Override
    public Future<Optional<SwitchResult>> recompute(final String switchId) {
        return rounds.recompute(switchId);
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane tenant isolation stopped");
    }
}
