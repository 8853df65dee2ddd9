package org.scimlog.security;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Creates tenants and issues or revokes their tokens: what the `tenant` command and the dev launcher use. */
@Singleton
public class TenantAdministration {

    private final TenantStore store;

    public TenantAdministration(TenantStore store) {
        this.store = store;
    }

    /** A new secret is shown to the operator exactly once; afterwards only its digest exists. */
    public record IssuedToken(UUID tenantId, String tenantName, String tokenName, List<String> scopes, String secret) {
    }

    public IssuedToken createTenantWithToken(String tenantName, String tokenName, List<String> scopes) {
        requireValidName(tenantName);
        Scopes.requireKnown(scopes);
        UUID tenantId = store.ensureTenant(tenantName);
        return issue(tenantId, tenantName, tokenName, scopes);
    }

    /** Issues a token under a name after revoking any earlier token of that name (rotation). */
    public IssuedToken rotateToken(String tenantName, String tokenName, List<String> scopes) {
        requireValidName(tenantName);
        Scopes.requireKnown(scopes);
        UUID tenantId = store.ensureTenant(tenantName);
        store.revokeTokens(tenantId, tokenName);
        return issue(tenantId, tenantName, tokenName, scopes);
    }

    public int revoke(String tenantName, String tokenName) {
        UUID tenantId = store.findTenant(tenantName)
                .orElseThrow(() -> new IllegalArgumentException("no tenant named '" + tenantName + "'"));
        return store.revokeTokens(tenantId, tokenName);
    }

    private IssuedToken issue(UUID tenantId, String tenantName, String tokenName, List<String> scopes) {
        String secret = TokenSecrets.newSecret();
        store.insertToken(tenantId, UUID.randomUUID(), tokenName, TokenSecrets.digest(secret), scopes);
        return new IssuedToken(tenantId, tenantName, tokenName, scopes, secret);
    }

    private static void requireValidName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException(
                    "tenant name must be 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
    }
}
