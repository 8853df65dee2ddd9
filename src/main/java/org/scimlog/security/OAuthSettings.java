package org.scimlog.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** How scimlog's own authorization server issues tokens (README: "OAuth 2.0 for Okta"). */
@Singleton
public class OAuthSettings {

    private final String issuer;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final Duration codeLifetime;
    private final String signingKeysFile;

    public OAuthSettings(@Value("${scimlog.oauth.issuer:scimlog}") String issuer,
                         @Value("${scimlog.oauth.access-token-lifetime:1h}") Duration accessTokenLifetime,
                         @Value("${scimlog.oauth.refresh-token-lifetime:90d}") Duration refreshTokenLifetime,
                         @Value("${scimlog.oauth.code-lifetime:60s}") Duration codeLifetime,
                         @Value("${scimlog.oauth.signing-keys-file:}") String signingKeysFile) {
        this.issuer = issuer;
        this.accessTokenLifetime = accessTokenLifetime;
        this.refreshTokenLifetime = refreshTokenLifetime;
        this.codeLifetime = codeLifetime;
        this.signingKeysFile = signingKeysFile;
    }

    /** The {@code iss} of every access token scimlog signs; tokens with this issuer are checked against its own keys. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of scimlog's access tokens: its own APIs. */
    public String audience() {
        return issuer + "/api";
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    public Duration refreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    public Duration codeLifetime() {
        return codeLifetime;
    }

    String signingKeysFile() {
        return signingKeysFile;
    }
}
