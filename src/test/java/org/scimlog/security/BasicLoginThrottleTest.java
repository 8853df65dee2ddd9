package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failed Basic logins: free at first, then a doubling wait, then a lockout; a success clears them. Time is a clock the test moves. */
class BasicLoginThrottleTest {

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration duration) {
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
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void failuresSlowDownThenLockOutPerUsernameAndAddress() {
        MovingClock clock = new MovingClock();
        BasicLoginThrottle throttle = new BasicLoginThrottle(clock);
        for (int i = 1; i < BasicLoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("okta@acme", "203.0.113.9");
            assertEquals(Optional.empty(), throttle.blocked("okta@acme", "203.0.113.9"), "failure " + i + " costs nothing");
        }
        throttle.failed("okta@acme", "203.0.113.9");
        assertEquals(Optional.of(1L), throttle.blocked("okta@acme", "203.0.113.9"));
        assertEquals(Optional.empty(), throttle.blocked("okta@acme", "198.51.100.7"), "another address is not slowed");
        assertEquals(Optional.empty(), throttle.blocked("other@acme", "203.0.113.9"), "nor another username");
        clock.advance(Duration.ofSeconds(1));
        throttle.failed("okta@acme", "203.0.113.9");
        assertEquals(Optional.of(2L), throttle.blocked("okta@acme", "203.0.113.9"), "each failure doubles the wait");
        for (int i = BasicLoginThrottle.FREE_FAILURES + 2; i <= BasicLoginThrottle.LOCKOUT_FAILURES; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("okta@acme", "203.0.113.9");
        }
        assertEquals(Optional.of(BasicLoginThrottle.LOCKOUT.toSeconds()), throttle.blocked("okta@acme", "203.0.113.9"), "locked out");
        clock.advance(BasicLoginThrottle.LOCKOUT.minusSeconds(1));
        assertTrue(throttle.blocked("okta@acme", "203.0.113.9").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.blocked("okta@acme", "203.0.113.9"), "until the lockout ends");
        throttle.succeeded("okta@acme", "203.0.113.9");
        throttle.failed("okta@acme", "203.0.113.9");
        assertEquals(Optional.empty(), throttle.blocked("okta@acme", "203.0.113.9"), "a success starts the count again");
    }
}
