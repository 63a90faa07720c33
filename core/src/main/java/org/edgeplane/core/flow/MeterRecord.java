/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

/**
 * An OpenFlow 1.3 meter with one drop band, as the compiler wants it on a switch.
 *
 * @param meterId the meter's id on its switch
 * @param kbps rate above which frames are dropped
 * @param burstKbits burst size of the drop band
 * @param cookie the cookie of the object that asked for it (for the operator; meters have no cookie field)
 */
public record MeterRecord(long meterId, long kbps, long burstKbits, long cookie) {
    @Override
    public String toString() {
        return String.format("meter=%d kbps=%d burst=%d drop", meterId, kbps, burstKbits);
    }
}
