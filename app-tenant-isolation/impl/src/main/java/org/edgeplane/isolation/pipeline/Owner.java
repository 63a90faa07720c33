/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
 */
package org.edgeplane.isolation.pipeline;

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
