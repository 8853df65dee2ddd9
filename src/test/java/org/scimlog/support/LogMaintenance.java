package org.scimlog.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/** What tests need of the log's background upkeep: sealing everything committed, autovacuum out of the way. */
public final class LogMaintenance {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    private LogMaintenance() {
    }

    /**
     * Seals everything committed so far. The sealer reads only below the commit-order horizon, and a round of
     * the scheduled sealer may hold its lock when {@code sealBatch} tries (it then seals nothing), so this seals
     * until the sealer's position has passed every committed event.
     */
    public static void sealEverythingCommitted(IntSupplier sealBatch) {
        readEverythingCommitted("chain-sealer", sealBatch);
    }

    /** Runs {@code batch} until the commit-order reader {@code reader} (sealer, rollup) has passed every committed event. */
    public static void readEverythingCommitted(String reader, IntSupplier batch) {
        CommitHorizon.awaitPassedEverythingCommitted();
        Instant deadline = Instant.now().plus(LIMIT);
        while (batch.getAsInt() > 0 || committedEventsPast(reader)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(reader + " did not pass the committed events within " + LIMIT);
            }
        }
    }

    /**
     * Autovacuum on or off for every partition of the log and its seals. It visits busy partitions whenever it
     * likes: it analyses them (statistics no longer stale) and flushes the keyword index's pending list.
     */
    public static void autovacuum(boolean enabled) throws SQLException {
        String setting = enabled ? "RESET (autovacuum_enabled)" : "SET (autovacuum_enabled = false)";
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ DECLARE p regclass; BEGIN"
                    + " FOR p IN SELECT inhrelid::regclass FROM pg_inherits"
                    + " WHERE inhparent IN ('log_event'::regclass, 'log_seal'::regclass) LOOP"
                    + " EXECUTE format('ALTER TABLE %s " + setting + "', p); END LOOP; END $$");
        }
    }

    private static boolean committedEventsPast(String reader) {
        try (Connection c = LogRows.connect(); PreparedStatement s = c.prepareStatement("""
                     SELECT EXISTS (SELECT 1 FROM log_event e
                       LEFT JOIN log_reader_position p ON p.reader = ?
                      WHERE e.txid < pg_snapshot_xmin(pg_current_snapshot())
                        AND (p.reader IS NULL OR (e.txid, e.seq) > (p.last_txid, p.last_seq)))""")) {
            s.setString(1, reader);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
