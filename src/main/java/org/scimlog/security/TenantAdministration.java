package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants and their credentials: what the operator API, the {@code tenant} command and the dev launcher use.
 * Secrets are made here and shown exactly once; afterwards only their digest or hash exists.
 */
@Singleton
public class TenantAdministration {

    /**
     * The operators' own tenant: its credentials may hold {@code admin}, and its System Log holds what belongs to
     * no customer (made by migration V10; no customer tenant can take the name).
     */
    public static final String OPERATORS = "scimlog-operators";
    public static final UUID OPERATORS_ID = UUID.fromString("00000000-0000-7000-8000-000000000001");

    private final TenantStore store;

    public TenantAdministration(TenantStore store) {
        this.store = store;
    }

    /** A credential just issued: its secret (token, password or OAuth client secret; none for jwt) is shown once. */
    public record IssuedCredential(UUID tenantId, Credential credential, @Nullable String secret) {
        public String tenantName() {
            return credential.tenantName();
        }

        public List<String> scopes() {
            return credential.scopes();
        }
    }

    public Tenant createTenant(String name) {
        requireCustomerName(name);
        return store.createTenant(name);
    }

    public List<Tenant> tenants() {
        return store.listTenants();
    }

    public Tenant setDisabled(String name, boolean disabled) {
        if (disabled && OPERATORS.equals(name)) {
            throw new IllegalArgumentException("the operators' tenant cannot be disabled (revoke its credentials instead)");
        }
        return store.setDisabled(name, disabled).orElseThrow(() -> CredentialRefused.noTenant(name));
    }

    /** Issues a credential; a live one of the same name is refused unless {@code rotate}, which revokes it. */
    public IssuedCredential issue(String tenantName, CredentialRequest request, boolean rotate) {
        UUID tenantId = store.findTenant(tenantName).orElseThrow(() -> CredentialRefused.noTenant(tenantName));
        return issue(tenantId, tenantName, request, rotate, null);
    }

    public List<Credential> credentials(String tenantName) {
        return store.listCredentials(tenantId(tenantName));
    }

    public Credential setExpiry(String tenantName, String credentialName, @Nullable Instant expiresAt) {
        return store.setExpiry(tenantId(tenantName), credentialName, expiresAt)
                .orElseThrow(() -> CredentialRefused.noCredential(tenantName, credentialName));
    }

    public int revoke(String tenantName, String credentialName) {
        return store.revokeTokens(tenantId(tenantName), credentialName);
    }

    public Optional<Tenant> tenant(String name) {
        return store.tenant(name);
    }

    /** Creates the tenant if new and issues a bearer token (a live token of that name is refused). */
    public IssuedCredential createTenantWithToken(String tenantName, String tokenName, List<String> scopes) {
        requireCustomerName(tenantName);
        CredentialRequest request = CredentialRequest.bearer(tokenName, scopes);
        return issue(store.ensureTenant(tenantName), tenantName, request, false, null);
    }

    /** Issues a bearer token under a name after revoking any earlier credential of that name. */
    public IssuedCredential rotateToken(String tenantName, String tokenName, List<String> scopes) {
        requireValidName(tenantName);
        CredentialRequest request = CredentialRequest.bearer(tokenName, scopes);
        return issue(store.ensureTenant(tenantName), tenantName, request, true, null);
    }

    /**
     * Makes sure the bearer token {@code secret} is the live credential of that name (the dev launcher's demo
     * credential, kept in its data directory so that it survives restarts); rotates to it when it is not.
     */
    public void keepBearer(String tenantName, String tokenName, List<String> scopes, String secret) {
        requireValidName(tenantName);
        UUID tenantId = store.ensureTenant(tenantName);
        Optional<StoredCredential> stored = store.findBearer(TokenSecrets.digest(secret));
        boolean live = stored.isPresent() && stored.get().revokedAt() == null
                && stored.get().caller().tokenName().equals(tokenName)
                && stored.get().caller().tenantId().equals(tenantId)
                && stored.get().caller().scopes().containsAll(scopes);
        if (!live) {
            issue(tenantId, tenantName, CredentialRequest.bearer(tokenName, scopes), true, secret);
        }
        store.setDisabled(tenantName, false);
    }

    private IssuedCredential issue(UUID tenantId, String tenantName, CredentialRequest request, boolean rotate,
                                   @Nullable String chosenSecret) {
        if (request.scopes().contains(Scopes.ADMIN) && !OPERATORS.equals(tenantName)) {
            throw new IllegalArgumentException("only credentials of the tenant '" + OPERATORS + "' may hold the admin scope");
        }
        return switch (request.kind()) {
            case BEARER -> {
                String secret = chosenSecret == null ? TokenSecrets.newSecret() : chosenSecret;
                Credential credential = store.insertCredential(tenantId, request, rotate, TokenSecrets.digest(secret), null, null);
                yield new IssuedCredential(tenantId, credential, secret);
            }
            case BASIC -> {
                String password = PasswordHashes.newPassword();
                Credential credential = store.insertCredential(tenantId, request, rotate, null,
                        BasicUsernames.of(request.name(), tenantName), PasswordHashes.hash(password));
                yield new IssuedCredential(tenantId, credential, password);
            }
            case JWT -> new IssuedCredential(tenantId, store.insertCredential(tenantId, request, rotate, null, null, null), null);
            case OAUTH -> {
                // the client secret is stored like a bearer token (a digest): it has the same 256 bits
                String secret = TokenSecrets.newSecret();
                Credential credential = store.insertCredential(tenantId, request, rotate, TokenSecrets.digest(secret),
                        null, null, OAuthClientIds.newClientId());
                yield new IssuedCredential(tenantId, credential, secret);
            }
            case SSO -> throw new IllegalArgumentException("people of the OIDC provider sign in there; they are no credential");
        };
    }

    private UUID tenantId(String tenantName) {
        return store.findTenant(tenantName).orElseThrow(() -> CredentialRefused.noTenant(tenantName));
    }

    /** Parses "scim,logs.read" as the command line and the API's query parameters write scopes. */
    public static List<String> scopeList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void requireCustomerName(String name) {
        requireValidName(name);
        if (OPERATORS.equals(name)) {
            throw new IllegalArgumentException("the tenant name '" + OPERATORS + "' is reserved for operators");
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException(
                    "tenant name must be 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
    }
}
