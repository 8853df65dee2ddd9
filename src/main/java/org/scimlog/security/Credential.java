package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A credential of a tenant as operators see it: everything but its secret. */
public record Credential(
        UUID id,
        String tenantName,
        String name,
        CredentialKind kind,
        List<String> scopes,
        Instant created,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable String username,
        @Nullable JwtIssuer jwtIssuer,
        @Nullable String clientId,
        List<String> redirectUris) {

    public Credential {
        scopes = List.copyOf(scopes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }
}
