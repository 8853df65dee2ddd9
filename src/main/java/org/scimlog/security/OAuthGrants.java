package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Grants (one consent and its family of tokens), authorization codes and refresh tokens in PostgreSQL. Codes and
 * refresh tokens are stored as SHA-256 digests; every state change that decides between "accepted" and "used
 * twice" happens under a row lock, so two concurrent redemptions cannot both win.
 */
@Singleton
class OAuthGrants {

    record Grant(UUID id, UUID tenantId, UUID credentialId, List<String> scopes, @Nullable Instant revokedAt) {
    }

    record Code(Grant grant, String redirectUri, @Nullable String codeChallenge, Instant expiresAt,
                @Nullable Instant redeemedAt) {
    }

    enum RefreshState { ROTATED, UNKNOWN, REUSED, EXPIRED, REVOKED }

    record Refresh(RefreshState state, @Nullable Grant grant, @Nullable String newToken) {
    }

    private static final String GRANT_COLUMNS = "g.id, g.tenant_id, g.credential_id, g.scopes, g.revoked_at";

    private final TransactionOperations<Connection> transactions;

    OAuthGrants(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Records a consent and its authorization code; returns the code (shown once, to the redirect). */
    String grantWithCode(UUID tenantId, UUID credentialId, List<String> scopes, UUID signedInAs, String redirectUri,
                         @Nullable String codeChallenge, Duration lifetime) {
        String code = TokenSecrets.newSecret();
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            UUID grantId = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO oauth_grant (id, tenant_id, credential_id, scopes, signed_in_as) VALUES (?, ?, ?, ?, ?)""")) {
                ps.setObject(1, grantId);
                ps.setObject(2, tenantId);
                ps.setObject(3, credentialId);
                ps.setArray(4, c.createArrayOf("text", scopes.toArray()));
                ps.setObject(5, signedInAs);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO oauth_code (code_hash, grant_id, redirect_uri, code_challenge, expires_at)
                    VALUES (?, ?, ?, ?, now() + ?::interval)""")) {
                ps.setBytes(1, TokenSecrets.digest(code));
                ps.setObject(2, grantId);
                ps.setString(3, redirectUri);
                ps.setString(4, codeChallenge);
                ps.setString(5, lifetime.toMillis() + " milliseconds");
                ps.executeUpdate();
            }
            return grantId;
        });
        return code;
    }

    Optional<Code> code(String code) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT " + GRANT_COLUMNS
                    + ", o.redirect_uri, o.code_challenge, o.expires_at, o.redeemed_at"
                    + " FROM oauth_code o JOIN oauth_grant g ON g.id = o.grant_id WHERE o.code_hash = ?")) {
                ps.setBytes(1, TokenSecrets.digest(code));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Code(grant(rs), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9)));
                }
            }
        });
    }

    /**
     * Marks the code redeemed and issues the grant's first refresh token; empty when it was redeemed already (by a
     * concurrent request), in which case the grant is revoked: a code used twice may have been stolen.
     */
    Optional<String> redeem(String code, Grant grant, Duration refreshLifetime) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE oauth_code SET redeemed_at = now() WHERE code_hash = ? AND redeemed_at IS NULL")) {
                ps.setBytes(1, TokenSecrets.digest(code));
                if (ps.executeUpdate() == 0) {
                    revoke(c, grant.id(), "authorization code used twice");
                    return Optional.empty();
                }
            }
            return Optional.of(insertRefresh(c, grant.id(), refreshLifetime));
        });
    }

    /**
     * Replaces a refresh token with a new one. A token that was replaced already is a leaked one being replayed (or
     * the client lost the answer): the whole grant is revoked, as OAuth 2.0 Security BCP §4.14 advises.
     */
    Refresh rotate(String refreshToken, Duration refreshLifetime) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            Grant grant;
            Instant replaced;
            Instant expires;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + GRANT_COLUMNS + ", r.replaced_at, r.expires_at"
                    + " FROM oauth_refresh_token r JOIN oauth_grant g ON g.id = r.grant_id WHERE r.token_hash = ? FOR UPDATE OF r")) {
                ps.setBytes(1, TokenSecrets.digest(refreshToken));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Refresh(RefreshState.UNKNOWN, null, null);
                    }
                    grant = grant(rs);
                    replaced = instant(rs, 6);
                    expires = instant(rs, 7);
                }
            }
            if (grant.revokedAt() != null) {
                return new Refresh(RefreshState.REVOKED, grant, null);
            }
            if (replaced != null) {
                revoke(c, grant.id(), "refresh token used twice");
                return new Refresh(RefreshState.REUSED, grant, null);
            }
            if (!Instant.now().isBefore(expires)) {
                return new Refresh(RefreshState.EXPIRED, grant, null);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE oauth_refresh_token SET replaced_at = now() WHERE token_hash = ?")) {
                ps.setBytes(1, TokenSecrets.digest(refreshToken));
                ps.executeUpdate();
            }
            return new Refresh(RefreshState.ROTATED, grant, insertRefresh(c, grant.id(), refreshLifetime));
        });
    }

    /** The grant a refresh token belongs to, whatever its state (for revocation). */
    Optional<Grant> grantOfRefreshToken(String refreshToken) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT " + GRANT_COLUMNS
                    + " FROM oauth_refresh_token r JOIN oauth_grant g ON g.id = r.grant_id WHERE r.token_hash = ?")) {
                ps.setBytes(1, TokenSecrets.digest(refreshToken));
                return one(ps);
            }
        });
    }

    Optional<Grant> grant(UUID grantId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT " + GRANT_COLUMNS + " FROM oauth_grant g WHERE g.id = ?")) {
                ps.setObject(1, grantId);
                return one(ps);
            }
        });
    }

    /** Revokes a grant (and so every token of it); true when it was live. */
    boolean revoke(UUID grantId, String reason) {
        return transactions.executeWrite(status -> revoke(status.getConnection(), grantId, reason));
    }

    private static boolean revoke(Connection c, UUID grantId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE oauth_grant SET revoked_at = now(), revoked_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, reason);
            ps.setObject(2, grantId);
            return ps.executeUpdate() == 1;
        }
    }

    private static String insertRefresh(Connection c, UUID grantId, Duration lifetime) throws SQLException {
        String token = TokenSecrets.newSecret();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO oauth_refresh_token (token_hash, grant_id, expires_at) VALUES (?, ?, now() + ?::interval)""")) {
            ps.setBytes(1, TokenSecrets.digest(token));
            ps.setObject(2, grantId);
            ps.setString(3, lifetime.toMillis() + " milliseconds");
            ps.executeUpdate();
        }
        return token;
    }

    private static Optional<Grant> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(grant(rs)) : Optional.empty();
        }
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                Arrays.asList((String[]) rs.getArray(4).getArray()), instant(rs, 5));
    }

    @Nullable
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return TenantStore.instant(rs, column);
    }
}
