package org.scimlog.audit.rollup;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.AdvisoryLocks;
import org.scimlog.database.SessionLimits;

/**
 * Keeps {@code log_rollup_minute} and {@code log_rollup_hour} (migrations V8, V9): events per tenant, minute
 * (hour), event type, severity, outcome and actor, for the aggregate endpoint. It follows the log in commit order like the sealer, so it never skips
 * an event that commits late, and it adds a batch's counts and saves its position in one transaction, so a
 * crash neither loses nor doubles a count. The batch is counted inside PostgreSQL (no event body leaves the
 * database); one instance at a time (a transaction-scoped advisory lock). Rows older than retention are
 * deleted once an hour.
 */
@Singleton
public class LogRollup {

    /** Its position in {@code log_reader_position}: events at or before it are in the rollup. */
    public static final String READER = "log-rollup";
    private static final long LOCK_KEY = 7_340_012L;
    static final int BATCH = 20_000;
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    /**
     * The next batch in commit order read through each partition's (txid, seq) index and merged (enable_sort is
     * off for the transaction, see migration V6 for why), counted by minute and upserted; the answer is the
     * batch's size and its last position.
     */
    private static final String ROLL_UP = """
            WITH batch AS MATERIALIZED (
              SELECT e.tenant_id, e.published, e.txid, e.seq, e.event_type, e.severity, e.outcome_result, e.actor_id
                FROM log_event e
               WHERE (e.txid, e.seq) > (?::text::xid8, ?) AND e.txid < ?::text::xid8
               ORDER BY e.txid, e.seq
               LIMIT ?
            ), added AS (
              INSERT INTO log_rollup_minute AS r (tenant_id, minute, event_type, severity, outcome_result, actor_id, events)
              SELECT tenant_id, date_trunc('minute', published), event_type, severity, outcome_result,
                     coalesce(actor_id, ''), count(*)
                FROM batch GROUP BY 1, 2, 3, 4, 5, 6
              ON CONFLICT (tenant_id, minute, event_type, severity, outcome_result, actor_id)
                 DO UPDATE SET events = r.events + excluded.events
            ), added_hours AS (
              INSERT INTO log_rollup_hour AS r (tenant_id, hour, event_type, severity, outcome_result, actor_id, events)
              SELECT tenant_id, date_trunc('hour', published), event_type, severity, outcome_result,
                     coalesce(actor_id, ''), count(*)
                FROM batch GROUP BY 1, 2, 3, 4, 5, 6
              ON CONFLICT (tenant_id, hour, event_type, severity, outcome_result, actor_id)
                 DO UPDATE SET events = r.events + excluded.events
            )
            SELECT count(*) OVER (), txid::text::bigint, seq FROM batch ORDER BY txid DESC, seq DESC LIMIT 1""";

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader reader;
    private final BackgroundJobs jobs;
    private final SessionLimits limits;
    private final LogRetention retention;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant lastCleanup = Instant.EPOCH;

    public LogRollup(TransactionOperations<Connection> transactions, CommitOrderReader reader, BackgroundJobs jobs,
                     SessionLimits limits, LogRetention retention) {
        this.transactions = transactions;
        this.reader = reader;
        this.jobs = jobs;
        this.limits = limits;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${scimlog.log.rollup-interval:1s}", initialDelay = "1s")
    void rollUpContinuously() {
        jobs.runRound(READER, () -> {
            while (rollUpBatch() == BATCH) {
                // keep going while there is a backlog
            }
            deleteExpiredRows();
        });
    }

    /** Counts up to one batch into the rollup; returns how many events (0 when another instance holds the lock). */
    public int rollUpBatch() {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!AdvisoryLocks.tryTransactionLock(c, LOCK_KEY)) {
                return 0;
            }
            limits.forBackgroundWork(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_sort = off");
            }
            CommitOrderReader.Position position = reader.position(c, READER);
            long horizon = horizon(c);
            try (PreparedStatement ps = c.prepareStatement(ROLL_UP)) {
                ps.setString(1, Long.toString(position.txid()));
                ps.setLong(2, position.seq());
                ps.setString(3, Long.toString(horizon));
                ps.setInt(4, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                    int counted = rs.getInt(1);
                    reader.save(c, READER, new CommitOrderReader.Position(rs.getLong(2), rs.getLong(3)));
                    return counted;
                }
            }
        });
    }

    private void deleteExpiredRows() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) < 0) {
            return;
        }
        transactions.executeWrite(status -> {
            OffsetDateTime oldest = OffsetDateTime.ofInstant(retention.oldestRetained(now), ZoneOffset.UTC);
            for (String delete : new String[] {"DELETE FROM log_rollup_minute WHERE minute < ?",
                    "DELETE FROM log_rollup_hour WHERE hour < ?"}) {
                try (PreparedStatement ps = status.getConnection().prepareStatement(delete)) {
                    ps.setObject(1, oldest);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        lastCleanup = now;
    }

    private static long horizon(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
