package org.scimlog.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.scimlog.security.ClientAddresses;
import org.scimlog.security.RateLimiter;
import org.scimlog.security.RateLimiter.Decision;
import org.scimlog.web.RateLimits;

/**
 * Rate limits of the authorize, token and revocation endpoints, which nobody calls with a credential: per client
 * address and the client id the request names, and per client address ({@link RateLimiter#takeOAuth}). The decision
 * is left on the request, where {@link RateLimits} turns it into Okta's {@code X-Rate-Limit-*} headers on the answer;
 * a request over a limit is told so by its endpoint (an RFC 6749 body or the error page) with {@code Retry-After}.
 */
@Singleton
class OAuthRateLimits {

    /** A request beyond a limit: what the endpoint answers with 429. */
    record Refusal(long retryAfterSeconds, String description) {
    }

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final RateLimits limits;

    OAuthRateLimits(RateLimiter limiter, ClientAddresses addresses, RateLimits limits) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.limits = limits;
    }

    /** Counts the request; empty when it may go on. {@code clientId} is what the request names, if anything. */
    Optional<Refusal> take(HttpRequest<?> request, @Nullable String clientId) {
        if (!limiter.oauthEnabled()) {
            return Optional.empty();
        }
        Decision decision = limiter.takeOAuth(clientId == null ? "" : clientId, addresses.client(request));
        request.setAttribute(RateLimits.ATTRIBUTE, decision);
        if (decision.allowed()) {
            return Optional.empty();
        }
        limits.refused("oauth", decision.exceeded());
        return Optional.of(new Refusal(decision.retryAfterSeconds(limiter.nowEpochSecond()), "the " + decision.exceeded()
                + "'s rate limit of " + decision.limit() + " requests is used up until X-Rate-Limit-Reset"));
    }

    /** Counts a token request refused unchecked because its client's failed authentications locked it out. */
    void lockedOut() {
        limits.refused("oauth", "client-lockout");
    }

    /** The client id of a {@code client_secret_basic} header, else of the form or query; null when none is named. */
    @Nullable
    static String clientId(HttpRequest<?> request, @Nullable String parameters) {
        Optional<String> header = request.getHeaders().getAuthorization().filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6));
        if (header.isPresent()) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        FormParameters.Parsed parsed = FormParameters.parse(parameters);
        return parsed.parameters() == null ? null : parsed.parameters().get("client_id");
    }
}
