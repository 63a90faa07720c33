/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.reconcile.Reconciler;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.Fabric;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.trace.IntentNames;
import org.edgeplane.core.trace.PacketTrace;
import org.edgeplane.core.trace.SwitchWalk;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switches as a trace walks them: each holds the flows, groups and meters the reconciler installed (as
 * written), joined by the uplinks and tunnels the binding stage resolved; names come from the last round's intent
 * and every stage's own objects. Built on the worker's thread, which owns the reconciler.
 */
final class TraceScene {
    private static final Logger LOG = LoggerFactory.getLogger(TraceScene.class);

    private TraceScene() {
    }

    // A stage that cannot name its objects leaves their flows unnamed; the trace still runs.
    @SuppressWarnings("checkstyle:IllegalCatch")
    static TraceReport trace(final TraceRequest request, final Snapshot snapshot, final EdgeFacts facts,
            final RoundUnion union, final Reconciler reconciler, final Collection<PipelineStage> stages) {
        final TraceRequest.Resolved entry = request.resolve(snapshot.intent(), snapshot.inventory());
        final var more = new HashMap<Long, String>();
        for (PipelineStage stage : stages) {
            try {
                more.putAll(stage.cookieNames(snapshot));
            } catch (RuntimeException e) {
                LOG.warn("Stage {} could not name its objects for a trace", stage.name(), e);
            }
        }
        final var names = new IntentNames(snapshot.intent(), snapshot.inventory(), more);
        final var switches = new TreeMap<String, PacketTrace.SwitchView>();
        int notInstalled = 0;
        final var unknown = new StringBuilder();
        for (String switchId : snapshot.inventory().keySet()) {
            if (!reconciler.knowsContentOf(switchId)) {
                unknown.append("\n  ").append(switchId).append(": what it holds is not known (its last write failed,"
                    + " it reconnected or is being taken over): traced as holding none of Edgeplane's flows");
            }
            final var installed = reconciler.installedContent(switchId, union.flowsOf(switchId),
                union.groupsBySwitch().getOrDefault(switchId, Map.of()),
                union.metersBySwitch().getOrDefault(switchId, Map.of()));
            notInstalled += (int) union.flowsOf(switchId).keySet().stream()
                .filter(flowId -> !reconciler.installedIds(switchId).contains(flowId)).count();
            final Fabric.SwitchPath path = facts.fabric().pathOf(switchId).orElse(null);
            final PacketTrace.TunnelPort tunnel = path == null || path.tunnelPort().isEmpty()
                || path.tunnelIp() == null ? null
                : new PacketTrace.TunnelPort(path.tunnelPort().getAsLong(), path.tunnelIp());
            switches.put(switchId, new PacketTrace.SwitchView(installed.flows(), installed.groups(),
                installed.meters(), path == null ? List.of() : path.uplinks(), tunnel));
        }
        if (!switches.containsKey(entry.switchId())) {
            throw new TraceRequest.FieldException("from", "switch " + entry.switchId() + " is not connected");
        }
        final var deployment = new PacketTrace.Deployment(switches, names);
        final PacketTrace.Trace trace = PacketTrace.trace(deployment, entry.switchId(), entry.inPort(),
            entry.frame(), entry.ct());
        final String header = "Trace of " + PacketTrace.describe(entry.frame()) + "\n  from " + entry.from() + " ("
            + entry.switchId() + " in_port " + entry.inPort() + "), conntrack answers " + ctText(entry.ct())
            + "\n  through the flows installed on " + switches.size() + " switches"
            + (notInstalled == 0 ? "" : " (" + notInstalled + " desired flows are not installed yet)") + unknown
            + "\n";
        return new TraceReport(entry, trace, header + PacketTrace.text(trace, deployment));
    }

    private static String ctText(final SwitchWalk.Conntrack.State ct) {
        return ConntrackMatch.flagsSet(ct.state()) + (ct.mark() == 0 ? "" : " ct_mark=0x"
            + Long.toHexString(ct.mark()));
    }
}
