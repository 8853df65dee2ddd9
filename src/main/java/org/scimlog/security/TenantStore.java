package org.scimlog.security;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their API tokens in PostgreSQL. */
@Singleton
public class TenantStore {

    private final TransactionOperations<Connection> transactions;

    public TenantStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Looks a token up by its digest; revoked tokens are not found. */
    public Optional<Caller> findCaller(byte[] tokenDigest) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT t.tenant_id, n.name, t.id, t.name, t.scopes
                      FROM api_token t JOIN tenant n ON n.id = t.tenant_id
                     WHERE t.token_hash = ? AND t.revoked_at IS NULL""")) {
                ps.setBytes(1, tokenDigest);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String[] scopes = (String[]) rs.getArray(5).getArray();
                    return Optional.of(new Caller(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getObject(3, UUID.class), rs.getString(4), Arrays.asList(scopes)));
                }
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

    public void insertToken(UUID tenantId, UUID tokenId, String tokenName, byte[] digest, List<String> scopes) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_token (tenant_id, id, name, token_hash, scopes) VALUES (?, ?, ?, ?, ?)")) {
                Array array = c.createArrayOf("text", scopes.toArray());
                ps.setObject(1, tenantId);
                ps.setObject(2, tokenId);
                ps.setString(3, tokenName);
                ps.setBytes(4, digest);
                ps.setArray(5, array);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Revokes every live token of the tenant with that name; returns how many. */
    public int revokeTokens(UUID tenantId, String tokenName) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE api_token SET revoked_at = now() WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL")) {
                ps.setObject(1, tenantId);
                ps.setString(2, tokenName);
                return ps.executeUpdate();
            }
        });
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
