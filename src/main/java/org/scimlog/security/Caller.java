package org.scimlog.security;

import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who is calling: the tenant a credential belongs to, and the credential itself (for the audit actor). */
public record Caller(UUID tenantId, String tenantName, UUID tokenId, String tokenName, List<String> scopes) {

    public static final String ATTRIBUTE = "scimlog.caller";

    public Caller {
        scopes = List.copyOf(scopes);
    }

    Authentication toAuthentication() {
        return Authentication.build("token:" + tokenId, scopes, Map.of(ATTRIBUTE, this));
    }

    /** The caller behind an authenticated request; every tenant-scoped query starts here. */
    public static Caller of(Authentication authentication) {
        Object caller = authentication.getAttributes().get(ATTRIBUTE);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("request authenticated without a scimlog token");
    }
}
