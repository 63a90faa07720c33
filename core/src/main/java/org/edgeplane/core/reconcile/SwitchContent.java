/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;

/**
 * Everything Edgeplane wants on one switch: its flows by id, meters and groups by id.
 *
 * @param flows desired flows by id
 * @param meters desired meters by id
 * @param groups desired groups by id
 */
public record SwitchContent(Map<String, FlowRecord> flows, Map<Long, MeterRecord> meters,
        Map<Long, GroupRecord> groups) {
    public SwitchContent {
        requireNonNull(flows);
        requireNonNull(meters);
        requireNonNull(groups);
    }

    /**
     * The same for equal content in any JVM, whatever the maps' order: the sum of one 64-bit hash per object, taken
     * over its id, cookie and canonical text (the golden tests' text, which names tables and fields, never hash
     * codes). Equal fingerprints mean equal content except with odds of 2^-64 per comparison.
     */
    public String fingerprint() {
        long sum = 0;
        for (var flow : flows.entrySet()) {
            sum += hash("flow " + flow.getKey() + " " + Long.toHexString(flow.getValue().cookie()) + " "
                + flow.getValue());
        }
        for (var meter : meters.values()) {
            sum += hash("meter " + Long.toHexString(meter.cookie()) + " " + meter);
        }
        for (var group : groups.values()) {
            sum += hash("group " + Long.toHexString(group.cookie()) + " " + group);
        }
        return Long.toHexString(sum) + "/" + flows.size();
    }

    private static long hash(final String text) {
        return Hashing.murmur3_128().hashString(text, StandardCharsets.UTF_8).asLong();
    }
}
