/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

/** What the verifier proves of every round, each checked against the intent. */
public enum IsolationProperty {
    TENANT_ISOLATION("no packet from a port of one tenant reaches a port of another tenant"),
    NETWORK_ISOLATION("no packet crosses between two networks of a tenant, except through a service chain the "
        + "tenant configured"),
    ISOLATED_PORTS("no packet goes from one isolated port to another"),
    ANTI_SPOOFING("from a port with port security, no packet with a source MAC or IP outside the port's own (and "
        + "its address pairs) passes the first stage"),
    SERVICE_CHAIN("no packet reaches a chain's appliance unless the chain's classifier admits it, and hops are "
        + "visited in order"),
    /** Not a property of the intent: a path the verifier could not follow to its end is not proven. */
    BOUNDED_PATHS("every path ends within " + Explorer.MAX_SWITCHES + " switches");

    private final String statement;

    IsolationProperty(final String statement) {
        this.statement = statement;
    }

    /** The property in words, for the operator. */
    public String statement() {
        return statement;
    }

    /** The name an operator reads in a status or a report, such as {@code tenant-isolation}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
