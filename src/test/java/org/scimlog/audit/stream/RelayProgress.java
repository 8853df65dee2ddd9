package org.scimlog.audit.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.support.LogRows;
import org.scimlog.support.Await;

/**
 * Waits for what the relay promises rather than for a time: its saved position, which moves only after Kafka
 * acknowledged every event up to it. The test database is shared, so before a test's own events the relay may
 * have other test classes' events to stream; the deadline is generous because it only bounds a failure.
 */
public final class RelayProgress {

    static final Duration DEADLINE = Duration.ofMinutes(3);

    private RelayProgress() {
    }

    /** The commit-order position of the tenant's last event so far. */
    static Position lastEventOf(String tenantName) {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT e.txid::text::bigint, e.seq FROM log_event e JOIN tenant t ON t.id = e.tenant_id
                 WHERE t.name = ? ORDER BY e.txid DESC, e.seq DESC LIMIT 1""")) {
            ps.setString(1, tenantName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("tenant " + tenantName + " has no events");
                }
                return new Position(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean passed(Position event) {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_txid::text::bigint, last_seq FROM log_reader_position WHERE reader = ?")) {
            ps.setString(1, StreamRelay.READER);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                long txid = rs.getLong(1);
                return txid > event.txid() || (txid == event.txid() && rs.getLong(2) >= event.seq());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until Kafka acknowledged every event the tenant has so far and the relay saved that. */
    public static void awaitAcknowledged(String tenantName) {
        Position last = lastEventOf(tenantName);
        await("the relay saved a position at or after " + last, () -> passed(last));
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, saying what {@code state} was when the wait timed out. */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
        if (!Await.until(DEADLINE, condition)) {
            throw new AssertionError("timed out after " + DEADLINE + " waiting until " + what + "; " + state.get());
        }
    }
}
