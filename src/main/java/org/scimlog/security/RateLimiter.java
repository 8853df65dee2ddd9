package org.scimlog.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Okta-style rate limits: a number of requests per credential and per tenant in each fixed window (a minute by
 * default), the window a request falls in reported as Okta reports it ({@code X-Rate-Limit-Limit},
 * {@code -Remaining}, {@code -Reset} in epoch seconds), so Okta's own pollers pace themselves. Counted in this
 * instance's memory: N instances behind a load balancer allow up to N times the limit. A limit of 0 is no limit.
 */
@Singleton
public class RateLimiter {

    /** What one request used: the tighter of its credential's and its tenant's windows. */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSecond, String exceeded) {
        public long retryAfterSeconds(long nowEpochSecond) {
            return Math.max(1, resetEpochSecond - nowEpochSecond);
        }
    }

    private final int perCredential;
    private final int perTenant;
    private final long windowSeconds;
    private final Clock clock;
    private final Cache<String, AtomicInteger> counts = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public RateLimiter(@Value("${scimlog.security.rate-limit.per-credential:0}") int perCredential,
                       @Value("${scimlog.security.rate-limit.per-tenant:0}") int perTenant,
                       @Value("${scimlog.security.rate-limit.window:1m}") Duration window) {
        this(perCredential, perTenant, window, Clock.systemUTC());
    }

    RateLimiter(int perCredential, int perTenant, Duration window, Clock clock) {
        this.perCredential = perCredential;
        this.perTenant = perTenant;
        this.windowSeconds = Math.max(1, window.toSeconds());
        this.clock = clock;
    }

    public boolean enabled() {
        return perCredential > 0 || perTenant > 0;
    }

    public long nowEpochSecond() {
        return clock.instant().getEpochSecond();
    }

    /** Counts one request of {@code caller} on {@code surface}; a refused request counts too (as Okta's do). */
    public Decision take(Caller caller, String surface) {
        long now = nowEpochSecond();
        long window = now / windowSeconds;
        long reset = (window + 1) * windowSeconds;
        Decision credential = take("c:" + surface + ":" + caller.tokenId() + ":" + window, perCredential, reset, "credential");
        Decision tenant = take("t:" + surface + ":" + caller.tenantId() + ":" + window, perTenant, reset, "tenant");
        if (!credential.allowed()) {
            return credential;
        }
        if (!tenant.allowed()) {
            return tenant;
        }
        return credential.limit() == 0 || (tenant.limit() != 0 && tenant.remaining() < credential.remaining()) ? tenant : credential;
    }

    private Decision take(String key, int limit, long reset, String scope) {
        if (limit <= 0) {
            return new Decision(true, 0, 0, reset, scope);
        }
        int used = counts.get(key, k -> new AtomicInteger()).incrementAndGet();
        return new Decision(used <= limit, limit, Math.max(0, limit - used), reset, scope);
    }
}
