package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What an operator asks for when issuing a credential; the secret (token or password) is made by scimlog. */
public record CredentialRequest(String name, CredentialKind kind, List<String> scopes, @Nullable Instant expiresAt,
                                @Nullable JwtIssuer jwtIssuer, List<String> redirectUris) {

    public CredentialRequest {
        Objects.requireNonNull(kind, "kind");
        scopes = List.copyOf(scopes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        if ((kind == CredentialKind.OAUTH) != !redirectUris.isEmpty()) {
            throw new IllegalArgumentException(kind == CredentialKind.OAUTH
                    ? "an oauth credential needs redirectUris (Okta's callback URL)"
                    : "redirectUris belong to oauth credentials only");
        }
        redirectUris.forEach(RedirectUris::requireValid);
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(
                    "a credential name is 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Scopes.requireKnown(scopes);
        if ((kind == CredentialKind.JWT) != (jwtIssuer != null)) {
            throw new IllegalArgumentException(kind == CredentialKind.JWT
                    ? "a jwt credential needs issuer, audience and jwksUrl"
                    : "issuer, audience and jwksUrl belong to jwt credentials only");
        }
    }

    public CredentialRequest(String name, CredentialKind kind, List<String> scopes, @Nullable Instant expiresAt,
                             @Nullable JwtIssuer jwtIssuer) {
        this(name, kind, scopes, expiresAt, jwtIssuer, List.of());
    }

    public static CredentialRequest bearer(String name, List<String> scopes) {
        return new CredentialRequest(name, CredentialKind.BEARER, scopes, null, null);
    }
}
