/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

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
