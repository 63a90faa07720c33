/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it.defect;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.pipeline.Metadata;
import org.edgeplane.core.pipeline.Owner;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.stage.EdgeFacts.PortPlace;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.stage.RoundInput;
import org.edgeplane.core.stage.StageFlows;

/**
 * A deliberately broken stage, for the end-to-end test of the round guard: on the switch of the first port (by
 * id) that shares its switch with a port of another tenant, it floods the first port's network to the other
 * tenant's port too, above the isolation app's flood. Never part of the product: the test installs it into a
 * running controller as a bundle of its own.
 */
public final class DefectStage implements PipelineStage {
    public static final String FLOW_ID = "it-defect:leak";
    public static final long COOKIE = Cookies.of(Owner.ISOLATION, Cookies.ObjectKind.SWITCH, "it-defect");
    private static final int ABOVE_THE_FLOOD = 60;

    @Override
    public String name() {
        return "it-defect";
    }

    @Override
    public int order() {
        return 99;
    }

    @Override
    public StageFlows compile(final RoundInput input) {
        final Map<String, PortPlace> places = input.facts().places();
        for (Map.Entry<String, PortPlace> from : places.entrySet()) {
            final Port sender = input.snapshot().intent().ports().get(from.getKey());
            final Network network = sender == null ? null : input.snapshot().intent().networks()
                .get(sender.networkId());
            if (network == null || network.segmentationType() == null || network.segmentationId() == null) {
                continue;
            }
            for (Map.Entry<String, PortPlace> to : places.entrySet()) {
                final Port receiver = input.snapshot().intent().ports().get(to.getKey());
                if (receiver != null && to.getValue().switchId().equals(from.getValue().switchId())
                        && !receiver.tenantId().equals(sender.tenantId())) {
                    final var leak = new FlowRecord(FLOW_ID, Table.L2_FORWARD, ABOVE_THE_FLOOD, COOKIE,
                        FlowMatch.builder().metadata(Metadata.network(network.segmentationType(),
                            network.segmentationId()), Metadata.NETWORK_MASK)
                            .ethDst(FlowMatch.GROUP_BIT, FlowMatch.GROUP_BIT).build(),
                        List.of(new Instruction.ApplyActions(List.of(new Action.Output(to.getValue().ofPort())))));
                    return StageFlows.of(Map.of(from.getValue().switchId(), Map.of(FLOW_ID, leak)));
                }
            }
        }
        return StageFlows.NONE;
    }
}
