/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

/**
 * A write that was not attempted because the switch is not connected. Nothing changed on the switch; its
 * connection starts the next write.
 */
public final class SwitchUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SwitchUnreachableException(final String switchId) {
        super("switch " + switchId + " is not connected");
    }
}
