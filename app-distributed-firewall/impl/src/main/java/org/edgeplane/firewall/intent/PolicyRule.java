/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.intent;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One entry of a tenant's ordered policy.
 *
 * @param tenantId owning tenant
 * @param priority ascending evaluation order, 1..10000; the first match wins
 * @param match what it selects
 * @param action allow, deny, reject or pass
 */
public record PolicyRule(String tenantId, int priority, RuleMatch match, @Nullable String action) {
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String REJECT = "reject";
    public static final String PASS = "pass";
    public static final int MAX_PRIORITY = 10_000;

    public PolicyRule {
        requireNonNull(tenantId);
        requireNonNull(match);
    }

    /** The label counters and logs use: tenant/policy/priority. */
    public String label() {
        return tenantId + "/policy/" + priority;
    }
}
