/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.List;

/**
 * A seam where tests make one port's (or one switch's) firewall compile throw, to prove that a failure stays with
 * its object. Production compiles use {@link #NONE}.
 */
@FunctionalInterface
interface FirewallFault {
    FirewallFault NONE = (switchId, portIds) -> { };

    /** Called each time a switch's flows are compiled, with the governed ports compiled; may throw. */
    void beforeSwitch(String switchId, List<String> portIds);
}
