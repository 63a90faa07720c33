/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.List;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.stage.PipelineStage;
import org.edgeplane.core.validation.Violation;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;

/**
 * Where apps add their rules to the one commit cohort that guards the intent container, and the decoder of their
 * part of it, so that every round reads every app's intent from one snapshot.
 */
public interface IntentChecks {
    /** The order of tenant isolation's own checks; they run first. */
    int ISOLATION = PipelineStage.BINDING;
    /** The order of the firewall's checks. */
    int FIREWALL = PipelineStage.FIREWALL;
    /** The order of service insertion's checks. */
    int SERVICE_INSERTION = PipelineStage.SERVICE_INSERTION;

    /** What an app checks: the whole intent before and after a transaction (null when absent). */
    @FunctionalInterface
    interface IntentCheck {
        List<Violation> check(@Nullable Intent before, @Nullable Intent after);
    }

    /**
     * Adds an app's checks; violations are reported in ascending {@code order}, and the first one picks the HTTP
     * status. Closing the result removes them.
     */
    AutoCloseable addCheck(int order, String app, IntentCheck check);

    /**
     * Adds the decoder of an app's part of the intent container (its augmentations): every snapshot decodes it from
     * the same read as the endpoints, and stages find it with {@code Snapshot.slice(app, ...)}. Closing the result
     * removes it.
     */
    AutoCloseable addSlice(String app, Function<@Nullable Intent, Object> decoder);
}
