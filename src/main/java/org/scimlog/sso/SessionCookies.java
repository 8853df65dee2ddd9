package org.scimlog.sso;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.scimlog.security.SsoSignIn;

/**
 * The console's session cookie: the provider's access token, HttpOnly (no script reads it, so an injected script
 * cannot carry it away), SameSite=Strict (no other site's page makes the browser send it), Secure when the page
 * is served over TLS (by scimlog itself or, per {@code scimlog.public-base-url}, by a proxy in front), path /
 * (the page and /api/v1/logs both need it), and living exactly as long as the token.
 */
@Context // created at start, so that a half-configured sign-in stops the start with its reason
@Singleton
@ConsoleSignInConfigured
class SessionCookies {

    private final boolean behindTls;

    SessionCookies(@Value("${scimlog.public-base-url:}") String publicBaseUrl, SsoSignIn signIn,
                   @Value("${micronaut.security.oauth2.clients.oidc.client-id:}") String clientId,
                   @Value("${micronaut.security.oauth2.clients.oidc.token.url:}") String tokenUrl) {
        if (!signIn.enabled() || clientId.isBlank() || tokenUrl.isBlank()) {
            throw new IllegalStateException("SCIMLOG_SSO_AUTHORIZATION_URL is set: SCIMLOG_SSO_ISSUER (with its audience and "
                    + "JWKS URL), SCIMLOG_SSO_CLIENT_ID and SCIMLOG_SSO_TOKEN_URL are required too");
        }
        this.behindTls = publicBaseUrl.startsWith("https:");
    }

    Cookie open(String accessToken, Instant expires, HttpRequest<?> request) {
        long seconds = Math.max(0, Duration.between(Instant.now(), expires).toSeconds());
        return base(Cookie.of(SsoSignIn.COOKIE, accessToken), request).maxAge(seconds);
    }

    Cookie cleared(HttpRequest<?> request) {
        return base(Cookie.of(SsoSignIn.COOKIE, ""), request).maxAge(0);
    }

    private Cookie base(Cookie cookie, HttpRequest<?> request) {
        return cookie.httpOnly(true).sameSite(SameSite.Strict).path("/").secure(behindTls || request.isSecure());
    }
}
