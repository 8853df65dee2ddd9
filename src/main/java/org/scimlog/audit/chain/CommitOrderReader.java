package org.scimlog.audit.chain;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Follows the System Log in commit order for readers that must never skip an event (the hash-chain sealer,
 * the Kafka relay). Sequence numbers alone are not enough: a transaction can take seq 10, commit after
 * the one holding seq 11, and a reader that already moved past 11 would miss it. So a reader only takes
 * events whose inserting transaction id is below the oldest transaction still running
 * ({@code pg_snapshot_xmin}): every such transaction has finished, so no event can appear below that
 * horizon any more. Within it, events are read by (txid, seq), and the position (last txid, last seq)
 * is stored in the same transaction as the reader's own work.
 */
@Singleton
public class CommitOrderReader {

    /** Where a reader stands: everything at or before (txid, seq) has been consumed. */
    public record Position(long txid, long seq) {
        public static final Position START = new Position(0, 0);
    }

    public Position position(Connection c, String reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_txid::text::bigint, last_seq FROM log_reader_position WHERE reader = ?")) {
            ps.setString(1, reader);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Position(rs.getLong(1), rs.getLong(2)) : Position.START;
            }
        }
    }

    /** The next events after {@code after}, oldest first, at most {@code limit}. */
    public List<CommittedEvent> next(Connection c, Position after, int limit) throws SQLException {
        long horizon;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            horizon = rs.getLong(1);
        }
        List<CommittedEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tenant_id, uuid, published, txid::text::bigint, seq, event_type, body
                  FROM log_events_after(?::text::xid8, ?, ?::text::xid8, ?)""")) {
            // log_events_after (migration V6) keeps the read in index order: see there why a plain query does not
            ps.setString(1, Long.toString(after.txid()));
            ps.setLong(2, after.seq());
            ps.setString(3, Long.toString(horizon));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new CommittedEvent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return events;
    }

    public void save(Connection c, String reader, Position position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO log_reader_position (reader, last_txid, last_seq) VALUES (?, ?::text::xid8, ?)
                ON CONFLICT (reader) DO UPDATE SET last_txid = excluded.last_txid, last_seq = excluded.last_seq""")) {
            ps.setString(1, reader);
            ps.setString(2, Long.toString(position.txid()));
            ps.setLong(3, position.seq());
            ps.executeUpdate();
        }
    }

    /** Events already committed but not yet consumed by {@code reader}, and the age of the oldest (for lag metrics). */
    public record Backlog(long events, long oldestAgeMillis) {
    }

    public Backlog backlog(Connection c, Position after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), coalesce(extract(epoch FROM (now() - min(published))) * 1000, 0)::bigint
                  FROM log_event WHERE (txid, seq) > (?::text::xid8, ?)""")) {
            ps.setString(1, Long.toString(after.txid()));
            ps.setLong(2, after.seq());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
