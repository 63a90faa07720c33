/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Table;
import org.edgeplane.core.trace.Frame;
import org.edgeplane.core.trace.SwitchWalk;
import org.edgeplane.core.verify.Witness;

/**
 * Replays a verifier's witness through the tests' table model ({@link SwitchWalk}, the walk the flow-table model
 * and the packet trace share): the witness frame, sent where the witness says, switch by switch with the
 * connection-tracking answers it names. Fails unless the frame really takes the witness's path and leaves where it
 * says (or, for a witness that ends inside the first switch, passes PORT_SECURITY).
 */
public final class WitnessReplay {
    private WitnessReplay() {
    }

    /** The frame as it leaves the last switch of the path. */
    public static Frame replay(final Witness witness, final Map<String, ? extends Map<String, FlowRecord>> flows,
            final Map<String, ? extends Map<Long, GroupRecord>> groups) {
        Frame frame = witness.frame();
        for (int index = 0; index < witness.hops().size(); index++) {
            final Witness.Hop hop = witness.hops().get(index);
            final Collection<FlowRecord> switchFlows = flows.get(hop.switchId()).values();
            final Map<Long, GroupRecord> switchGroups = groups.containsKey(hop.switchId())
                ? groups.get(hop.switchId()) : Map.of();
            final Iterator<Witness.ConntrackState> answers = hop.conntrack().iterator();
            final var last = new SwitchWalk.Conntrack.State[] {new SwitchWalk.Conntrack.State(0, 0)};
            final SwitchWalk.Walk walk = SwitchWalk.walk(switchFlows, switchGroups, hop.inPort(), frame,
                (action, tracked) -> {
                    if (action.recirculateTo() != null) {
                        final Witness.ConntrackState answer = answers.next();
                        last[0] = new SwitchWalk.Conntrack.State(answer.state(), answer.mark());
                    }
                    return last[0];
                }, (group, arriving) -> {
                    final Long bucketId = hop.buckets().get(group.groupId());
                    for (int bucket = 0; bucket < group.buckets().size(); bucket++) {
                        if (bucketId != null && group.buckets().get(bucket).bucketId() == bucketId) {
                            return bucket;
                        }
                    }
                    return SwitchWalk.select(group, arriving);
                });
            if (hop.sentOn() < 0) {
                final boolean passed = walk.steps().stream().anyMatch(step -> step instanceof SwitchWalk.Step.Matched
                    matched && matched.flow().table().id() > Table.PORT_SECURITY.id());
                if (!passed) {
                    throw new AssertionError("the witness does not pass PORT_SECURITY: " + walk.steps());
                }
                return frame;
            }
            final var sent = walk.outputs().stream().filter(output -> output.port() == hop.sentOn()).findFirst()
                .orElseThrow(() -> new AssertionError("the witness does not leave " + hop.switchId() + " by port "
                    + hop.sentOn() + ": it leaves by " + walk.outputs()));
            frame = sent.frame();
            if (index + 1 < witness.hops().size()) {
                final boolean tunnel = witness.hops().get(index + 1).came().startsWith("tunnel");
                frame = frame.withTunnel(tunnel ? frame.tunnelId() : null, null);
            }
        }
        return frame.withTunnel(null, null);
    }
}
