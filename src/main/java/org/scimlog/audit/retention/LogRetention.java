package org.scimlog.audit.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.KeywordIndexUpkeep;
import org.scimlog.database.SessionLimits;
import org.scimlog.audit.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.scimlog.json.DateTimeText;

/**
 * Daily partitions of the System Log: made a week ahead, and dropped whole once every event in them is
 * past retention (no DELETE, no bloat). Before a drop, the last seal of each tenant in it becomes an
 * anchor, so the remaining hash chain still verifies. Runs at start-up (so the first write has a
 * partition) and hourly; creating and dropping are idempotent, so several instances may run it.
 *
 * <p>Age alone never drops a day that a {@link HoldingReader} (the hash-chain sealer; the Kafka relay when
 * streaming is on) has not passed: "every event reaches Kafka, even when Kafka was down" must survive an
 * outage longer than the window. Such a day is held (health DEGRADED, a metric, one
 * {@code system.log.retention.held} event per tenant concerned) until the reader passes it, or until the
 * hard limit, when it is dropped anyway, loudly: an ERROR line, metrics and a
 * {@code system.log.retention.forced} event that counts what each tenant lost. Without a limit a dead
 * reader would fill the disk and take SCIM writes down with it.
 */
@Context
public class LogRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int DAYS_AHEAD = 7;
    /** Any constant unique among the advisory locks of this database (sealer 7_340_001, relay 7_340_002). */
    private static final long LOCK_KEY = 7_340_003L;

    private final TransactionOperations<Connection> transactions;
    private final List<HoldingReader> readers;
    private final RetentionEvents events;
    /** Retention is background work: a partition drop may wait for locks longer than a client request may. */
    private final SessionLimits limits;
    private final RetentionMetrics metrics;
    private final int retentionDays;
    private final int hardLimitDays;
    private final Clock clock;
    private volatile List<RetentionHold> holds = List.of();
    /** Held days whose tenants this instance has made sure were told (the log itself is the record of it). */
    private final Set<LocalDate> announced = ConcurrentHashMap.newKeySet();

    public LogRetention(TransactionOperations<Connection> transactions, List<HoldingReader> readers, AuditLog log,
                        MeterRegistry registry, SessionLimits limits,
                        @Value("${scimlog.log.retention-days:7}") int retentionDays,
                        @Value("${scimlog.log.retention-hard-limit-days:30}") int hardLimitDays) {
        if (retentionDays < 1) {
            throw new IllegalStateException("scimlog.log.retention-days must be at least 1");
        }
        if (hardLimitDays < retentionDays) {
            throw new IllegalStateException("scimlog.log.retention-hard-limit-days (" + hardLimitDays
                    + ") must be at least scimlog.log.retention-days (" + retentionDays + ")");
        }
        this.transactions = transactions;
        this.limits = limits;
        this.readers = List.copyOf(readers);
        this.events = new RetentionEvents(log);
        this.retentionDays = retentionDays;
        this.hardLimitDays = hardLimitDays;
        this.clock = Clock.systemUTC();
        this.metrics = new RetentionMetrics(registry, this::holds, clock);
    }

    public int retentionDays() {
        return retentionDays;
    }

    public int hardLimitDays() {
        return hardLimitDays;
    }

    /** The days past retention that the last run kept for a reader, oldest first. */
    public List<RetentionHold> holds() {
        return holds;
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
            limits.forBackgroundWork(status.getConnection());
            // the owner's function (migration V11): the server's role owns no table, so it cannot make partitions itself
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT log_create_day(?)")) {
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    ps.setObject(1, day);
                    ps.execute();
                }
            }
            KeywordIndexUpkeep.sizePendingLists(status.getConnection());
            return null;
        });
    }

    /**
     * Drops the days that end at or before the retention horizon and that every reader has passed, and
     * those past the hard limit whatever the readers; holds the others. Returns the days dropped.
     */
    public List<LocalDate> dropExpired(Instant now) {
        LocalDate horizon = LocalDate.ofInstant(oldestRetained(now), ZoneOffset.UTC);
        LocalDate hardHorizon = LocalDate.ofInstant(now.minus(Duration.ofDays(hardLimitDays)), ZoneOffset.UTC);
        List<LocalDate> dropped = new ArrayList<>();
        List<RetentionHold> held = new ArrayList<>();
        for (LocalDate day : existingDays()) {
            if (day.plusDays(1).isAfter(horizon)) {
                continue;
            }
            RetentionHold hold = new RetentionHold(day, partition("log_event", day), readersBehind(day),
                    day.plusDays(1 + retentionDays).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(1 + hardLimitDays).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (hold.heldBy().isEmpty()) {
                drop(day, c -> { });
                dropped.add(day);
                metrics.dropped();
            } else if (!day.plusDays(1).isAfter(hardHorizon)) {
                drop(day, c -> announceForcedDrop(c, hold));
                dropped.add(day);
                metrics.dropped();
            } else {
                held.add(hold);
                if (!announced.contains(day)) {
                    try {
                        announceHold(hold);
                        announced.add(day);
                    } catch (RuntimeException e) {
                        // the day stays held (health and metrics show it); the next run tells the tenants
                        LOG.warn("could not record the hold of System Log day {}: {}", hold.day(), e.toString());
                    }
                }
            }
        }
        holds = List.copyOf(held);
        announced.retainAll(held.stream().map(RetentionHold::day).toList());
        if (!dropped.isEmpty()) {
            LOG.info("System Log retention dropped {} day(s): {}", dropped.size(), dropped);
        }
        return dropped;
    }

    /** The readers whose position is before the last event of {@code day} (every reader, if it never ran). */
    private List<String> readersBehind(LocalDate day) {
        return transactions.executeRead(status -> {
            limits.forBackgroundWork(status.getConnection());
            List<String> behind = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM " + partition("log_event", day) + " WHERE (txid, seq) > " + POSITION + ")")) {
                for (HoldingReader reader : readers) {
                    ps.setString(1, reader.readerName());
                    ps.setString(2, reader.readerName());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            behind.add(reader.readerName());
                        }
                    }
                }
            }
            return behind;
        });
    }

    /** A reader's (txid, seq) in SQL, (0, 0) if it never saved one; takes the reader's name twice. */
    private static final String POSITION = """
            (coalesce((SELECT last_txid FROM log_reader_position WHERE reader = ?), '0'::xid8),
             coalesce((SELECT last_seq FROM log_reader_position WHERE reader = ?), 0))""";

    /** Per tenant with events of {@code day} that some reader has not passed: how many, per reader. */
    private Map<UUID, Map<String, Long>> eventsBehind(Connection c, LocalDate day) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT tenant_id");
        for (int i = 0; i < readers.size(); i++) {
            sql.append(", count(*) FILTER (WHERE (txid, seq) > ").append(POSITION).append(")");
        }
        sql.append(" FROM ").append(partition("log_event", day)).append(" GROUP BY tenant_id");
        Map<UUID, Map<String, Long>> behind = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < readers.size(); i++) {
                ps.setString(2 * i + 1, readers.get(i).readerName());
                ps.setString(2 * i + 2, readers.get(i).readerName());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    long total = 0;
                    for (int i = 0; i < readers.size(); i++) {
                        counts.put(readers.get(i).readerName(), rs.getLong(i + 2));
                        total += rs.getLong(i + 2);
                    }
                    if (total > 0) {
                        behind.put(rs.getObject(1, UUID.class), counts);
                    }
                }
            }
        }
        return behind;
    }

    /**
     * One {@code system.log.retention.held} event for each tenant concerned, unless one is in the log
     * already (another instance, or this one before a restart, told them): under an advisory lock, so
     * instances running at the same time do not both write it.
     */
    private void announceHold(RetentionHold hold) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            limits.forBackgroundWork(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                ps.execute();
            }
            Set<UUID> told = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT tenant_id FROM log_event WHERE event_type = ? AND target_ids @> ARRAY[?]::text[]")) {
                ps.setString(1, EventType.RETENTION_HELD.id());
                ps.setString(2, hold.partition());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        told.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            Map<UUID, Map<String, Long>> behind = eventsBehind(c, hold.day());
            for (Map.Entry<UUID, Map<String, Long>> tenant : behind.entrySet()) {
                if (!told.contains(tenant.getKey())) {
                    events.append(c, tenant.getKey(), EventType.RETENTION_HELD, hold, debugData(hold, tenant.getValue()));
                }
            }
            LOG.warn("System Log day {} is past retention but kept until {} passed its last event ({} tenant(s) "
                    + "concerned); the hard limit drops it anyway from {}", hold.day(), hold.heldBy(), behind.size(),
                    hold.forcedFrom());
            return null;
        });
    }

    private void announceForcedDrop(Connection c, RetentionHold hold) throws SQLException {
        Map<UUID, Map<String, Long>> behind = eventsBehind(c, hold.day());
        Map<String, Long> lost = new LinkedHashMap<>();
        for (Map.Entry<UUID, Map<String, Long>> tenant : behind.entrySet()) {
            events.append(c, tenant.getKey(), EventType.RETENTION_FORCED, hold, debugData(hold, tenant.getValue()));
            tenant.getValue().forEach((reader, count) -> lost.merge(reader, count, Long::sum));
        }
        metrics.forcedDrop();
        lost.forEach((reader, count) -> {
            if (count > 0) {
                metrics.forcedDrop(reader, count);
            }
        });
        LOG.error("System Log day {} reached the retention hard limit of {} days and is dropped although {} had not "
                + "passed it: events lost per reader {} across {} tenant(s)", hold.day(), hardLimitDays, hold.heldBy(),
                lost, behind.size());
    }

    private Map<String, Object> debugData(RetentionHold hold, Map<String, Long> behind) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partition", hold.partition());
        data.put("day", hold.day().toString());
        data.put("heldBy", hold.heldBy());
        data.put("heldSince", DateTimeText.of(hold.heldSince()));
        data.put("retentionDays", retentionDays);
        data.put("hardLimitDays", hardLimitDays);
        data.put("droppedAnywayFrom", DateTimeText.of(hold.forcedFrom()));
        for (HoldingReader reader : readers) {
            data.put(reader.eventsBehindName(), behind.getOrDefault(reader.readerName(), 0L));
        }
        return data;
    }

    @FunctionalInterface
    private interface BeforeDrop {
        void run(Connection c) throws SQLException;
    }

    private void drop(LocalDate day, BeforeDrop beforeDrop) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            limits.forBackgroundWork(c);
            beforeDrop.run(c);
            String seals = partition("log_seal", day);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO log_chain_anchor (tenant_id, chain_seq, hash, dropped_before)
                    SELECT DISTINCT ON (tenant_id) tenant_id, chain_seq, hash, ?
                      FROM %s ORDER BY tenant_id, chain_seq DESC
                    ON CONFLICT DO NOTHING""".formatted(seals))) {
                ps.setTimestamp(1, Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT log_drop_day(?)")) {
                ps.setObject(1, day);
                ps.execute();
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
