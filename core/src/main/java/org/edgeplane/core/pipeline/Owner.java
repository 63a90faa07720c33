/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.pipeline;

/**
 * The Edgeplane apps. Each owns tables of the pipeline, and its id is the second byte of every cookie it makes.
 */
public enum Owner {
    ISOLATION(0x01),
    FIREWALL(0x02),
    SERVICE_INSERTION(0x03);

    private final int appId;

    Owner(final int appId) {
        this.appId = appId;
    }

    public int appId() {
        return appId;
    }
}
