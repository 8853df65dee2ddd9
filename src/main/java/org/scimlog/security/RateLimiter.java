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
    private final int perOAuthClient;
    private final int perOAuthAddress;
    private final long windowSeconds;
    private final Clock clock;
    private final Cache<String, AtomicInteger> counts = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public RateLimiter(@Value("${scimlog.security.rate-limit.per-credential:0}") int perCredential,
                       @Value("${scimlog.security.rate-limit.per-tenant:0}") int perTenant,
                       @Value("${scimlog.security.rate-limit.oauth-per-client:0}") int perOAuthClient,
                       @Value("${scimlog.security.rate-limit.oauth-per-address:0}") int perOAuthAddress,
                       @Value("${scimlog.security.rate-limit.window:1m}") Duration window) {
        this(perCredential, perTenant, perOAuthClient, perOAuthAddress, window, Clock.systemUTC());
    }

    RateLimiter(int perCredential, int perTenant, int perOAuthClient, int perOAuthAddress, Duration window, Clock clock) {
        this.perCredential = perCredential;
        this.perTenant = perTenant;
        this.perOAuthClient = perOAuthClient;
        this.perOAuthAddress = perOAuthAddress;
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
        long window = nowEpochSecond() / windowSeconds;
        long reset = (window + 1) * windowSeconds;
        return tighter(take("c:" + surface + ":" + caller.tokenId() + ":" + window, perCredential, reset, "credential"),
                take("t:" + surface + ":" + caller.tenantId() + ":" + window, perTenant, reset, "tenant"));
    }

    public boolean oauthEnabled() {
        return perOAuthClient > 0 || perOAuthAddress > 0;
    }

    /**
     * Counts one request to the OAuth endpoints from {@code address} naming {@code clientId} (empty when it names
     * none). Keyed by the address too, so a stranger naming Okta's client id uses up only his own window, not Okta's;
     * the address's own limit bounds how many client ids (and secrets) one address may try.
     */
    public Decision takeOAuth(String clientId, String address) {
        long window = nowEpochSecond() / windowSeconds;
        long reset = (window + 1) * windowSeconds;
        return tighter(take("oc:" + address + "\n" + clientId + ":" + window, perOAuthClient, reset, "client"),
                take("oa:" + address + ":" + window, perOAuthAddress, reset, "address"));
    }

    /** The narrow window (a credential's, a client's) unless the wide one (its tenant's, its address's) has less left. */
    private static Decision tighter(Decision narrow, Decision wide) {
        if (!narrow.allowed()) {
            return narrow;
        }
        if (!wide.allowed()) {
            return wide;
        }
        return narrow.limit() == 0 || (wide.limit() != 0 && wide.remaining() < narrow.remaining()) ? wide : narrow;
    }

    private Decision take(String key, int limit, long reset, String scope) {
        if (limit <= 0) {
            return new Decision(true, 0, 0, reset, scope);
        }
        int used = counts.get(key, k -> new AtomicInteger()).incrementAndGet();
        return new Decision(used <= limit, limit, Math.max(0, limit - used), reset, scope);
    }
}
