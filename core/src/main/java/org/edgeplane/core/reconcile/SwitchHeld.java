/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.util.Optional;
import org.edgeplane.core.flow.FlowRecord;

/**
 * What the reconciler knows a switch holds just before a diff is written to it: what a writer needs to turn the diff
 * into switch messages (the exact flow a removal or a changed match must delete, whether a group is new or
 * modified).
 */
public interface SwitchHeld {
    /**
     * Whether the switch's Edgeplane flows, groups and meters are known. When they are not (the first write of this
     * run, after a reconnect, a failed write or an audit that found the switch changed behind our back), the diff
     * holds every desired flow, group and meter, and the writer replaces everything Edgeplane owns on the switch.
     */
    boolean isKnown();

    /** How many Edgeplane flows the switch holds; 0 when that is not known. */
    int flowCount();

    /** The flow with this id as it was written, when it was. */
    Optional<FlowRecord> flow(String flowId);

    /** Whether the switch holds a group with this id. */
    boolean holdsGroup(long groupId);

    /** Whether the switch holds a meter with this id. */
    boolean holdsMeter(long meterId);
}
