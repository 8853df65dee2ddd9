package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their credentials in PostgreSQL. */
@Singleton
public class TenantStore {

    private static final String CREDENTIAL_COLUMNS = """
            SELECT t.tenant_id, n.name, t.id, t.name, t.scopes, t.kind, t.expires_at, t.revoked_at,
                   n.disabled_at IS NOT NULL, t.password_hash, t.jwt_issuer, t.jwt_audience, t.jwt_jwks_url,
                   t.client_id, t.redirect_uris, t.token_hash
              FROM api_token t JOIN tenant n ON n.id = t.tenant_id
            """;
    private static final String LISTED_COLUMNS = """
            SELECT t.id, n.name, t.name, t.kind, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.username,
                   t.jwt_issuer, t.jwt_audience, t.jwt_jwks_url, t.client_id, t.redirect_uris
              FROM api_token t JOIN tenant n ON n.id = t.tenant_id
            """;
    private static final String UNIQUE_VIOLATION = "23505";

    private final TransactionOperations<Connection> transactions;

    public TenantStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** A bearer token by its digest, revoked or not (the authenticator tells why it does not count). */
    Optional<StoredCredential> findBearer(byte[] tokenDigest) {
        return findOne(CREDENTIAL_COLUMNS + " WHERE t.token_hash = ? AND t.kind = 'bearer'", tokenDigest);
    }

    /** The live Basic credential of a username, else its latest revoked one. */
    Optional<StoredCredential> findBasic(String username) {
        return findOne(CREDENTIAL_COLUMNS + " WHERE t.username = ? AND t.kind = 'basic'"
                + " ORDER BY t.revoked_at IS NULL DESC, t.created_at DESC LIMIT 1", username);
    }

