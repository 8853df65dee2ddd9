package org.scimlog.audit.query;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.scimlog.filter.SqlFragment;

/** Reads one page of a tenant's events for a {@link LogQuery}; all SQL of the log query lives here. */
@Singleton
class LogEventReader {

    private static final Duration FIRST_SLICE = Duration.ofHours(1);
    /** A page read by its conditions' own plan, not by an ordered walk. */
    static final int NO_WALK = 0;
    private final TransactionOperations<Connection> transactions;
    /** Up to this many matches in the whole range, a q search reads them all in one statement. */
    private final int rareMatches;

    LogEventReader(TransactionOperations<Connection> transactions,
                   @Value("${scimlog.log.q-rare-matches:2000}") int rareMatches) {
        this.transactions = transactions;
        this.rareMatches = rareMatches;
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
            List<Object> range = new ArrayList<>(List.of(tenantId, query.publishedFrom(), horizon));
            String afterCursor = "";
            if (query.after() != null) {
                afterCursor = " AND (e.txid, e.seq) > (?::xid8, ?)";
                range.add(Long.toString(query.after().txid()));
                range.add(query.after().seq());
            }
            String where = " WHERE e.tenant_id = ? AND e.published >= ? AND e.txid < ?::xid8" + afterCursor;
            SqlFragment conditions = query.conditions();
            String order = " ORDER BY e.txid, e.seq LIMIT ?";
            String selected = "e.txid::text, e.seq, e.body::text";
            if (KeywordSearch.in(conditions)) {
                List<PollingRow> walked = rows(connection, walk(where, conditions, selected, order),
                        walkParameters(range, KeywordSearch.walkBudget(query.limit()), query.limit(), conditions),
                        LogEventReader::pollingRow);
                if (walked.size() == query.limit()) {
                    return pollingPage(walked, query);
                }
            }
            List<Object> parameters = new ArrayList<>(range);
            parameters.addAll(conditions.parameters());
            parameters.add(query.limit());
            String sql = ordered("e.txid, e.seq, e.body", where + " AND " + conditions.sql(), selected, order, conditions);
            return pollingPage(rows(connection, sql, parameters, LogEventReader::pollingRow), query);
        });
    }

    private record PollingRow(Cursor.PollingPosition position, String event) {
    }

    private static PollingRow pollingRow(ResultSet rows) throws SQLException {
        return new PollingRow(new Cursor.PollingPosition(Long.parseLong(rows.getString(1)), rows.getLong(2)),
                rows.getString(3));
    }

    private static LogPage pollingPage(List<PollingRow> rows, LogQuery.Polling query) {
        Cursor next = rows.isEmpty() ? query.cursorIfNothingNew() : rows.get(rows.size() - 1).position();
        return new LogPage(rows.stream().map(PollingRow::event).toList(), next);
    }

    /**
     * A q search as an ordered walk: the first {@link KeywordSearch#walkBudget} events of the page's range in
     * the page's order (read through the ordering index, which stops there), the conditions checked on each.
     * When it finds a page it is the right page: the matches it finds are the first ones of the range. A
     * common word fills the page within a few events, which the GIN index would have had to list in full
     * (every event of the week, for "okta") before sorting them.
     */
    private static String walk(String where, SqlFragment conditions, String selected, String orderAndLimit) {
        return "SELECT " + selected + " FROM (SELECT * FROM log_event e" + where + orderAndLimit + ") e WHERE "
                + conditions.sql() + orderAndLimit;
    }

    private static List<Object> walkParameters(List<Object> range, int walk, int rows, SqlFragment conditions) {
        List<Object> parameters = new ArrayList<>(range);
        parameters.add(walk);
        parameters.addAll(conditions.parameters());
        parameters.add(rows);
        return parameters;
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
            return "WITH e AS MATERIALIZED (SELECT " + columns + " FROM log_event e" + where + MATCHES_END
                    + " SELECT " + selected + " FROM e" + orderAndLimit;
        }
        return "SELECT " + selected + " FROM log_event e" + where + orderAndLimit;
    }

    /** Where the list of matches ends in {@link #ordered}'s statement: a cap on their number goes before it. */
    private static final String MATCHES_END = " /* matches */)";

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> rows(Connection connection, String sql, List<Object> parameters, RowReader<T> reader)
            throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            planWithValues(statement);
            SqlParameters.bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
        }
        return found;
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
        return transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            int wanted = query.limit() + 1;
            List<BoundedRow> rows;
            if (KeywordSearch.in(query.conditions())) {
                int walked = KeywordSearch.walkBudget(wanted);
                rows = boundedStatement(connection, tenantId, query, query.since(), query.until(), wanted, walked);
                OptionalInt longer = KeywordSearch.longerWalk(walked, rows.size(), wanted);
                if (longer.isPresent()) {
                    rows = boundedStatement(connection, tenantId, query, query.since(), query.until(), wanted,
                            longer.getAsInt());
                }
                if (rows.size() < wanted) {
                    // a word the walk met is too common for listing every match to pay (thousands of rows read
                    // at random to learn that): only a word it never met is tried as a rare one
                    Optional<List<BoundedRow>> rare = rows.isEmpty()
                            ? allMatchesIfRare(connection, tenantId, query, wanted, rareMatches) : Optional.empty();
                    rows = rare.isPresent() ? rare.get() : sliceBySlice(connection, tenantId, query, wanted);
                }
            } else {
                rows = boundedStatement(connection, tenantId, query, query.since(), query.until(), wanted, NO_WALK);
            }
            boolean more = rows.size() > query.limit();
            List<BoundedRow> page = more ? rows.subList(0, query.limit()) : rows;
            return new LogPage(page.stream().map(BoundedRow::event).toList(),
                    more ? page.get(page.size() - 1).position() : null);
        });
    }

    private record BoundedRow(Cursor.BoundedPosition position, String event) {
    }

    /**
     * The rows of [from, to) in the page's order, at most {@code wanted}: by an ordered {@link #walk} of at most
     * {@link KeywordSearch#walkBudget} events, or by the conditions' own plan.
     */
    private static List<BoundedRow> boundedStatement(Connection connection, UUID tenantId, LogQuery.Bounded query,
                                                     Instant from, Instant to, int wanted, int walk)
            throws SQLException {
        PageStatement statement = boundedPage(tenantId, query, from, to, wanted, walk);
        return rows(connection, statement.sql(), statement.parameters(), LogEventReader::boundedRow);
    }

    /** A page's statement and its parameters. */
    record PageStatement(String sql, List<Object> parameters) {
    }

    /** The page's statement: an ordered walk of {@code walk} events, or ({@link #NO_WALK}) the conditions' own plan. */
    static PageStatement boundedPage(UUID tenantId, LogQuery.Bounded query, Instant from, Instant to, int wanted,
                                     int walk) {
        boolean descending = query.order() == SortOrder.DESCENDING;
        List<Object> range = new ArrayList<>(List.of(tenantId, from, to));
        String afterCursor = "";
        if (query.after() != null) {
            afterCursor = " AND (e.published, e.uuid) " + (descending ? "<" : ">") + " (?, ?)";
            range.add(query.after().published());
            range.add(query.after().uuid());
        }
        SqlFragment conditions = query.conditions();
        String direction = descending ? " DESC" : "";
        String where = " WHERE e.tenant_id = ? AND e.published >= ? AND e.published < ?" + afterCursor;
        String order = " ORDER BY e.published" + direction + ", e.uuid" + direction + " LIMIT ?";
        String selected = "e.published, e.uuid, e.body::text";
        if (walk != NO_WALK) {
            return new PageStatement(walk(where, conditions, selected, order),
                    walkParameters(range, walk, wanted, conditions));
        }
        List<Object> parameters = new ArrayList<>(range);
        parameters.addAll(conditions.parameters());
        parameters.add(wanted);
        return new PageStatement(ordered("e.published, e.uuid, e.body", where + " AND " + conditions.sql(), selected,
                order, conditions), parameters);
    }

    /**
     * A q search the walk could not fill, tried as a rare word first: at most {@code cap} + 1 matches of the
     * whole range listed through the GIN index in one statement, and the page sorted from them. With no more
     * than {@code cap} (2,000 unless configured) they are every match, so the page is right; a userName or an id (a few
     * dozen events a week) then costs one statement, where the slices took about eight. With more it is empty
     * and the slices find the page: a word that common costs the first slices less than listing its matches.
     */
    private static Optional<List<BoundedRow>> allMatchesIfRare(Connection connection, UUID tenantId,
                                                               LogQuery.Bounded query, int wanted, int cap)
            throws SQLException {
        PageStatement page = boundedPage(tenantId, query, query.since(), query.until(), wanted, NO_WALK);
        String capped = page.sql().replace(MATCHES_END, " LIMIT " + (cap + 1) + MATCHES_END)
                .replace(" FROM e ORDER BY", ", (SELECT count(*) FROM e) FROM e ORDER BY");
        if (capped.equals(page.sql())) {
            return Optional.empty();
        }
        int[] matches = {0};
        List<BoundedRow> rows = rows(connection, capped, page.parameters(), row -> {
            matches[0] = row.getInt(4);
            return boundedRow(row);
        });
        return matches[0] > cap ? Optional.empty() : Optional.of(rows);
    }

    /**
     * A q search the walk could not fill: the matches through the GIN index, slice by slice of the range in the
     * page's order, stopping once the page is full. A slice's matches are listed and sorted, so a page costs
     * the matches of the slices it spans; the first slice is an hour and each next one twice the last, so a
     * word on one event in a few hundred fills its page from the first slices, and a rare word needs about
     * eight statements for a week.
     */
    private static List<BoundedRow> sliceBySlice(Connection connection, UUID tenantId, LogQuery.Bounded query,
                                                 int wanted) throws SQLException {
        List<BoundedRow> found = new ArrayList<>();
        boolean descending = query.order() == SortOrder.DESCENDING;
        Instant edge = descending ? query.until() : query.since();
        Duration slice = FIRST_SLICE;
        while (found.size() < wanted && (descending ? edge.isAfter(query.since()) : edge.isBefore(query.until()))) {
            Instant next = descending ? latest(edge.minus(slice), query.since()) : earliest(edge.plus(slice), query.until());
            Instant from = descending ? next : edge;
            Instant to = descending ? edge : next;
            found.addAll(boundedStatement(connection, tenantId, query, from, to, wanted - found.size(), NO_WALK));
            edge = next;
            slice = slice.multipliedBy(2);
        }
        return found;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static BoundedRow boundedRow(ResultSet rows) throws SQLException {
        Instant published = rows.getObject(1, OffsetDateTime.class).toInstant();
        return new BoundedRow(new Cursor.BoundedPosition(published, rows.getObject(2, UUID.class)), rows.getString(3));
    }
}
