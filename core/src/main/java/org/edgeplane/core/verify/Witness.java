/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.ConntrackMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.trace.PacketTrace;

/**
 * One packet that breaks a property: the frame as the endpoint sends it, the connection-tracking answers its path
 * needs, and its path through tables and switches with the flows that carried it.
 *
 * @param switchId the switch of the sending endpoint
 * @param inPort the endpoint's switch port
 * @param frame the frame as sent
 * @param hops every switch the path crossed, in order
 * @param reached where it ends: the port it reaches, or the point the property speaks of
 */
public record Witness(String switchId, long inPort, Frame frame, List<Hop> hops, String reached) {
    public Witness {
        requireNonNull(frame);
        hops = List.copyOf(hops);
    }

    /**
     * One switch of the path.
     *
     * @param came how the packet got there: empty for the first switch, else the fabric or tunnel it crossed
     * @param flows the flows that matched, in order
     * @param conntrack the state and mark each connection-tracking lookup on this switch answers, in order
     * @param buckets the bucket id it took in each select group it went through, by group id
     * @param sentOn the port it left by, or -1 when it ends in this switch
     */
    public record Hop(String switchId, long inPort, String came, List<FlowRecord> flows, List<ConntrackState> conntrack,
            Map<Long, Long> buckets, long sentOn) {
        public Hop {
            flows = List.copyOf(flows);
            conntrack = List.copyOf(conntrack);
            buckets = Map.copyOf(buckets);
        }
    }

    /** A connection-tracking answer: ct_state bits ({@link ConntrackMatch}) and ct_mark. */
    public record ConntrackState(int state, long mark) {
        @Override
        public String toString() {
            return ConntrackMatch.flagsSet(state) + (mark == 0 ? "" : ",ct_mark=" + mark);
        }
    }

    /** The last switch's port the path left by; null when it ends inside a switch. */
    public @Nullable Long lastOutput() {
        final long port = hops.get(hops.size() - 1).sentOn();
        return port < 0 ? null : port;
    }

    /** The witness for an operator: the frame, then each switch with the flows that carried it. */
    public String text() {
        final var text = new StringJoiner("\n");
        text.add("witness: " + PacketTrace.describe(frame) + " sent into " + switchId + " port " + inPort);
        for (Hop hop : hops) {
            text.add("  " + hop.switchId() + " in_port " + hop.inPort() + (hop.came().isEmpty() ? ""
                : " (" + hop.came() + ")") + (hop.conntrack().isEmpty() ? "" : ", conntrack answers "
                + hop.conntrack()));
            hop.flows().forEach(flow -> text.add("    " + flow + "  [" + flow.id() + "]"));
            hop.buckets().forEach((group, bucket) -> text.add("    group " + group + " bucket " + bucket));
            if (hop.sentOn() >= 0) {
                text.add("    -> output " + hop.sentOn());
            }
        }
        text.add("  reaches " + reached);
        return text.toString();
    }
}
