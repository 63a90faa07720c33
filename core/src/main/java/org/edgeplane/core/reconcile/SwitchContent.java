/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

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
}
