/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.trace;

import static java.util.Objects.requireNonNull;

/**
 * A trace of the installed flows, as the operator asked it.
 *
 * @param entry where the frame entered, the frame and the conntrack state
 * @param trace every switch it crossed and every copy's fate
 * @param text the whole trace as the operator reads it
 */
public record TraceReport(TraceRequest.Resolved entry, PacketTrace.Trace trace, String text) {
    public TraceReport {
        requireNonNull(entry);
        requireNonNull(trace);
        requireNonNull(text);
    }
}
