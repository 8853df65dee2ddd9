package org.scimlog.security;

import java.util.Locale;

/** The three ways Okta can authenticate to a SCIM app, each a kind of credential of a tenant. */
public enum CredentialKind {
    /** An opaque token scimlog issued, sent as {@code Authorization: Bearer scimlog_...} (Okta's "HTTP Header"). */
    BEARER("API_TOKEN"),
    /** A username and password scimlog issued, sent as {@code Authorization: Basic ...}. */
    BASIC("PASSWORD"),
    /** JWT access tokens of an OAuth 2.0 authorization server the tenant trusts (issuer, audience, JWKS URL). */
    JWT("OAUTH2"),
    /**
     * An OAuth 2.0 client scimlog itself authorizes (Okta's "OAuth 2" mode): a client id and secret, redirect URIs;
     * its access tokens are JWTs scimlog signs ({@link AccessTokens}).
     */
    OAUTH("OAUTH2"),
    /**
     * A person of the company's own OIDC provider (single sign-on, {@link SsoPeople}): no credential row, their
     * access token's roles claim names the tenant and scopes.
     */
    SSO("OAUTH2");

    private final String auditType;

    CredentialKind(String auditType) {
        this.auditType = auditType;
    }

    /** What the System Log names as the event's {@code authenticationContext.credentialType}. */
    public String auditType() {
        return auditType;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CredentialKind parse(String text) {
        for (CredentialKind kind : values()) {
            if (kind != SSO && kind.text().equals(text)) { // people of the OIDC provider are no stored credential
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown credential type '" + text + "'; known: bearer, basic, jwt, oauth");
    }
}
