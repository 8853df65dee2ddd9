package org.scimlog.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for the commit-order horizon, below which pollers of /api/v1/logs, the hash-chain sealer and the Kafka
 * relay read, to pass everything committed so far. An event is promised to those readers only once every
 * transaction that began before it has ended, and on a busy machine a background job's transaction (the
 * read-event writer, the sealer, the partition job) can still be open when a test's own write has committed;
 * a test that reads right after writing must wait for this condition, not for time.
 */
public final class CommitHorizon {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private CommitHorizon() {
    }

    /** Returns once no transaction that started before this call is still running. */
    public static void awaitPassedEverythingCommitted() {
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            long mark = single(s, "SELECT pg_current_xact_id()::text::bigint");
            Instant deadline = Instant.now().plus(LIMIT);
            while (single(s, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint") <= mark) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("a transaction older than txid " + mark + " is still open after " + LIMIT);
                }
                pollAgainShortly();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pollAgainShortly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
