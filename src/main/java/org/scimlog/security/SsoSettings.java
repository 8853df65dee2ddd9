package org.scimlog.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The company's OIDC provider whose people may call the log API with their own access tokens (README: "Single
 * sign-on"). Off while {@code scimlog.sso.issuer} is empty.
 */
@Singleton
class SsoSettings {

    private final String issuer;
    private final String audience;
    private final String jwksUrl;
    private final String rolesClaim;
    private final String usernameClaim;
    private final String providerName;

    SsoSettings(@Value("${scimlog.sso.issuer:}") String issuer,
                @Value("${scimlog.sso.audience:}") String audience,
                @Value("${scimlog.sso.jwks-url:}") String jwksUrl,
                @Value("${scimlog.sso.roles-claim:scimlog_roles}") String rolesClaim,
                @Value("${scimlog.sso.username-claim:preferred_username}") String usernameClaim,
                @Value("${scimlog.sso.provider-name:single sign-on}") String providerName) {
        this.issuer = issuer;
        this.audience = audience;
        this.jwksUrl = jwksUrl;
        this.rolesClaim = rolesClaim;
        this.usernameClaim = usernameClaim;
        this.providerName = providerName;
        if (enabled() && (audience.isBlank() || jwksUrl.isBlank())) {
            throw new IllegalStateException("scimlog.sso.issuer is set: scimlog.sso.audience and scimlog.sso.jwks-url are required too");
        }
    }

    boolean enabled() {
        return !issuer.isBlank();
    }

    boolean issued(String tokenIssuer) {
        return enabled() && issuer.equals(tokenIssuer);
    }

    JwtIssuer provider() {
        return new JwtIssuer(issuer, audience, jwksUrl);
    }

    String rolesClaim() {
        return rolesClaim;
    }

    String usernameClaim() {
        return usernameClaim;
    }

    String providerName() {
        return providerName;
    }
}
