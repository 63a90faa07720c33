/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A tenant's broadcast domain.
 *
 * @param id orchestration-chosen id
 * @param tenantId owning tenant, null when orchestration left it out
 * @param segmentationType how it is carried between switches, null when left out
 * @param segmentationId VLAN id or VNI, null when left out
 */
public record Network(String id, @Nullable String tenantId, @Nullable SegmentationType segmentationType,
        @Nullable Long segmentationId) {
    public Network {
        requireNonNull(id);
    }
}
