/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a connected switch reported about itself in the operational inventory.
 *
 * @param nodeId inventory node id
 * @param portNumbersByName OpenFlow port number of each port name
 * @param detectedProfile the profile its description implies, null when it tells nothing
 * @param portsDown numbers of the ports whose link is down or that are administratively disabled
 */
public record SwitchFacts(String nodeId, Map<String, Long> portNumbersByName,
        @Nullable SwitchProfile detectedProfile, Set<Long> portsDown) {
    public SwitchFacts {
        requireNonNull(nodeId);
        portNumbersByName = Map.copyOf(portNumbersByName);
        portsDown = Set.copyOf(portsDown);
    }

    public SwitchFacts(final String nodeId, final Map<String, Long> portNumbersByName) {
        this(nodeId, portNumbersByName, null, Set.of());
    }

    /**
     * A digest of what the switch reports piece by piece once it is (re)discovered: its node id, its profile and
     * the names of its ports, not their numbers or link state, which change only when the switch changes. Equal on
     * every member and run ({@link Fnv1a}), so a successor can tell whether it sees the switch as completely as
     * the controller that wrote its flows did.
     */
    public long shape() {
        final var text = new StringBuilder(nodeId).append('|').append(detectedProfile).append('|');
        new TreeSet<>(portNumbersByName.keySet()).forEach(name -> text.append(name).append('\n'));
        return Fnv1a.hash64(text.toString());
    }
}
