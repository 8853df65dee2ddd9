package org.scimlog.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;
import org.scimlog.security.Caller;
import org.scimlog.security.RateLimiter;
import org.scimlog.security.RateLimiter.Decision;

/**
 * Rate limits on SCIM and on the System Log API, per credential and per tenant ({@link RateLimiter}): every
 * authenticated answer carries Okta's {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset}; a
 * request over a limit gets 429 with {@code Retry-After} and the API's error body (Okta's {@code E0000047} under
 * /api). Refusals are counted in {@code scimlog.ratelimit.rejections} (tags surface, reason).
 */
@ServerFilter({"/scim/v2/**", "/api/v1/logs/**", "/api/v1/logs", "/oauth2/**"})
public class RateLimits implements Ordered {

    /** The request's {@link Decision}; the OAuth endpoints, which count per client, leave theirs here too. */
    public static final String ATTRIBUTE = "scimlog.rateLimit";

    private final RateLimiter limiter;
    private final ErrorBodies bodies;
    private final MeterRegistry registry;

    public RateLimits(RateLimiter limiter, ErrorBodies bodies, MeterRegistry registry) {
        this.limiter = limiter;
        this.bodies = bodies;
        this.registry = registry;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (!limiter.enabled()) {
            return null;
        }
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class)
                .filter(a -> a.getAttributes().containsKey(Caller.ATTRIBUTE))
                .map(Caller::of);
        if (caller.isEmpty()) {
            return null;
        }
        String surface = request.getPath().startsWith("/scim/") ? "scim" : "logs";
        Decision decision = limiter.take(caller.get(), surface);
        request.setAttribute(ATTRIBUTE, decision);
        if (decision.allowed()) {
            return null;
        }
        refused(surface, decision.exceeded());
        MutableHttpResponse<?> refused = HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(decision.retryAfterSeconds(limiter.nowEpochSecond())));
        addHeaders(decision, refused);
        return bodies.fill(refused, request.getPath(), "the " + decision.exceeded()
                + "'s rate limit of " + decision.limit() + " requests is used up until X-Rate-Limit-Reset");
    }

    /** Okta's headers on every answer that counted toward a window (the OAuth endpoints' too). */
    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, Decision.class).ifPresent(decision -> addHeaders(decision, response));
    }

    /** (A refusal this filter answers itself does not pass its own response filter, so it gets them here too.) */
    private static void addHeaders(Decision decision, MutableHttpResponse<?> response) {
        if (decision.limit() > 0) {
            response.header("X-Rate-Limit-Limit", String.valueOf(decision.limit()));
            response.header("X-Rate-Limit-Remaining", String.valueOf(decision.remaining()));
            response.header("X-Rate-Limit-Reset", String.valueOf(decision.resetEpochSecond()));
        }
    }

    /** Counts a 429 in {@code scimlog.ratelimit.rejections} (also the OAuth endpoints' own refusals). */
    public void refused(String surface, String reason) {
        Counter.builder("scimlog.ratelimit.rejections")
                .description("Requests refused with 429 because a rate limit was used up")
                .tag("surface", surface).tag("reason", reason)
                .register(registry).increment();
    }

    /** After security, so the credential is known. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
