package org.scimlog.audit.chain;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Recomputes a tenant's hash chain over a time range from the events as they are stored now. An event
 * changed, removed or replaced behind the application's back breaks the chain at that event. The first
 * link is checked against the seal before it, or the anchor retention left when it dropped that seal.
 *
 * <p>Every statement here reads a bounded number of rows through an index chosen by the statement's shape,
 * not by the planner's statistics. A tenant's events usually arrive faster than autovacuum analyses them; a
 * planner that believes such a tenant has one event per partition joined seals to events (and counted
 * unsealed events) with nested loops probing an index on {@code tenant_id} alone, rereading every event of
 * the tenant for each one: 20,000 events took minutes.
 */
@Singleton
public class ChainVerifier {

    /** Seals walked per statement: bounds each statement's work and memory, whatever the range. */
    static final int CHUNK = 1000;

    /**
     * The next links of the chain in chain order, each with its event. Seals are walked through
     * (tenant_id, chain_seq), merged across the day partitions in that order (the transaction forbids sorting,
     * so no plan may collect the tenant's remaining seals and sort them instead). Each event is then looked
     * up on its own by uuid: the subquery has a LIMIT, so it cannot be flattened into a join the planner might
     * run as a hash or merge join, and the tenant and day are compared with IS NOT DISTINCT FROM (the same as
     * = for these NOT NULL columns) so that neither can serve as an index condition. With tenant_id or
     * published offered, stale statistics made indexes that lead with tenant_id, or hold published behind
     * other columns, look as cheap as the uuid index, and each lookup then read every event of the tenant.
     */
    private static final String LINKS = """
            SELECT s.chain_seq, s.event_uuid, s.prev_hash, s.hash, e.body
              FROM (SELECT tenant_id, chain_seq, event_uuid, published, prev_hash, hash
                      FROM log_seal
                     WHERE tenant_id = ? AND chain_seq > ? AND published >= ? AND published < ?
                     ORDER BY chain_seq
                     LIMIT ?) s
              LEFT JOIN LATERAL (SELECT ev.body::text AS body
                                   FROM log_event ev
                                  WHERE ev.uuid = s.event_uuid AND ev.published IS NOT DISTINCT FROM s.published
                                    AND ev.tenant_id IS NOT DISTINCT FROM s.tenant_id
                                  LIMIT 1) e ON true
             ORDER BY s.chain_seq""";

    /**
     * Events not sealed yet are exactly those after the sealer's position in commit order (its seals and its
     * position commit together, and it skips nothing), so they are counted by walking the tenant's
     * commit-order index from that position rather than by matching every event against the seals.
     */
    private static final String UNSEALED = """
            SELECT count(*) FROM log_event e
             WHERE e.tenant_id = ?
               AND (e.txid, e.seq) > (coalesce((SELECT last_txid FROM log_reader_position WHERE reader = ?), '0'::xid8),
                                      coalesce((SELECT last_seq FROM log_reader_position WHERE reader = ?), 0))
               AND e.published >= ? AND e.published < ?""";

    private final TransactionOperations<Connection> transactions;

    public ChainVerifier(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public ChainVerification verify(UUID tenantId, Instant since, Instant until) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            try (Statement s = c.createStatement()) {
                // for this transaction only: an ordered read must come from an index in that order (see LINKS)
                s.execute("SET LOCAL enable_sort = off");
            }
            long checked = 0;
            Long previousSeq = null;
            byte[] previousHash = null;
            long after = 0;
            try (PreparedStatement ps = c.prepareStatement(LINKS)) {
                ps.setObject(1, tenantId);
                ps.setTimestamp(3, Timestamp.from(since));
                ps.setTimestamp(4, Timestamp.from(until));
                ps.setInt(5, CHUNK);
                int links;
                do {
                    links = 0;
                    ps.setLong(2, after);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            links++;
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
                            after = seq;
                            checked++;
                        }
                    }
                } while (links == CHUNK);
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
        try (PreparedStatement ps = c.prepareStatement(UNSEALED)) {
            ps.setObject(1, tenantId);
            ps.setString(2, ChainSealer.READER);
            ps.setString(3, ChainSealer.READER);
            ps.setTimestamp(4, Timestamp.from(since));
            ps.setTimestamp(5, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
