/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.odl;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.Test;

public class AuthenticationThrottleTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T00:00:00Z");

        void advance(final Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(clock);

    @Test
    public void theFirstFailuresAreFreeThenEachLockDoublesUpToTheMaximum() {
        for (int i = 1; i < AuthenticationThrottle.FREE_FAILURES; i++) {
            assertEquals(Optional.empty(), throttle.failed("a"));
            assertEquals(Optional.empty(), throttle.lockedFor("a"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.failed("a"));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("a"));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), throttle.lockedFor("a"));
        clock.advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), throttle.lockedFor("a"));
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.failed("a"));
        assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.failed("a"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("a");
        }
        assertEquals(Optional.of(AuthenticationThrottle.MAX_LOCK), throttle.failed("a"));
        assertEquals(Optional.of(AuthenticationThrottle.MAX_LOCK), throttle.lockedFor("a"));
    }

    @Test
    public void clientsAreCountedApartAndASuccessForgetsTheFailures() {
        for (int i = 0; i < AuthenticationThrottle.FREE_FAILURES; i++) {
            throttle.failed("a");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("b"));
        throttle.succeeded("a");
        assertEquals(Optional.empty(), throttle.lockedFor("a"));
        assertEquals(Optional.empty(), throttle.failed("a"));
    }

    @Test
    public void itRemembersABoundedNumberOfClients() {
        for (int i = 0; i < AuthenticationThrottle.FREE_FAILURES; i++) {
            throttle.failed("first");
        }
        for (int i = 0; i < AuthenticationThrottle.MAX_CLIENTS; i++) {
            throttle.failed("client" + i);
        }
        assertEquals(Optional.empty(), throttle.lockedFor("first"));
    }
}
