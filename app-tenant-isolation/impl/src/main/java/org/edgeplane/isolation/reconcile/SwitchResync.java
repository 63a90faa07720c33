/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.reconcile;

import com.google.common.util.concurrent.ListenableFuture;

/**
 * Makes a switch hold everything the configuration inventory has for it again, for when the switch lost flows
 * behind the controller's back (a flow table wiped by hand, a switch-side failure). Writing the same configuration
 * again would change nothing in the datastore, so nothing would be pushed; this asks the pusher directly.
 */
public interface SwitchResync {
    /** Completes when the re-push was started, or fails with the reason it could not be. */
    ListenableFuture<?> resync(String switchId);
}
