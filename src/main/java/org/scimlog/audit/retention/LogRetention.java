package org.scimlog.audit.retention;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily partitions of the System Log: made a week ahead, and dropped whole once every event in them is
 * past retention (no DELETE, no bloat). Before a drop, the last seal of each tenant in it becomes an
 * anchor, so the remaining hash chain still verifies. Runs at start-up (so the first write has a
 * partition) and hourly; creating and dropping are idempotent, so several instances may run it.
 */
@Context
public class LogRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_AHEAD = 7;
    private static final List<String> PARTITIONED = List.of("log_event", "log_seal");

    private final TransactionOperations<Connection> transactions;
    private final int retentionDays;
    private final Clock clock;

    public LogRetention(TransactionOperations<Connection> transactions,
                        @Value("${scimlog.log.retention-days:7}") int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalStateException("scimlog.log.retention-days must be at least 1");
        }
        this.transactions = transactions;
        this.retentionDays = retentionDays;
        this.clock = Clock.systemUTC();
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** The oldest instant a query may return: events before it are past retention even if not dropped yet. */
    public Instant oldestRetained(Instant now) {
        return now.minus(Duration.ofDays(retentionDays));
    }

    @PostConstruct
    @Scheduled(fixedDelay = "1h", initialDelay = "1h")
    void maintain() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ensurePartitions(today.minusDays(1), today.plusDays(DAYS_AHEAD));
        dropExpired(now);
    }

    /** Creates the daily partitions from {@code first} to {@code last}, both included, where missing. */
    public void ensurePartitions(LocalDate first, LocalDate last) {
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    for (String table : PARTITIONED) {
                        s.execute("CREATE TABLE IF NOT EXISTS " + partition(table, day) + " PARTITION OF " + table
                                + " FOR VALUES FROM ('" + day + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')");
                    }
                }
            }
            return null;
        });
    }

    /** Drops the days that end at or before the retention horizon; returns the days dropped. */
    public List<LocalDate> dropExpired(Instant now) {
        LocalDate horizon = LocalDate.ofInstant(oldestRetained(now), ZoneOffset.UTC);
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : existingDays()) {
            if (!day.plusDays(1).isAfter(horizon)) {
                drop(day);
                dropped.add(day);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("System Log retention dropped {} day(s): {}", dropped.size(), dropped);
        }
        return dropped;
    }

    private void drop(LocalDate day) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            String seals = partition("log_seal", day);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO log_chain_anchor (tenant_id, chain_seq, hash, dropped_before)
                    SELECT DISTINCT ON (tenant_id) tenant_id, chain_seq, hash, ?
                      FROM %s ORDER BY tenant_id, chain_seq DESC
                    ON CONFLICT DO NOTHING""".formatted(seals))) {
                ps.setTimestamp(1, Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + partition("log_event", day));
                s.execute("DROP TABLE IF EXISTS " + seals);
            }
            return null;
        });
    }

    private List<LocalDate> existingDays() {
        return transactions.executeRead(status -> {
            List<LocalDate> days = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT c.relname FROM pg_inherits i
                      JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                     WHERE p.relname = 'log_event' ORDER BY c.relname""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(LocalDate.parse(rs.getString(1).substring("log_event_p".length()), SUFFIX));
                }
            }
            return days;
        });
    }

    private static String partition(String table, LocalDate day) {
        return table + "_p" + SUFFIX.format(day);
    }

}
