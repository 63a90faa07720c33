/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

/** What a chain does with traffic for a hop that has no live instance. */
public enum FailurePolicy {
    /** Bypass the hop: traffic goes on to the next hop, or to its destination. */
    FAIL_OPEN,
    /** Drop the chain's traffic until an instance of the hop is back. */
    FAIL_CLOSED
}
