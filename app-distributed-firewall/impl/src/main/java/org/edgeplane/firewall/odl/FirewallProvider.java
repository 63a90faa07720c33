/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.odl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.odl.IntentChecks;
import org.edgeplane.core.odl.IntentCodec;
import org.edgeplane.core.odl.Registrations;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.stage.FlowStatistics;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.PipelineStages;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.SnapshotUnavailableException;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.core.stage.StageFlows.StageWork;
import org.edgeplane.firewall.compiler.FirewallCompiler;
import org.edgeplane.firewall.compiler.FirewallFlows;
import org.edgeplane.firewall.counters.FirewallCounters;
import org.edgeplane.firewall.counters.FirewallOperations;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.validation.FirewallValidator;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall app: follows its part of the intent and plugs its compiled tables into tenant isolation's
 * pipeline, whose one reconciler writes them with the rest.
 */
public final class FirewallProvider implements PipelineStage, FirewallOperations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallProvider.class);
    // The OpenFlow plugin polls flow statistics every few seconds; publishing faster would repeat its rounds.
    private static final Duration COUNTERS_PERIOD = Duration.ofSeconds(5);

    private final DataBroker broker;
    private final IntentChecks checks;
    private final PipelineStages stages;
    private final FlowStatistics statistics;
    private final Registrations registrations = new Registrations();
    private volatile FirewallFlows lastFlows = FirewallFlows.EMPTY;
    /** Used by the worker's thread only: it recompiles the switches whose firewall inputs changed. */
    private final FirewallCompiler compiler = new FirewallCompiler();

    public FirewallProvider(final DataBroker broker, final IntentChecks checks, final PipelineStages stages,
            final FlowStatistics statistics) {
        this.broker = requireNonNull(broker);
        this.checks = requireNonNull(checks);
        this.stages = requireNonNull(stages);
        this.statistics = requireNonNull(statistics);
    }

    public void init() {
        registrations.plugIn(checks, stages, this, (before, after) -> after == null ? List.of()
            : FirewallValidator.validate(IntentCodec.fromBinding(after), FirewallCodec.fromBinding(after)),
            FirewallCodec::fromBinding);
        registrations.publishEvery("edgeplane-firewall-counters", COUNTERS_PERIOD, statistics::leads, this::counters,
            FirewallStatusPublisher.create(broker));
        LOG.info("Edgeplane distributed firewall started");
    }

    @Override
    public int order() {
        return FIREWALL;
    }

    @Override
    public Map<Long, String> cookieNames(final Snapshot snapshot) {
        return FirewallCompiler.cookieNames(snapshot.slice(name(), FirewallIntent.class, FirewallIntent.EMPTY));
    }

    @Override
    public String name() {
        return "firewall";
    }

    @Override
    public StageFlows compile(final RoundInput input) {
        final FirewallIntent firewall = input.snapshot().slice(name(), FirewallIntent.class, FirewallIntent.EMPTY);
        final FirewallFlows flows = compiler.update(firewall, input.snapshot().intent(), input.facts());
        LOG.debug("Firewall: {} ports and networks compiled, {} unchanged", compiler.lastCompiled(),
            compiler.lastReused());
        // Each problem is logged once, when it first appears.
        flows.problems().stream().filter(problem -> !lastFlows.problems().contains(problem))
            .forEach(problem -> LOG.warn("Firewall: {}", problem));
        lastFlows = flows;
        return StageFlows.of(flows.flowsBySwitch())
            .withWork(new StageWork("ports and networks", compiler.lastCompiled(),
                compiler.lastReused()));
    }

    @Override
    public FirewallCounters counters() throws SnapshotUnavailableException {
        return FirewallCounters.of(lastFlows, statistics.countersByCookie(Owner.FIREWALL));
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane distributed firewall stopped");
    }
}
