/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds switches that lack flows Edgeplane installed, from what the switches report in their flow statistics.
 * A flow just written is not in the statistics yet, so a switch must miss flows for a grace period before it is
 * resynchronised, and then not again before a cool-down, so a flow the switch refuses cannot cause a storm.
 */
public final class FlowAudit {
    private final Duration grace;
    private final Duration coolDown;
    private final Map<String, Instant> missingSince = new HashMap<>();
    private final Map<String, Instant> quietUntil = new HashMap<>();
    private final Map<String, Instant> straySince = new HashMap<>();
    private final Map<String, Instant> strayQuietUntil = new HashMap<>();

    public FlowAudit(final Duration grace, final Duration coolDown) {
        this.grace = grace;
        this.coolDown = coolDown;
    }

    /**
     * The identities the audit compares, for flows with these cookies: each flow is the n-th of its cookie. A switch
     * reports its flows with their cookies, but the OpenFlow plugin cannot always map a reported flow back to its
     * configured id (its match may read back in another form, such as a Nicira extension as a standard field), so
     * flows are counted per cookie rather than looked up by id.
     */
    public static Set<String> identities(final Collection<Long> cookies) {
        final var counts = new HashMap<Long, Integer>();
        final var identities = new HashSet<String>();
        for (long cookie : cookies) {
            identities.add(Long.toHexString(cookie) + "#" + counts.merge(cookie, 1, Integer::sum));
        }
        return identities;
    }

    /**
     * Compares, per switch that reported statistics, what was installed with what the switch reports.
     *
     * @param installed {@link #identities} of the flows Edgeplane installed, by switch
     * @param reported {@link #identities} of Edgeplane's flows the switch reports, by switch; absent when it reported
     *     none yet
     * @param now the time of this audit
     * @return the switches to resynchronise now, each with how many flows it misses
     */
    public Map<String, Integer> audit(final Map<String, Set<String>> installed,
            final Map<String, Set<String>> reported, final Instant now) {
        final var due = new TreeMap<String, Integer>();
        final List<String> gone = new ArrayList<>(missingSince.keySet());
        for (var entry : reported.entrySet()) {
            final String switchId = entry.getKey();
            final Set<String> reportedIds = entry.getValue();
            final int missing = (int) installed.getOrDefault(switchId, Set.of()).stream()
                .filter(id -> !reportedIds.contains(id)).count();
            if (missing == 0) {
                continue;
            }
            gone.remove(switchId);
            final Instant since = missingSince.computeIfAbsent(switchId, key -> now);
            if (!now.isBefore(since.plus(grace)) && !now.isBefore(quietUntil.getOrDefault(switchId, Instant.MIN))) {
                due.put(switchId, missing);
                quietUntil.put(switchId, now.plus(coolDown));
                missingSince.remove(switchId);
            }
        }
        gone.forEach(missingSince::remove);
        return due;
    }

    /**
     * Edgeplane cookies of which a switch reports more flows than it should hold (flows of deleted objects, or of
     * deleted parts of an object, whose removal the pusher lost), once they were seen so for the grace period; each
     * is then not due again before the cool-down.
     *
     * @param desired how many desired flows of each switch carry each cookie
     * @param reported {@link #identities} of Edgeplane's flows each switch reports
     * @param now the time of this audit
     * @return the cookies with flows to remove now, by switch
     */
    public Map<String, Set<Long>> strays(final Map<String, Map<Long, Integer>> desired,
            final Map<String, Set<String>> reported, final Instant now) {
        final var due = new TreeMap<String, Set<Long>>();
        final var seen = new HashSet<String>();
        reported.forEach((switchId, identities) -> {
            final Map<Long, Integer> wanted = desired.getOrDefault(switchId, Map.of());
            final var counts = new HashMap<Long, Integer>();
            for (String identity : identities) {
                counts.merge(Long.parseUnsignedLong(identity.substring(0, identity.indexOf('#')), 16), 1,
                    Integer::sum);
            }
            counts.forEach((cookie, count) -> {
                if (count <= wanted.getOrDefault(cookie, 0)) {
                    return;
                }
                final String key = switchId + " " + Long.toHexString(cookie);
                seen.add(key);
                final Instant since = straySince.computeIfAbsent(key, id -> now);
                if (!now.isBefore(since.plus(grace))
                        && !now.isBefore(strayQuietUntil.getOrDefault(key, Instant.MIN))) {
                    due.computeIfAbsent(switchId, id -> new TreeSet<>()).add(cookie);
                    strayQuietUntil.put(key, now.plus(coolDown));
                }
            });
        });
        straySince.keySet().retainAll(seen);
        strayQuietUntil.keySet().retainAll(seen);
        return due;
    }
}
