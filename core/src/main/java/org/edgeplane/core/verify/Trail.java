/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;

/** The path of a walk so far, newest step first; shared by every branch that grew from it. */
sealed interface Trail {
    @Nullable Trail previous();

    /** The frame entered a switch port: from the endpoint (came empty), the fabric or a tunnel. */
    record Arrival(@Nullable Trail previous, String switchId, long inPort, String came) implements Trail {
    }

    /** A flow of the switch matched. */
    record Matched(Trail previous, String switchId, FlowRecord flow) implements Trail {
    }

    /** A connection-tracking lookup: its answer is the path's free variable of this number. */
    record Tracked(Trail previous, String switchId, int lookup) implements Trail {
    }

    /** One bucket of a group. */
    record Bucket(Trail previous, String switchId, long groupId, long bucketId) implements Trail {
    }

    /** Sent out of a port. */
    record Sent(Trail previous, String switchId, long port) implements Trail {
    }

    static Trail arrival(final @Nullable Trail previous, final String switchId, final long inPort,
            final String came) {
        return new Arrival(previous, switchId, inPort, came);
    }

    /** The steps from the first arrival on. */
    default List<Trail> steps() {
        final var steps = new ArrayList<Trail>();
        for (Trail step = this; step != null; step = step.previous()) {
            steps.add(step);
        }
        Collections.reverse(steps);
        return steps;
    }
}
