/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.intent;

import static java.util.Objects.requireNonNull;

/**
 * One allow rule of a security group.
 *
 * @param id orchestration-chosen id, unique in its group
 * @param match what it allows
 */
public record SecurityRule(String id, RuleMatch match) {
    public SecurityRule {
        requireNonNull(id);
        requireNonNull(match);
    }
}
