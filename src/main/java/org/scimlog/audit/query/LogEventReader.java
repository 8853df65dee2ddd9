package org.scimlog.audit.query;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.scimlog.filter.SqlFragment;

/** Reads one page of a tenant's events for a {@link LogQuery}; all SQL of the log query lives here. */
@Singleton
class LogEventReader {

    private final TransactionOperations<Connection> transactions;

    LogEventReader(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    LogPage read(UUID tenantId, LogQuery query) {
        if (query instanceof LogQuery.Polling polling) {
            return polling(tenantId, polling);
        }
        return bounded(tenantId, (LogQuery.Bounded) query);
    }

    /**
     * Commit order, safely: only rows of transactions older than every transaction still running (the
     * snapshot's xmin) are returned. Each of those has finished, so no row can later appear at a
     * (txid, seq) below the cursor this page hands out, however late its transaction commits. The horizon
     * is read first, in its own statement; the page's statement takes a newer snapshot, which sees every
     * commit below it.
     */
    private LogPage polling(UUID tenantId, LogQuery.Polling query) {
        if (query.limit() == 0) {
            return new LogPage(List.of(), query.cursorIfNothingNew());
        }
        return transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            String horizon = horizon(connection);
            List<Object> parameters = new ArrayList<>(List.of(tenantId, query.publishedFrom(), horizon));
            String afterCursor = "";
            if (query.after() != null) {
                afterCursor = " AND (e.txid, e.seq) > (?::xid8, ?)";
                parameters.add(Long.toString(query.after().txid()));
                parameters.add(query.after().seq());
            }
            parameters.addAll(query.conditions().parameters());
            parameters.add(query.limit());
            String sql = ordered("e.txid, e.seq, e.body", " WHERE e.tenant_id = ? AND e.published >= ? AND e.txid < ?::xid8"
                    + afterCursor + " AND " + query.conditions().sql(), "e.txid::text, e.seq, e.body::text",
                    " ORDER BY e.txid, e.seq LIMIT ?", query.conditions());
            List<String> events = new ArrayList<>();
            Cursor next = query.cursorIfNothingNew();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                planWithValues(statement);
                SqlParameters.bind(connection, statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        next = new Cursor.PollingPosition(Long.parseLong(rows.getString(1)), rows.getLong(2));
                        events.add(rows.getString(3));
                    }
                }
            }
            return new LogPage(events, next);
        });
    }

    /**
     * A q keyword or a target id matches few events, found through a GIN index; but seeing ORDER BY and
     * LIMIT, the planner prefers walking the ordering index and filtering, which reads the whole log when
     * the value is rare. For those searches the matches are fetched first and then sorted. Other filters
     * (event type, outcome, ...) keep the ordered walk, which stops as soon as the page is full.
     */
    private static String ordered(String columns, String where, String selected, String orderAndLimit,
                                  SqlFragment conditions) {
        boolean findsFewThroughGin = conditions.sql().contains("e.keywords @>") || conditions.sql().contains("e.target_ids @>");
        if (findsFewThroughGin) {
            return "WITH e AS MATERIALIZED (SELECT " + columns + " FROM log_event e" + where + ")"
                    + " SELECT " + selected + " FROM e" + orderAndLimit;
        }
        return "SELECT " + selected + " FROM log_event e" + where + orderAndLimit;
    }

    /**
     * Plans each page query with its actual values. A cached generic plan cannot know that a keyword is
     * rare or that the horizon excludes nothing, and combines indexes in ways that read whole partitions;
     * planning anew costs about a millisecond.
     */
    private static void planWithValues(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }

    private static String horizon(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    /** Keyset paging on (published, uuid); one row more than asked tells whether a next page exists. */
    private LogPage bounded(UUID tenantId, LogQuery.Bounded query) {
        // A next link for limit=0 could never move on, so such a page is the last one.
        if (query.limit() == 0 || !query.since().isBefore(query.until())) {
            return new LogPage(List.of(), null);
        }
        boolean descending = query.order() == SortOrder.DESCENDING;
        return transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            List<Object> parameters = new ArrayList<>(List.of(tenantId, query.since(), query.until()));
            String afterCursor = "";
            if (query.after() != null) {
                afterCursor = " AND (e.published, e.uuid) " + (descending ? "<" : ">") + " (?, ?)";
                parameters.add(query.after().published());
                parameters.add(query.after().uuid());
            }
            SqlFragment conditions = query.conditions();
            parameters.addAll(conditions.parameters());
            parameters.add(query.limit() + 1);
            String direction = descending ? " DESC" : "";
            String sql = ordered("e.published, e.uuid, e.body", " WHERE e.tenant_id = ? AND e.published >= ? AND e.published < ?"
                    + afterCursor + " AND " + conditions.sql(), "e.published, e.uuid, e.body::text",
                    " ORDER BY e.published" + direction + ", e.uuid" + direction + " LIMIT ?", conditions);
            List<String> events = new ArrayList<>();
            Cursor.BoundedPosition last = null;
            boolean more = false;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                planWithValues(statement);
                SqlParameters.bind(connection, statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (events.size() == query.limit()) {
                            more = true;
                            break;
                        }
                        Instant published = rows.getObject(1, OffsetDateTime.class).toInstant();
                        last = new Cursor.BoundedPosition(published, rows.getObject(2, UUID.class));
                        events.add(rows.getString(3));
                    }
                }
            }
            return new LogPage(events, more ? last : null);
        });
    }
}