    /** The live JWT credential that trusts this issuer for one of these audiences. */
    Optional<StoredCredential> findJwt(String issuer, List<String> audiences) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(CREDENTIAL_COLUMNS
                    + " WHERE t.jwt_issuer = ? AND t.jwt_audience = ANY (?) AND t.revoked_at IS NULL"
                    + " ORDER BY t.created_at LIMIT 1")) {
                ps.setString(1, issuer);
                ps.setArray(2, c.createArrayOf("text", audiences.toArray()));
                return readOne(ps);
            }
        });
    }

    /** The OAuth client registration of a client id, revoked or not. */
    Optional<StoredCredential> findClient(String clientId) {
        return findOne(CREDENTIAL_COLUMNS + " WHERE t.client_id = ? AND t.kind = 'oauth'", clientId);
    }

    /** Any credential by its id (an access token scimlog signed names its client registration by id). */
    Optional<StoredCredential> findById(UUID credentialId) {
        return findOne(CREDENTIAL_COLUMNS + " WHERE t.id = ?", credentialId);
    }

    private Optional<StoredCredential> findOne(String sql, Object key) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setObject(1, key);
                return readOne(ps);
            }
        });
    }

    private static Optional<StoredCredential> readOne(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Caller caller = new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                    rs.getString(4), scopes(rs, 5), CredentialKind.parse(rs.getString(6)), instant(rs, 7));
            String issuer = rs.getString(11);
            String clientId = rs.getString(14);
            return Optional.of(new StoredCredential(caller, instant(rs, 8), rs.getBoolean(9), rs.getString(10),
                    issuer == null ? null : new JwtIssuer(issuer, rs.getString(12), rs.getString(13)),
                    clientId == null ? null : new OAuthClient(clientId, texts(rs, 15), rs.getBytes(16))));
        }
    }

    /** Remembers that a credential was used (callers throttle this: see {@link CredentialUse}). */
    void markUsed(UUID tenantId, UUID credentialId) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE api_token SET last_used_at = now() WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, credentialId);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<UUID> findTenant(String name) {
        return transactions.executeRead(status -> findTenant(status.getConnection(), name));
    }

    /** Creates the tenant if it does not exist yet; returns its id either way. */
    public UUID ensureTenant(String name) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tenant (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return findTenant(c, name).orElseThrow();
        });
    }

    /** A new tenant; a taken name is refused. */
    Tenant createTenant(String name) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tenant (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, name);
                if (ps.executeUpdate() == 0) {
                    throw new CredentialRefused(CredentialRefused.Reason.CONFLICT, "a tenant named '" + name + "' exists");
                }
            }
            return tenants(c, " WHERE name = ?", name).get(0);
        });
    }

    List<Tenant> listTenants() {
        return transactions.executeRead(status -> tenants(status.getConnection(), "", null));
    }

    Optional<Tenant> tenant(String name) {
        return transactions.executeRead(status -> tenants(status.getConnection(), " WHERE name = ?", name).stream().findFirst());
    }

    /** Disables (or enables again) a tenant; empty when there is none of that name. */
    Optional<Tenant> setDisabled(String name, boolean disabled) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(disabled
                    ? "UPDATE tenant SET disabled_at = coalesce(disabled_at, now()) WHERE name = ?"
                    : "UPDATE tenant SET disabled_at = NULL WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return tenants(c, " WHERE name = ?", name).stream().findFirst();
        });
    }

    private static List<Tenant> tenants(Connection c, String where, @Nullable String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, created_at, disabled_at FROM tenant" + where + " ORDER BY name")) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<Tenant> tenants = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.add(new Tenant(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3), instant(rs, 4)));
                }
            }
            return tenants;
        }
    }

    /**
     * Stores a new credential; a live one of the same name is refused, or revoked first when rotating (in the
     * same transaction, so the name is never without a credential nor with two).
     */
    Credential insertCredential(UUID tenantId, CredentialRequest request, boolean rotate, @Nullable byte[] tokenDigest,
                                @Nullable String username, @Nullable String passwordHash) {
        return insertCredential(tenantId, request, rotate, tokenDigest, username, passwordHash, null);
    }

    Credential insertCredential(UUID tenantId, CredentialRequest request, boolean rotate, @Nullable byte[] tokenDigest,
                                @Nullable String username, @Nullable String passwordHash, @Nullable String clientId) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (rotate) {
                revoke(c, tenantId, request.name());
            }
            UUID id = UUID.randomUUID();
            JwtIssuer jwt = request.jwtIssuer();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO api_token (tenant_id, id, name, kind, token_hash, scopes, expires_at, username,
                                           password_hash, jwt_issuer, jwt_audience, jwt_jwks_url, client_id, redirect_uris)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, id);
                ps.setString(3, request.name());
                ps.setString(4, request.kind().text());
                ps.setBytes(5, tokenDigest);
                ps.setArray(6, c.createArrayOf("text", request.scopes().toArray()));
                ps.setTimestamp(7, request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()));
                ps.setString(8, username);
                ps.setString(9, passwordHash);
                ps.setString(10, jwt == null ? null : jwt.issuer());
                ps.setString(11, jwt == null ? null : jwt.audience());
                ps.setString(12, jwt == null ? null : jwt.jwksUrl());
                ps.setString(13, clientId);
                ps.setArray(14, request.redirectUris().isEmpty() ? null : c.createArrayOf("text", request.redirectUris().toArray()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new CredentialRefused(CredentialRefused.Reason.CONFLICT, jwt != null && !rotate
                            ? "a live credential named '" + request.name() + "' exists, or another credential already trusts this issuer for this audience; rotate to replace it"
                            : "a live credential named '" + request.name() + "' exists; rotate to replace it");
                }
                throw e;
            }
            return credentials(c, " WHERE t.tenant_id = ? AND t.id = ?", tenantId, id).get(0);
        });
    }

    /** The tenant's live (not revoked) credentials, by name. */
    List<Credential> listCredentials(UUID tenantId) {
        return transactions.executeRead(status -> credentials(status.getConnection(),
                " WHERE t.tenant_id = ? AND t.revoked_at IS NULL ORDER BY t.name", tenantId, null));
    }

    /** Sets or clears (null) the expiry of the live credential of that name. */
    Optional<Credential> setExpiry(UUID tenantId, String name, @Nullable Instant expiresAt) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_token SET expires_at = ? WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL RETURNING id")) {
                ps.setTimestamp(1, expiresAt == null ? null : Timestamp.from(expiresAt));
                ps.setObject(2, tenantId);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(credentials(c, " WHERE t.tenant_id = ? AND t.id = ?", tenantId, rs.getObject(1, UUID.class)).get(0));
                }
            }
        });
    }

    /** Revokes every live credential of the tenant with that name; returns how many. */
    public int revokeTokens(UUID tenantId, String tokenName) {
        return transactions.executeWrite(status -> revoke(status.getConnection(), tenantId, tokenName));
    }

    private static int revoke(Connection c, UUID tenantId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_token SET revoked_at = now() WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL")) {
            ps.setObject(1, tenantId);
            ps.setString(2, name);
            return ps.executeUpdate();
        }
    }

    private static List<Credential> credentials(Connection c, String where, UUID tenantId, @Nullable UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LISTED_COLUMNS + where)) {
            ps.setObject(1, tenantId);
            if (id != null) {
                ps.setObject(2, id);
            }
            List<Credential> credentials = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String issuer = rs.getString(10);
                    credentials.add(new Credential(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            CredentialKind.parse(rs.getString(4)), scopes(rs, 5), instant(rs, 6), instant(rs, 7),
                            instant(rs, 8), rs.getString(9),
                            issuer == null ? null : new JwtIssuer(issuer, rs.getString(11), rs.getString(12)),
                            rs.getString(13), rs.getArray(14) == null ? List.of() : texts(rs, 14)));
                }
            }
            return credentials;
        }
    }

    private static List<String> scopes(ResultSet rs, int column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    private static List<String> texts(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Nullable
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Optional<UUID> findTenant(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }
}
