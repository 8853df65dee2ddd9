package org.scimlog.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.rollup.LogRollup;
import org.scimlog.filter.SqlFragment;
import org.scimlog.json.JsonCodec;

/**
 * Counts a tenant's events for an {@link AggregateQuery}; all SQL of the aggregate lives here.
 * <p>
 * When the rollup can answer the filter, whole hours come from {@code log_rollup_hour} and other whole minutes
 * from {@code log_rollup_minute} (events up to the rollup job's position) and only three small slices from log_event: the partial minutes at both ends and
 * the events after the job's position (committed since its last round). Every statement runs in one
 * REPEATABLE READ snapshot, in which the rollup rows and the job's position were committed together, so each
 * event is counted once. Any other filter, and q, count the matching events one by one, at most
 * {@value #SCAN_LIMIT} of them: beyond that the request is refused with a request to narrow it. Top targets
 * are counted from the events (a target per key would make the rollup as big as the log): from the newest
 * {@value #TARGET_SCAN_LIMIT} matching events, which are all of them for most tickets' queries; when more
 * match the answer says which part was counted, because a support engineer still needs the names to click
 * and the newest events are the ones a ticket is about.
 */
@Singleton
class LogAggregateReader {

    static final int SCAN_LIMIT = 200_000;
    static final int TARGET_SCAN_LIMIT = 10_000;
    static final int TOP = 10;

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader positions;
    private final JsonCodec json;

    LogAggregateReader(TransactionOperations<Connection> transactions, CommitOrderReader positions, JsonCodec json) {
        this.transactions = transactions;
        this.positions = positions;
        this.json = json;
    }

