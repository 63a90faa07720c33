/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edgeplane.core.endpoint.SwitchProfile;

/**
 * What the binding stage (tenant isolation) resolved that every other stage builds on: where each usable port is,
 * which of them are down, what each switch can execute, and how frames reach another switch. A port is listed
 * only when it is bound to a switch port that exists and it compiled without error; a stage must not steer traffic
 * to or from any other port.
 *
 * @param places usable ports by port id
 * @param portsDown usable ports whose link is down or that are disabled
 * @param profiles the profile of each known switch
 * @param fabric the paths between switches
 */
public record EdgeFacts(SortedMap<String, PortPlace> places, SortedSet<String> portsDown,
        SortedMap<String, SwitchProfile> profiles, Fabric fabric) {
    public static final EdgeFacts NONE = new EdgeFacts(Collections.emptySortedMap(), Collections.emptySortedSet(),
        Collections.emptySortedMap(), Fabric.NONE);

    public EdgeFacts {
        places = Collections.unmodifiableSortedMap(new TreeMap<>(places));
        portsDown = Collections.unmodifiableSortedSet(new TreeSet<>(portsDown));
        profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
        requireNonNull(fabric);
    }

    /** Facts from unsorted maps. */
    public static EdgeFacts of(final Map<String, PortPlace> places, final Set<String> portsDown,
            final Map<String, SwitchProfile> profiles, final Fabric fabric) {
        return new EdgeFacts(new TreeMap<>(places), new TreeSet<>(portsDown), new TreeMap<>(profiles), fabric);
    }

    /** Where a port is, when it is usable and its link is up. */
    public Optional<PortPlace> placeIfUp(final String portId) {
        return portsDown.contains(portId) ? Optional.empty() : Optional.ofNullable(places.get(portId));
    }

    /** A switch's profile; a switch nobody configured is an Open vSwitch. */
    public SwitchProfile profileOf(final String switchId) {
        return profiles.getOrDefault(switchId, SwitchProfile.OVS);
    }

    /**
     * Where a usable port is bound.
     *
     * @param switchId the switch's inventory node id
     * @param ofPort its OpenFlow port number, positive
     */
    public record PortPlace(String switchId, long ofPort) {
        public PortPlace {
            requireNonNull(switchId);
            if (ofPort <= 0) {
                throw new IllegalArgumentException("OpenFlow port " + ofPort + " of " + switchId + " is not usable");
            }
        }
    }
}
