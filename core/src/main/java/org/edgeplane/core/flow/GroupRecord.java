/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An OpenFlow 1.3 select group: the switch sends each frame through one of the buckets, chosen by a hash of its
 * headers, so one flow always takes the same bucket while many flows spread over all of them. Open vSwitch (2.10
 * and later) hashes the IP 5-tuple symmetrically, so a reply takes the bucket of the same position as its request.
 *
 * @param groupId the group's id on its switch
 * @param buckets the choices, in bucket-id order; empty drops everything
 * @param cookie the cookie of the object that asked for it (for the operator; groups have no cookie field)
 */
public record GroupRecord(long groupId, List<Bucket> buckets, long cookie) {

    /**
     * One choice of a select group.
     *
     * @param bucketId id of the bucket within its group; stable for one choice, so the same flow keeps its choice
     * @param actions what a frame sent through this bucket gets
     */
    public record Bucket(long bucketId, List<Action> actions) {
        public Bucket {
            actions = List.copyOf(actions);
        }

        @Override
        public String toString() {
            return actions.stream().map(Action::toString).collect(Collectors.joining(",", "bucket=" + bucketId
                + ":", ""));
        }
    }

    public GroupRecord {
        requireNonNull(buckets);
        buckets = List.copyOf(buckets);
    }

    /** Whether a switch without vendor extensions can execute every bucket. */
    public boolean isStandardOpenflow13() {
        return buckets.stream().flatMap(bucket -> bucket.actions().stream()).allMatch(Action::isStandardOpenflow13);
    }

    @Override
    public String toString() {
        return buckets.stream().map(Bucket::toString).collect(Collectors.joining(" ", "group=" + groupId
            + " select ", ""));
    }
}
