package org.scimlog.security;

import java.net.URI;
import java.util.Objects;

/** An OAuth 2.0 authorization server whose access tokens a tenant accepts: who signs them, for whom, with which keys. */
public record JwtIssuer(String issuer, String audience, String jwksUrl) {

    public JwtIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalArgumentException("a JWT credential needs an issuer and an audience");
        }
        if (issuer.length() > 1024 || audience.length() > 1024 || jwksUrl.length() > 2048) {
            throw new IllegalArgumentException("issuer and audience hold at most 1024 characters, the JWKS URL 2048");
        }
        URI uri;
        try {
            uri = URI.create(jwksUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS URL is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the JWKS URL must be an http(s) URL with a host");
        }
    }
}
