/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import org.edgeplane.core.stage.RoundCounters;
import org.edgeplane.core.stage.RoundCounters.RoundTimes;
import org.edgeplane.core.stage.RoundCounters.SwitchWrites;
import org.edgeplane.isolation.service.StatusReport;
import org.edgeplane.isolation.service.StatusSink;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Status;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.StatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.PortStatus;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.PortStatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.RoundsBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.SwitchStatus;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.SwitchStatusBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.rounds.LastTimes;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.rounds.LastTimesBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.rounds.Stage;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.status.rounds.StageBuilder;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the status container in the operational datastore, replacing it whole when it changed.
 */
public final class DatastoreStatusSink implements StatusSink {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreStatusSink.class);
    private static final InstanceIdentifier<Status> PATH = InstanceIdentifier.create(Status.class);

    private final DataBroker broker;
    private volatile StatusReport published;

    public DatastoreStatusSink(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    @Override
    public void publish(final StatusReport report) {
        if (Objects.equals(report, published)) {
            return;
        }
        final var ports = new ArrayList<PortStatus>();
        report.ports().forEach((id, port) -> ports.add(new PortStatusBuilder().setId(id)
            .setSwitchId(port.switchId()).setSwitchConnected(port.switchConnected())
            .setFlowsInstalled(port.flowsInstalled()).setFlowCount(Uint32.valueOf(port.flowCount()))
            .setLastError(port.lastError().orElse(null))
            .setContestedBy(port.contestedBy().isEmpty() ? null : Set.copyOf(port.contestedBy()))
            .setFlowsRemaining(port.flowsRemaining() == 0 ? null : Uint32.valueOf(port.flowsRemaining())).build()));
        final var switches = new ArrayList<SwitchStatus>();
        report.switches().forEach((id, status) -> switches.add(new SwitchStatusBuilder().setNodeId(id)
            .setConnected(status.connected())
            .setWrites(Uint64.valueOf(report.counters().writes().getOrDefault(id, SwitchWrites.NONE).accepted()))
            .setWriteFailures(Uint64.valueOf(report.counters().writes().getOrDefault(id, SwitchWrites.NONE)
                .failed()))
            .setProfile(status.profile().map(profile -> org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204
                .SwitchProfile.ofName(profile.yangName())).orElse(null))
            .setDesiredFlows(Uint32.valueOf(status.desiredFlows()))
            .setInstalledFlows(Uint32.valueOf(status.installedFlows()))
            .setLastError(status.lastError().orElse(null)).build()));
        final RoundCounters counters = report.counters();
        final var stages = new ArrayList<Stage>();
        counters.lastStages().forEach((name, stage) -> stages.add(new StageBuilder().setName(name)
            .setLastCompileMs(Uint64.valueOf(stage.compileMillis()))
            .setUnit(stage.work().unit().isEmpty() ? null : stage.work().unit())
            .setLastRecompiled(Uint64.valueOf(stage.work().recompiled()))
            .setLastReused(Uint64.valueOf(stage.work().reused())).build()));
        final var rounds = new RoundsBuilder().setCount(Uint64.valueOf(counters.rounds()))
            .setAudits(Uint64.valueOf(counters.audits())).setLastRoundMs(Uint64.valueOf(counters.lastRoundMillis()))
            .setLastFlowChanges(Uint64.valueOf(counters.lastFlowChanges())).setLastCause(counters.lastCause())
            .setLastTimes(lastTimes(counters.lastTimes())).setStage(BindingMap.of(stages)).build();
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, PATH, new StatusBuilder().setPortStatus(BindingMap.of(ports))
            .setSwitchStatus(BindingMap.of(switches)).setRounds(rounds).build());
        published = report;
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("Status published: {} ports, {} switches", ports.size(), switches.size());
            }

            @Override
            public void onFailure(final Throwable cause) {
                // Forget it, so that the next round writes the status again.
                published = null;
                LOG.warn("Status could not be published", cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private static LastTimes lastTimes(final RoundTimes times) {
        return new LastTimesBuilder().setNoticedAt(Uint64.valueOf(times.noticedAtMillis()))
            .setWaitMs(Uint64.valueOf(times.waitMillis())).setReadMs(Uint64.valueOf(times.readMillis()))
            .setCompileMs(Uint64.valueOf(times.compileMillis())).setDiffMs(Uint64.valueOf(times.diffMillis()))
            .setSendMs(Uint64.valueOf(times.sendMillis())).setAckMs(Uint64.valueOf(times.ackMillis())).build();
    }
}
