/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.HashMap;
import java.util.Map;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.IpMatch;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.ExtensionKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.GeneralAugMatchNodesNodeTableFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.grouping.ExtensionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.list.grouping.ExtensionList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.list.grouping.ExtensionListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.general.extension.list.grouping.ExtensionListKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxAugMatchNodesNodeTableFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxAugMatchNodesNodeTableFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmNxCtMarkKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmNxCtStateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmOfTcpDstKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmOfTcpSrcKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmOfUdpDstKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.NxmOfUdpSrcKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.nx.ct.mark.grouping.NxmNxCtMarkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.nx.ct.state.grouping.NxmNxCtStateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.of.tcp.dst.grouping.NxmOfTcpDstBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.of.tcp.src.grouping.NxmOfTcpSrcBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.of.udp.dst.grouping.NxmOfUdpDstBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.nicira.match.rev140714.nxm.of.udp.src.grouping.NxmOfUdpSrcBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The Nicira extension matches the translator emits: connection-tracking state and masked transport ports. Each
 * becomes one entry of the match's extension list, keyed by its field.
 */
final class NiciraMatches {
    private final Map<ExtensionListKey, ExtensionList> extensions = new HashMap<>();

    private void add(final ExtensionKey key, final NxAugMatchNodesNodeTableFlow value) {
        final var entry = new ExtensionListBuilder().setExtensionKey(key)
            .setExtension(new ExtensionBuilder().addAugmentation(value).build()).build();
        extensions.put(entry.key(), entry);
    }

    NiciraMatches conntrack(final ConntrackMatch match) {
        if (match.stateMask() != 0) {
            add(NxmNxCtStateKey.VALUE, new NxAugMatchNodesNodeTableFlowBuilder().setNxmNxCtState(
                new NxmNxCtStateBuilder().setCtState(Uint32.valueOf(match.state()))
                    .setMask(Uint32.valueOf(match.stateMask())).build()).build());
        }
        if (match.mark() != null) {
            add(NxmNxCtMarkKey.VALUE, new NxAugMatchNodesNodeTableFlowBuilder().setNxmNxCtMark(
                new NxmNxCtMarkBuilder().setCtMark(Uint32.valueOf(match.mark()))
                    .setMask(Uint32.valueOf(match.markMask())).build()).build());
        }
        return this;
    }

    /** A masked port (an exact one is a standard OpenFlow match and never comes here). */
    NiciraMatches port(final int ipProto, final boolean source, final IpMatch.PortMask port) {
        final var number = new PortNumber(Uint16.valueOf(port.value()));
        final var mask = Uint16.valueOf(port.mask());
        final var builder = new NxAugMatchNodesNodeTableFlowBuilder();
        if (ipProto == IpMatch.TCP && source) {
            builder.setNxmOfTcpSrc(new NxmOfTcpSrcBuilder().setPort(number).setMask(mask).build());
            add(NxmOfTcpSrcKey.VALUE, builder.build());
        } else if (ipProto == IpMatch.TCP) {
            builder.setNxmOfTcpDst(new NxmOfTcpDstBuilder().setPort(number).setMask(mask).build());
            add(NxmOfTcpDstKey.VALUE, builder.build());
        } else if (source) {
            builder.setNxmOfUdpSrc(new NxmOfUdpSrcBuilder().setPort(number).setMask(mask).build());
            add(NxmOfUdpSrcKey.VALUE, builder.build());
        } else {
            builder.setNxmOfUdpDst(new NxmOfUdpDstBuilder().setPort(number).setMask(mask).build());
            add(NxmOfUdpDstKey.VALUE, builder.build());
        }
        return this;
    }

    void addTo(final MatchBuilder match) {
        if (!extensions.isEmpty()) {
            match.addAugmentation(new GeneralAugMatchNodesNodeTableFlowBuilder().setExtensionList(extensions)
                .build());
        }
    }
}
