/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import com.google.common.util.concurrent.ListenableFuture;

/**
 * Brings a switch back to what the configuration inventory has for it, when the two diverged behind the
 * controller's back: the switch lost flows (a flow table wiped by hand, a switch-side failure), or kept flows whose
 * removal the pusher lost. Writing the same configuration again would change nothing in the datastore, so nothing
 * would be pushed; this asks the switch side directly.
 */
public interface SwitchResync {
    /** Completes when the re-push was started, or fails with the reason it could not be. */
    ListenableFuture<?> resync(String switchId);

    /**
     * Removes from the switch, in every table, the flows that carry a cookie no desired flow of that switch carries
     * (cookies name the object that produced a flow, so they are flows of deleted objects). Completes when the
     * switch took the removal.
     */
    ListenableFuture<?> removeByCookie(String switchId, long cookie);
}
