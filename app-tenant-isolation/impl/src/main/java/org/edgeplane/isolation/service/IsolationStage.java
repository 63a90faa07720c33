/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.service;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.RoundReport;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.stage.StageFlows;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.compiler.IntentChanges;
import org.edgeplane.isolation.compiler.IsolationCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant isolation as the binding stage of the core's round: it binds every port to its switch port, compiles the
 * networks whose inputs changed (reusing the others' partitions), hands the other stages the {@code EdgeFacts}
 * they build on, and publishes the ports' and switches' status once the round is written.
 */
public final class IsolationStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(IsolationStage.class);
    /** Audits run every 2 s; the published count may lag about a minute. */
    private static final long STALE_AUDITS = 30;

    private final StatusSink status;
    private final IsolationCompiler compiler = new IsolationCompiler();
    /** What the last compile produced; the round that writes it publishes its status. Worker thread only. */
    private CompiledIntent compiled = IsolationCompiler.compile(Intent.EMPTY, Map.of());
    /** The last round's report, before ports being removed are added to it. Worker thread only. */
    private StatusReport lastRoundReport = StatusReport.of(compiled, Map.of(), Set.of());
    private volatile StatusReport lastStatus = lastRoundReport;
    private volatile Intent lastIntent = Intent.EMPTY;

    public IsolationStage(final StatusSink status) {
        this.status = requireNonNull(status);
    }

    @Override
    public String name() {
        return "tenant-isolation";
    }

    @Override
    public int order() {
        return BINDING;
    }

    @Override
    public StageFlows compile(final RoundInput input) {
        final Snapshot snapshot = input.snapshot();
        IntentChanges changes = IntentChanges.between(compiler.intent(), snapshot.intent());
        if (input.recompileSwitch().isPresent()) {
            final String switchId = input.recompileSwitch().orElseThrow();
            final var networks = new HashSet<>(changes.networks());
            networks.addAll(compiler.networksOn(switchId));
            final var switches = new HashSet<>(changes.switches());
            switches.add(switchId);
            changes = new IntentChanges(networks, changes.ports(), switches);
        }
        compiled = compiler.update(snapshot.intent(), snapshot.inventory(), changes);
        lastIntent = snapshot.intent();
        return new StageFlows(compiled.flowsBySwitch(), compiled.groupsBySwitch(),
            new HashMap<String, Map<Long, MeterRecord>>(compiled.metersBySwitch()), Optional.of(compiled.edgeFacts()),
            compiler.lastWork());
    }

    @Override
    public void written(final RoundReport report) {
        lastRoundReport = StatusReport.of(compiled, report.results(), report.snapshot().inventory().keySet(),
            report.verificationErrors());
        final StatusReport next = lastRoundReport.withRemovals(lastStatus, report.reportedFlows())
            .withCounters(report.counters());
        logNewCompileFailures(next);
        status.publish(next);
        lastStatus = next;
    }

    @Override
    public void audited(final Map<String, Set<String>> reportedFlows, final RoundCounters counters) {
        final StatusReport next = lastRoundReport.withRemovals(lastStatus, () -> reportedFlows);
        // The counters alone changing is worth a datastore write only now and then: the status shows that audits
        // run from the first one on, and their count is at most STALE_AUDITS behind.
        final long published = lastStatus.counters().audits();
        if (!next.ports().equals(lastStatus.ports()) || published == 0
                || counters.audits() - published >= STALE_AUDITS) {
            lastStatus = next.withCounters(counters);
            status.publish(lastStatus);
        }
    }

    /** The intent of the last round, as compiled. Any thread. */
    public Intent intent() {
        return lastIntent;
    }

    /** The status the last round or audit published. Any thread. */
    public StatusReport status() {
        return lastStatus;
    }

    /** Each object whose compile failed is logged once, with its key, when its failure first appears. */
    private void logNewCompileFailures(final StatusReport report) {
        report.ports().forEach((portId, port) -> port.lastError()
            .filter(error -> error.startsWith(IsolationCompiler.COMPILE_FAILED))
            .filter(error -> {
                final var previous = lastStatus.ports().get(portId);
                return previous == null || !port.lastError().equals(previous.lastError());
            })
            .ifPresent(error -> LOG.warn("Port {}: {}", portId, error)));
    }
}
