package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is calling: the tenant a credential belongs to, and the credential itself (for the audit actor).
 * {@code scopes} are what this request may do: a credential's scopes, narrowed by a JWT's own scope claim.
 */
public record Caller(UUID tenantId, String tenantName, UUID tokenId, String tokenName, List<String> scopes,
                     CredentialKind kind, @Nullable Instant expiresAt) {

    public static final String ATTRIBUTE = "scimlog.caller";

    public Caller {
        scopes = List.copyOf(scopes);
    }

    Authentication toAuthentication() {
        return Authentication.build("credential:" + tokenId, scopes, Map.of(ATTRIBUTE, this));
    }

    Caller withScopes(List<String> narrowed, @Nullable Instant until) {
        return new Caller(tenantId, tenantName, tokenId, tokenName, narrowed, kind, until);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The caller behind an authenticated request; every tenant-scoped query starts here. */
    public static Caller of(Authentication authentication) {
        Object caller = authentication.getAttributes().get(ATTRIBUTE);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("request authenticated without a scimlog credential");
    }
}
