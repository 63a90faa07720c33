/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import java.util.Locale;

/** What a switch can execute, and so what the compiler may emit for it. */
public enum SwitchProfile {
    /** Open vSwitch: Nicira extensions (register moves, tunnel destination per flow). */
    OVS,
    /** Standard OpenFlow 1.3 only, as hardware switches offer. */
    OF13;

    /** The YANG enum name. */
    public String yangName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
