/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Policing of the traffic a port sends.
 *
 * @param kbps rate above which frames are dropped
 * @param burstKbits burst allowed above the rate; a tenth of a second at the rate when null
 */
public record RateLimit(long kbps, @Nullable Long burstKbits) {
    public long effectiveBurstKbits() {
        return burstKbits != null ? burstKbits : Math.max(1, kbps / 10);
    }
}
