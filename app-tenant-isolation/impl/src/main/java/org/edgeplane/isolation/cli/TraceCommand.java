/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.Trace;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.TraceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.trace.rev261206.TraceOutput;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * {@code edgeplane:trace}: the {@code edgeplane-trace:trace} RPC from the shell, so it works on any member (ODL
 * routes it to the one that runs the rounds). Options carry the RPC's leaves under the same names (ct-state is
 * {@code --ct}).
 */
@Service
@Command(scope = "edgeplane", name = "trace",
    description = "Walk a frame through the flows installed on the switches; name the intent behind every flow")
public final class TraceCommand implements Action {
    @Reference
    RpcConsumerRegistry rpcs;

    @Reference
    Session session;

    // An option, not an argument: Karaf stops reading options at the first argument, and "from" reads best first.
    @Option(name = "--from", required = true,
        description = "Where the frame enters: a port id, or <node-id>:<in-port> (openflow:1:3)")
    String from;

    @Option(name = "--to", description = "A port id: the destination MAC and address are its own")
    String to;

    @Option(name = "--eth-src", description = "Default: the from port's MAC")
    String ethSrc;

    @Option(name = "--eth-dst", description = "Default: the to port's MAC, or that of the port with --ip-dst")
    String ethDst;

    @Option(name = "--vlan", description = "A tag the frame arrives with (0-4095)")
    String vlan;

    @Option(name = "--ip-src", description = "Default: the from port's address")
    String ipSrc;

    @Option(name = "--ip-dst", description = "Default: the to port's address")
    String ipDst;

    @Option(name = "--proto", description = "tcp, udp, icmp, icmp6, arp or a number")
    String proto;

    @Option(name = "--src-port", description = "Default 40000")
    String srcPort;

    @Option(name = "--dst-port")
    String dstPort;

    @Option(name = "--icmp-type", description = "Default: echo request")
    String icmpType;

    @Option(name = "--icmp-code")
    String icmpCode;

    @Option(name = "--tcp-flags", description = "Comma-separated: syn,ack,fin,rst,psh,urg,ece,cwr,ns")
    String tcpFlags;

    @Option(name = "--ct", description = "What conntrack answers: new (default), est, rel, rpl, inv")
    String ctState;

    @Option(name = "--ct-mark")
    String ctMark;

    @Override
    public Object execute() throws InterruptedException, ExecutionException, TimeoutException {
        final RpcResult<TraceOutput> result = rpcs.getRpc(Trace.class).invoke(new TraceInputBuilder().setFrom(from)
            .setTo(to).setEthSrc(ethSrc).setEthDst(ethDst).setVlan(vlan).setIpSrc(ipSrc).setIpDst(ipDst)
            .setProto(proto).setSrcPort(srcPort).setDstPort(dstPort).setIcmpType(icmpType).setIcmpCode(icmpCode)
            .setTcpFlags(tcpFlags).setCtState(ctState).setCtMark(ctMark).build()).get(60, TimeUnit.SECONDS);
        if (!result.isSuccessful()) {
            // Thrown, so that the shell prints it and a non-interactive client exits non-zero.
            throw new IllegalArgumentException(result.getErrors().stream().map(RpcError::getMessage)
                .collect(Collectors.joining("; ")));
        }
        session.getConsole().print(result.getResult().getText());
        return null;
    }
}