    LogAggregate read(UUID tenantId, AggregateQuery query) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            LogAggregate.Counts counts = new LogAggregate.Counts(query);
            Optional<SqlFragment> rollup = query.rollupConditions();
            Instant firstWholeMinute = query.since().truncatedTo(ChronoUnit.MINUTES);
            if (firstWholeMinute.isBefore(query.since())) {
                firstWholeMinute = firstWholeMinute.plus(1, ChronoUnit.MINUTES);
            }
            Instant endOfWholeMinutes = query.until().truncatedTo(ChronoUnit.MINUTES);
            boolean fromRollup;
            if (rollup.isPresent() && firstWholeMinute.isBefore(endOfWholeMinutes)) {
                fromRollup = true;
                CommitOrderReader.Position rolledUp = positions.position(c, LogRollup.READER);
                countRollup(c, tenantId, query, rollup.get(), firstWholeMinute, endOfWholeMinutes, counts);
                countEvents(c, tenantId, query, query.since(), firstWholeMinute, null, Integer.MAX_VALUE, counts);
                countEvents(c, tenantId, query, endOfWholeMinutes, query.until(), null, Integer.MAX_VALUE, counts);
                countEvents(c, tenantId, query, firstWholeMinute, endOfWholeMinutes, rolledUp, Integer.MAX_VALUE, counts);
            } else {
                fromRollup = false;
                countEvents(c, tenantId, query, query.since(), query.until(), null, SCAN_LIMIT + 1, counts);
                if (counts.total() > SCAN_LIMIT) {
                    throw LogQueryException.invalidParameter(LogQueryParameters.FILTER, "more than " + SCAN_LIMIT
                            + " events match between since and until; a filter on other fields than eventType, severity, "
                            + "outcome.result and actor.id, or q, is counted event by event: narrow since and until.");
                }
            }
            List<LogAggregate.Ranked> actors = new ArrayList<>();
            for (Map.Entry<String, Long> actor : counts.topActors(TOP)) {
                actors.add(new LogAggregate.Ranked(actor.getKey(), actor.getValue(), actorLabel(c, tenantId, query, actor.getKey())));
            }
            return new LogAggregate(query, counts, actors, topTargets(c, tenantId, query), fromRollup);
        });
    }

    /**
     * Whole minutes [from, to) from the rollup: whole hours from the hour table when buckets are whole hours
     * (intervals of an hour or more are multiples of an hour from the epoch, so an hour lies in one bucket).
     */
    private static void countRollup(Connection c, UUID tenantId, AggregateQuery query, SqlFragment conditions,
                                    Instant from, Instant to, LogAggregate.Counts counts) throws SQLException {
        Instant firstWholeHour = from.truncatedTo(ChronoUnit.HOURS);
        if (firstWholeHour.isBefore(from)) {
            firstWholeHour = firstWholeHour.plus(1, ChronoUnit.HOURS);
        }
        Instant endOfWholeHours = to.truncatedTo(ChronoUnit.HOURS);
        if (query.interval().toMinutes() % 60 != 0 || !firstWholeHour.isBefore(endOfWholeHours)) {
            countRollupTable(c, "log_rollup_minute", "minute", tenantId, query, conditions, from, to, counts);
            return;
        }
        countRollupTable(c, "log_rollup_minute", "minute", tenantId, query, conditions, from, firstWholeHour, counts);
        countRollupTable(c, "log_rollup_hour", "hour", tenantId, query, conditions, firstWholeHour, endOfWholeHours, counts);
        countRollupTable(c, "log_rollup_minute", "minute", tenantId, query, conditions, endOfWholeHours, to, counts);
    }

    private static void countRollupTable(Connection c, String table, String column, UUID tenantId, AggregateQuery query,
                                         SqlFragment conditions, Instant from, Instant to, LogAggregate.Counts counts)
            throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        List<Object> parameters = new ArrayList<>(List.of(query.firstBucket().getEpochSecond(),
                query.interval().toSeconds(), tenantId, from, to));
        parameters.addAll(conditions.parameters());
        read(c, "SELECT floor((extract(epoch FROM r." + column + ") - ?) / ?)::int, r.event_type, r.outcome_result, "
                + "r.actor_id, sum(r.events)::bigint FROM " + table + " r WHERE r.tenant_id = ? AND r." + column
                + " >= ? AND r." + column + " < ? AND " + conditions.sql() + " GROUP BY 1, 2, 3, 4", parameters, counts);
    }

    /** The matching events of [from, to), those after {@code after} in commit order only when it is given. */
    private static void countEvents(Connection c, UUID tenantId, AggregateQuery query, Instant from, Instant to,
                                    CommitOrderReader.Position after, int atMost, LogAggregate.Counts counts)
            throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        List<Object> parameters = new ArrayList<>(List.of(query.firstBucket().getEpochSecond(),
                query.interval().toSeconds(), tenantId, from, to));
        String afterPosition = "";
        if (after != null) {
            afterPosition = " AND (e.txid, e.seq) > (?::text::xid8, ?)";
            parameters.add(Long.toString(after.txid()));
            parameters.add(after.seq());
        }
        parameters.addAll(query.conditions().parameters());
        parameters.add(atMost);
        read(c, "SELECT floor((extract(epoch FROM e.published) - ?) / ?)::int, e.event_type, e.outcome_result, "
                + "coalesce(e.actor_id, ''), count(*) FROM (SELECT e.published, e.event_type, e.outcome_result, e.actor_id "
                + "FROM log_event e WHERE e.tenant_id = ? AND e.published >= ? AND e.published < ?" + afterPosition
                + " AND " + query.conditions().sql() + " LIMIT ?) e GROUP BY 1, 2, 3, 4", parameters, counts);
    }

    private static void read(Connection c, String sql, List<Object> parameters, LogAggregate.Counts counts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParameters.bind(c, ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
                }
            }
        }
    }

    /**
     * The most frequent targets of the newest {@value #TARGET_SCAN_LIMIT} matching events. They are counted from
     * the {@code target_ids} column, so no event body is read but those of events without any target id (a
     * refused create names its user by type and userName only: such a target counts by that name, it is what
     * "why wasn't Ada provisioned?" is about), and each of the ten is named by its newest counted event, found
     * by its primary key (target ids have no index of their own: a look-up by id would read the window).
     */
    private LogAggregate.TopTargets topTargets(Connection c, UUID tenantId, AggregateQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(tenantId, query.since(), query.until()));
        parameters.addAll(query.conditions().parameters());
        parameters.add(TARGET_SCAN_LIMIT);
        parameters.add(TOP);
        parameters.add(tenantId);
        List<LogAggregate.Ranked> ranked = new ArrayList<>();
        long counted = 0;
        Instant oldestCounted = null;
        try (PreparedStatement ps = c.prepareStatement("""
                WITH counted AS MATERIALIZED (
                  SELECT e.published, e.target_ids,
                         CASE WHEN cardinality(e.target_ids) = 0 AND jsonb_typeof(e.body->'target') = 'array'
                              THEN e.body->'target' END AS unnamed
                    FROM log_event e
                   WHERE e.tenant_id = ? AND e.published >= ? AND e.published < ?""" + " AND " + query.conditions().sql()
                + """
                   ORDER BY e.published DESC LIMIT ?),
                keyed AS (
                  SELECT c.published, t.id, NULL::text AS type, NULL::text AS name
                    FROM counted c CROSS JOIN LATERAL unnest(c.target_ids) AS t(id)
                  UNION ALL
                  SELECT c.published, NULL, t.el->>'type', t.el->>'alternateId'
                    FROM counted c CROSS JOIN LATERAL jsonb_array_elements(c.unnamed) AS t(el)
                   WHERE coalesce(t.el->>'id', '') = '' AND coalesce(t.el->>'alternateId', '') <> ''),
                top AS (
                  SELECT id, type, name, count(*) AS n, max(published) AS newest
                    FROM keyed GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3 LIMIT ?)
                SELECT top.id, top.n,
                       CASE WHEN top.id IS NULL THEN jsonb_build_object('type', top.type, 'alternateId', top.name)::text
                       ELSE (SELECT jsonb_build_object('type', t.el->'type', 'alternateId', t.el->'alternateId',
                                                       'displayName', t.el->'displayName')::text
                               FROM log_event e CROSS JOIN LATERAL jsonb_array_elements(e.body->'target') AS t(el)
                              WHERE e.tenant_id = ? AND e.published = top.newest AND e.target_ids @> ARRAY[top.id]
                                AND t.el->>'id' = top.id
                              LIMIT 1) END,
                       (SELECT count(*) FROM counted),
                       (SELECT min(published) FROM counted)
                  FROM top ORDER BY top.n DESC, top.id, top.name""")) {
            SqlParameters.bind(c, ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String label = rs.getString(3);
                    ranked.add(new LogAggregate.Ranked(rs.getString(1), rs.getLong(2), label == null ? null : json.readStored(label)));
                    counted = rs.getLong(4);
                    oldestCounted = rs.getTimestamp(5).toInstant();
                }
            }
        }
        return new LogAggregate.TopTargets(ranked, counted, oldestCounted);
    }

    /** The actor as its newest event in the window names it (type, alternateId, displayName). */
    private JsonNode actorLabel(Connection c, UUID tenantId, AggregateQuery query, String actorId) throws SQLException {
        return label(c, """
                SELECT e.body->'actor' FROM log_event e
                 WHERE e.tenant_id = ? AND e.actor_id = ? AND e.published >= ? AND e.published < ?
                 ORDER BY e.published DESC LIMIT 1""", List.of(tenantId, actorId, query.since(), query.until()));
    }

    private JsonNode label(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParameters.bind(c, ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? json.readStored(rs.getString(1)) : null;
            }
        }
    }
}
