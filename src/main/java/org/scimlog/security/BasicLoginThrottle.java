package org.scimlog.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed Basic logins slow down, then lock out: per username and client address (so an attacker elsewhere cannot
 * lock Okta out), the {@value #FREE_FAILURES}th failure blocks further attempts for 1 s, each failure after that
 * doubles it, and the {@value #LOCKOUT_FAILURES}th locks the pair out for {@link #LOCKOUT}. While blocked, an
 * attempt is refused without its password being checked (429 with Retry-After). A success clears the count.
 * Behind a proxy not listed as trusted every client shares the proxy's address.
 */
@Singleton
class BasicLoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int LOCKOUT_FAILURES = 10;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private record Failures(int count, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

    @Inject
    BasicLoginThrottle() {
        this(Clock.systemUTC());
    }

    BasicLoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until this pair may try again; empty when it may try now. */
    Optional<Long> blocked(String username, String address) {
        Failures current = failures.getIfPresent(key(username, address));
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Math.max(1, Duration.between(now, current.blockedUntil()).toSeconds()
                + (Duration.between(now, current.blockedUntil()).toMillisPart() > 0 ? 1 : 0)));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        failures.asMap().compute(key(username, address), (key, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            Instant until = count >= LOCKOUT_FAILURES ? now.plus(LOCKOUT)
                    : count >= FREE_FAILURES ? now.plusSeconds(1L << (count - FREE_FAILURES)) : now;
            return new Failures(count, until);
        });
    }

    void succeeded(String username, String address) {
        failures.invalidate(key(username, address));
    }

    private static String key(String username, String address) {
        return username + "\n" + address;
    }
}
