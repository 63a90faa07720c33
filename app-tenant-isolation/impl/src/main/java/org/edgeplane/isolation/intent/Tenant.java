/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
 */
package org.edgeplane.isolation.intent;

import static java.util.Objects.requireNonNull;

/**
 * A tenant: the unit of isolation. Nothing crosses between tenants.
 *
 * @param id orchestration-chosen id
 * @param name display name, may be empty
 */
public record Tenant(String id, String name) {
    public Tenant {
        requireNonNull(id);
        name = name == null ? "" : name;
    }
}
