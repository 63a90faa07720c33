/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.edgeplane.core.flow.FlowMatch;

/**
 * A path a stage steers traffic on by design, which the isolation properties must allow: a service chain takes
 * packets from a port (its source, or the previous hop's appliance) to the next hop's appliance, possibly in
 * another network of the tenant. Declared by the stage that compiles it, from its intent.
 *
 * @param chain the chain's name, for findings
 * @param fromPort the port the steered packets leave
 * @param toPort the appliance port they are steered to
 * @param admits which packets, as {@code fromPort} sends them, the chain may steer there (its classifiers, with
 *     the ethertype and any prefix, protocol and ports); empty admits every packet (a hop after the first)
 */
public record Steering(String chain, String fromPort, String toPort, List<FlowMatch> admits) {
    public Steering {
        requireNonNull(chain);
        requireNonNull(fromPort);
        requireNonNull(toPort);
        admits = List.copyOf(admits);
    }
}
