package org.scimlog.audit.chain;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Recomputes a tenant's hash chain over a time range from the events as they are stored now. An event
 * changed, removed or replaced behind the application's back breaks the chain at that event. The first
 * link is checked against the seal before it, or the anchor retention left when it dropped that seal.
 */
@Singleton
public class ChainVerifier {

    private final TransactionOperations<Connection> transactions;

    public ChainVerifier(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public ChainVerification verify(UUID tenantId, Instant since, Instant until) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            long checked = 0;
            Long previousSeq = null;
            byte[] previousHash = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.chain_seq, s.event_uuid, s.prev_hash, s.hash, e.body::text
                      FROM log_seal s
                      LEFT JOIN log_event e ON e.tenant_id = s.tenant_id AND e.published = s.published AND e.uuid = s.event_uuid
                     WHERE s.tenant_id = ? AND s.published >= ? AND s.published < ?
                     ORDER BY s.chain_seq""")) {
                ps.setFetchSize(1000);
                ps.setObject(1, tenantId);
                ps.setTimestamp(2, Timestamp.from(since));
                ps.setTimestamp(3, Timestamp.from(until));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        String uuid = rs.getString(2);
                        byte[] storedPrevious = rs.getBytes(3);
                        byte[] storedHash = rs.getBytes(4);
                        String body = rs.getString(5);
                        Optional<byte[]> expectedPrevious = previousSeq != null && seq == previousSeq + 1
                                ? Optional.of(previousHash) : hashOf(c, tenantId, seq - 1);
                        if (expectedPrevious.isEmpty()) {
                            return ChainVerification.broken(checked, uuid, "the seal before this event is missing", since, until);
                        }
                        if (!Arrays.equals(expectedPrevious.get(), storedPrevious)) {
                            return ChainVerification.broken(checked, uuid, "the chain does not link to the previous event", since, until);
                        }
                        if (body == null) {
                            return ChainVerification.broken(checked, uuid, "the event was removed", since, until);
                        }
                        if (!Arrays.equals(EventHash.next(storedPrevious, body), storedHash)) {
                            return ChainVerification.broken(checked, uuid, "the event was altered", since, until);
                        }
                        previousSeq = seq;
                        previousHash = storedHash;
                        checked++;
                    }
                }
            }
            return ChainVerification.intact(checked, unsealed(c, tenantId, since, until), since, until);
        });
    }

    /** The hash of link {@code seq}: from its seal, or from the anchor retention kept; genesis before the first. */
    private static Optional<byte[]> hashOf(Connection c, UUID tenantId, long seq) throws SQLException {
        if (seq == 0) {
            return Optional.of(EventHash.GENESIS);
        }
        for (String sql : new String[] {
                "SELECT hash FROM log_seal WHERE tenant_id = ? AND chain_seq = ?",
                "SELECT hash FROM log_chain_anchor WHERE tenant_id = ? AND chain_seq = ?"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, tenantId);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getBytes(1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static long unsealed(Connection c, UUID tenantId, Instant since, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM log_event e
                 WHERE e.tenant_id = ? AND e.published >= ? AND e.published < ?
                   AND NOT EXISTS (SELECT 1 FROM log_seal s WHERE s.tenant_id = e.tenant_id
                                     AND s.published = e.published AND s.event_uuid = e.uuid)""")) {
            ps.setObject(1, tenantId);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setTimestamp(3, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
