/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edgeplane.core.stage.RoundOperations;
import org.edgeplane.core.trace.OvsMicroflow;
import org.edgeplane.core.trace.PacketTrace;
import org.edgeplane.core.trace.TraceReport;
import org.edgeplane.core.trace.TraceRequest;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.Trace;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.TraceInput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.TraceOutput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.TraceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.Fate;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.FateBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.FateKey;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.Hop;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.HopBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.trace.output.HopKey;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The {@code edgeplane-trace:trace} RPC, registered by the member that runs the rounds while it does (ODL routes
 * a call made on another member to it). A wrong field is answered as invalid-value naming it (400 over RESTCONF);
 * a member not ready to trace, as resource-denied (409).
 */
final class TraceService implements Trace {
    private final RoundOperations rounds;

    TraceService(final RoundOperations rounds) {
        this.rounds = requireNonNull(rounds);
    }

    @Override
    public ListenableFuture<RpcResult<TraceOutput>> invoke(final TraceInput input) {
        final TraceReport report;
        try {
            report = rounds.trace(TraceRequest.of(fields(input)));
        } catch (TraceRequest.FieldException e) {
            return RpcResultBuilder.<TraceOutput>failed().withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE,
                e.getMessage()).buildFuture();
        } catch (IllegalStateException e) {
            return RpcResultBuilder.<TraceOutput>failed().withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED,
                "cannot trace now: " + e.getMessage()).buildFuture();
        }
        final var fates = new HashMap<FateKey, Fate>();
        final List<PacketTrace.Fate> traced = report.trace().fates();
        for (int index = 0; index < traced.size(); index++) {
            final var fate = new FateBuilder().setIndex(Uint32.valueOf(index));
            if (traced.get(index) instanceof PacketTrace.Fate.Delivered delivered) {
                fate.setKind(Fate.Kind.Delivered).setSwitch(delivered.switchId()).setPort(Uint32.valueOf(
                    delivered.port())).setTo(delivered.to());
            } else if (traced.get(index) instanceof PacketTrace.Fate.Dropped dropped) {
                fate.setKind(Fate.Kind.Dropped).setSwitch(dropped.switchId()).setTo(dropped.why());
            } else if (traced.get(index) instanceof PacketTrace.Fate.Lost lost) {
                fate.setKind(Fate.Kind.Lost).setSwitch(lost.switchId()).setTo(lost.why());
            }
            final Fate built = fate.build();
            fates.put(built.key(), built);
        }
        final var hops = new HashMap<HopKey, Hop>();
        final List<PacketTrace.Hop> crossed = report.trace().hops();
        for (int index = 0; index < crossed.size(); index++) {
            final PacketTrace.Hop hop = crossed.get(index);
            final Hop built = new HopBuilder().setIndex(Uint32.valueOf(index)).setSwitch(hop.switchId())
                .setInPort(Uint32.valueOf(hop.inPort())).setFlow(OvsMicroflow.of(hop.inPort(), hop.frame()))
                .setOutput(hop.walk().outputs().stream().map(sent -> Uint32.valueOf(sent.port())).toList()).build();
            hops.put(built.key(), built);
        }
        return RpcResultBuilder.success(new TraceOutputBuilder().setText(report.text()).setHop(hops).setFate(fates)
            .build()).buildFuture();
    }

    /** The input's leaves by their YANG names, as {@link TraceRequest} takes them. */
    static Map<String, String> fields(final TraceInput input) {
        final var fields = new HashMap<String, String>();
        fields.put("from", input.getFrom());
        fields.put("to", input.getTo());
        fields.put("eth-src", input.getEthSrc());
        fields.put("eth-dst", input.getEthDst());
        fields.put("vlan", input.getVlan());
        fields.put("ip-src", input.getIpSrc());
        fields.put("ip-dst", input.getIpDst());
        fields.put("proto", input.getProto());
        fields.put("src-port", input.getSrcPort());
        fields.put("dst-port", input.getDstPort());
        fields.put("icmp-type", input.getIcmpType());
        fields.put("icmp-code", input.getIcmpCode());
        fields.put("tcp-flags", input.getTcpFlags());
        fields.put("ct-state", input.getCtState());
        fields.put("ct-mark", input.getCtMark());
        return fields;
    }
}
