/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.List;
import java.util.Map;
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.Action.Field;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.DstChoice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstNxArpShaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstNxArpThaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstNxTunIpv4DstCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstOfArpSpaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstOfArpTpaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstOfEthDstCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.dst.choice.grouping.dst.choice.DstOfEthSrcCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionConntrackNodesNodeTableFlowApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionConntrackNodesNodeTableFlowApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionRegLoadNodesNodeTableFlowApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionRegLoadNodesNodeTableFlowApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionRegMoveNodesNodeTableFlowApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NxActionRegMoveNodesNodeTableFlowApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.conntrack.grouping.NxConntrackBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.conntrack.grouping.nx.conntrack.CtActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.load.grouping.NxRegLoadBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.move.grouping.NxRegMoveBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.move.grouping.nx.reg.move.DstBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.nx.action.reg.move.grouping.nx.reg.move.SrcBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.ofpact.actions.ofpact.actions.NxActionCtMarkCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.ofpact.actions.ofpact.actions.nx.action.ct.mark._case.NxActionCtMarkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.SrcChoice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcNxArpShaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcNxArpThaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcOfArpSpaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcOfArpTpaCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcOfEthDstCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action.rev140714.src.choice.grouping.src.choice.SrcOfEthSrcCaseBuilder;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The Nicira extension actions the translator emits, in the OpenFlow plugin's binding form. Only the ovs profile
 * gets them; the compiler guarantees that, and the plugin's Nicira converters (our nicira feature) encode them.
 */
final class NiciraActions {
    private static final Map<Field, SrcChoice> SOURCES = Map.of(
        Field.ETH_SRC, new SrcOfEthSrcCaseBuilder().setOfEthSrc(Empty.value()).build(),
        Field.ETH_DST, new SrcOfEthDstCaseBuilder().setOfEthDst(Empty.value()).build(),
        Field.ARP_SHA, new SrcNxArpShaCaseBuilder().setNxArpSha(Empty.value()).build(),
        Field.ARP_THA, new SrcNxArpThaCaseBuilder().setNxArpTha(Empty.value()).build(),
        Field.ARP_SPA, new SrcOfArpSpaCaseBuilder().setOfArpSpa(Empty.value()).build(),
        Field.ARP_TPA, new SrcOfArpTpaCaseBuilder().setOfArpTpa(Empty.value()).build());
    private static final Map<Field, DstChoice> DESTINATIONS = Map.of(
        Field.ETH_SRC, new DstOfEthSrcCaseBuilder().setOfEthSrc(Empty.value()).build(),
        Field.ETH_DST, new DstOfEthDstCaseBuilder().setOfEthDst(Empty.value()).build(),
        Field.ARP_SHA, new DstNxArpShaCaseBuilder().setNxArpSha(Empty.value()).build(),
        Field.ARP_THA, new DstNxArpThaCaseBuilder().setNxArpTha(Empty.value()).build(),
        Field.ARP_SPA, new DstOfArpSpaCaseBuilder().setOfArpSpa(Empty.value()).build(),
        Field.ARP_TPA, new DstOfArpTpaCaseBuilder().setOfArpTpa(Empty.value()).build());

    private static final int CT_COMMIT = 1;
    /** recirc_table 255: do not recirculate. */
    private static final int NO_RECIRCULATION = 255;

    private NiciraActions() {
    }

    /** nx reg-move of a whole field into another of the same width. */
    static NxActionRegMoveNodesNodeTableFlowApplyActionsCase move(final Field from, final Field to) {
        final Uint16 end = Uint16.valueOf(from.bits() - 1);
        return new NxActionRegMoveNodesNodeTableFlowApplyActionsCaseBuilder().setNxRegMove(new NxRegMoveBuilder()
            .setSrc(new SrcBuilder().setSrcChoice(SOURCES.get(from)).setStart(Uint16.ZERO).setEnd(end).build())
            .setDst(new DstBuilder().setDstChoice(DESTINATIONS.get(to)).setStart(Uint16.ZERO).setEnd(end).build())
            .build()).build();
    }

    /** nx ct: through conntrack in a zone, optionally committing (with a mark) and recirculating. */
    static NxActionConntrackNodesNodeTableFlowApplyActionsCase conntrack(final Action.Conntrack ct) {
        final var builder = new NxConntrackBuilder().setFlags(Uint16.valueOf(ct.commit() ? CT_COMMIT : 0))
            .setZoneSrc(Uint32.ZERO).setConntrackZone(Uint16.valueOf(ct.zone()))
            .setRecircTable(Uint8.valueOf(ct.recirculateTo() == null ? NO_RECIRCULATION
                : ct.recirculateTo().id()));
        if (ct.mark() != null) {
            builder.setCtActions(List.of(new CtActionsBuilder().setOfpactActions(new NxActionCtMarkCaseBuilder()
                .setNxActionCtMark(new NxActionCtMarkBuilder().setCtMark(Uint32.valueOf(ct.mark())).build())
                .build()).build()));
        }
        return new NxActionConntrackNodesNodeTableFlowApplyActionsCaseBuilder().setNxConntrack(builder.build())
            .build();
    }

    /** nx reg-load of the tunnel's remote IPv4 endpoint, for a flow-based tunnel port. */
    static NxActionRegLoadNodesNodeTableFlowApplyActionsCase loadTunnelIpv4Dst(final String ipv4) {
        long value = 0;
        for (String octet : new Ipv4Address(ipv4).getValue().split("\\.")) {
            value = value << 8 | Long.parseLong(octet);
        }
        return new NxActionRegLoadNodesNodeTableFlowApplyActionsCaseBuilder().setNxRegLoad(new NxRegLoadBuilder()
            .setDst(new org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.action
                .rev140714.nx.action.reg.load.grouping.nx.reg.load.DstBuilder()
                .setDstChoice(new DstNxTunIpv4DstCaseBuilder().setNxTunIpv4Dst(Empty.value()).build())
                .setStart(Uint16.ZERO).setEnd(Uint16.valueOf(31)).build())
            .setValue(Uint64.valueOf(value)).build()).build();
    }
}
