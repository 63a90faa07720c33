/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: per client (an address and the user it signs in as), the first {@link #FREE_FAILURES}
 * failed sign-ins cost nothing; each further one locks the client out for twice as long as the previous lock,
 * from {@link #FIRST_LOCK} up to {@link #MAX_LOCK}. A successful sign-in forgets the client. Pure and thread-safe;
 * it remembers at most {@link #MAX_CLIENTS} clients, forgetting the least recently seen first.
 */
final class AuthenticationThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int MAX_CLIENTS = 10_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> byClient = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    AuthenticationThrottle(final Clock clock) {
        this.clock = requireNonNull(clock);
    }

    /** How much longer the client is locked out, if it is. */
    synchronized Optional<Duration> lockedFor(final String client) {
        final Failures failures = byClient.get(client);
        if (failures == null) {
            return Optional.empty();
        }
        final Duration left = Duration.between(clock.instant(), failures.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a failed sign-in; returns the lock it starts, if it starts one. */
    synchronized Optional<Duration> failed(final String client) {
        final Failures before = byClient.get(client);
        final int count = before == null ? 1 : before.count() + 1;
        final Instant now = clock.instant();
        if (count < FREE_FAILURES) {
            byClient.put(client, new Failures(count, now));
            return Optional.empty();
        }
        final int doublings = Math.min(count - FREE_FAILURES, 20);
        final Duration lock = FIRST_LOCK.multipliedBy(1L << doublings).compareTo(MAX_LOCK) > 0 ? MAX_LOCK
            : FIRST_LOCK.multipliedBy(1L << doublings);
        byClient.put(client, new Failures(count, now.plus(lock)));
        return Optional.of(lock);
    }

    /** Records a successful sign-in: the client starts afresh. */
    synchronized void succeeded(final String client) {
        byClient.remove(client);
    }
}
