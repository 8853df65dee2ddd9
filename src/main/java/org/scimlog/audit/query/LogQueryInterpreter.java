package org.scimlog.audit.query;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.filter.SqlFragment;

/**
 * Validates the raw parameters and decides the request type, as Okta defines them: polling when until is
 * absent and the order ascending, bounded otherwise (Okta leaves DESCENDING without until undefined; it is
 * bounded here, up to now, since a descending stream has no natural "next"). Empty since and until count
 * as absent (Okta: "must be a valid date-time or empty"). Errors Okta documents are worded as Okta words them.
 */
@Singleton
class LogQueryInterpreter {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_SINCE_AGE_DAYS = 180;
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final LogRetention retention;
    private final Clock clock = Clock.systemUTC();

    LogQueryInterpreter(LogRetention retention) {
        this.retention = retention;
    }

    LogQuery interpret(LogQueryParameters parameters) {
        int limit = limit(parameters.limit());
        SortOrder order = sortOrder(parameters.sortOrder());
        Optional<Instant> since = time(LogQueryParameters.SINCE, parameters.since());
        Optional<Instant> until = time(LogQueryParameters.UNTIL, parameters.until());
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw LogQueryException.invalidParameter(LogQueryParameters.SINCE, "must not be after until.");
        }
        Cursor after = parameters.after() == null ? null : Cursors.decode(parameters.after());
        Instant now = clock.instant();
        // Only on a first request: next links echo since, and a poller may follow them for longer than 180 days.
        if (after == null && since.isPresent() && overOneHundredEightyDaysOld(since.get(), now)) {
            throw sinceTooOld();
        }
        SqlFragment conditions = conditions(parameters);

        Instant oldestRetained = retention.oldestRetained(now);
        Instant effectiveUntil = until.orElse(now);
        Instant effectiveSince = since.orElseGet(() -> effectiveUntil.minus(DEFAULT_WINDOW));
        if (until.isEmpty() && order == SortOrder.ASCENDING) {
            return polling(effectiveSince, oldestRetained, after, conditions, limit);
        }
        if (after != null && !(after instanceof Cursor.BoundedPosition)) {
            throw Cursors.invalid();
        }
        // A since before retention is clamped, not refused: Okta answers such queries with what it still has.
        return new LogQuery.Bounded(latest(effectiveSince, oldestRetained), effectiveUntil, order,
                (Cursor.BoundedPosition) after, conditions, limit);
    }

    /**
     * The aggregate's request: since, until, filter and q read as for a bounded page (same defaults, checks and
     * errors; limit, after and sortOrder mean nothing to a count and are ignored, as unknown parameters are).
     * The filter is also translated for the rollup when only its columns are named.
     */
    AggregateQuery interpretAggregate(LogQueryParameters parameters) {
        Optional<Instant> since = time(LogQueryParameters.SINCE, parameters.since());
        Optional<Instant> until = time(LogQueryParameters.UNTIL, parameters.until());
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw LogQueryException.invalidParameter(LogQueryParameters.SINCE, "must not be after until.");
        }
        Instant now = clock.instant();
        if (since.isPresent() && overOneHundredEightyDaysOld(since.get(), now)) {
            throw sinceTooOld();
        }
        SqlFragment conditions = conditions(parameters);
        Instant effectiveUntil = until.orElse(now);
        Instant effectiveSince = latest(since.orElseGet(() -> effectiveUntil.minus(DEFAULT_WINDOW)),
                retention.oldestRetained(now));
        boolean hasQ = parameters.q() != null && !parameters.q().isBlank();
        Optional<SqlFragment> rollupConditions = hasQ ? Optional.empty() : RollupFields.conditions(parameters.filter());
        return new AggregateQuery(effectiveSince, latest(effectiveUntil, effectiveSince), conditions, rollupConditions);
    }

    /**
     * A next link's after overrides since: the cursor already says where the stream stands, and pages after
     * the first must also return events that committed late with a published before since.
     */
    private static LogQuery polling(Instant since, Instant oldestRetained, @Nullable Cursor after,
                                    SqlFragment conditions, int limit) {
        if (after == null) {
            return new LogQuery.Polling(latest(since, oldestRetained), null, new Cursor.PollingStart(since),
                    conditions, limit);
        }
        if (after instanceof Cursor.PollingStart start) {
            return new LogQuery.Polling(latest(start.since(), oldestRetained), null, start, conditions, limit);
        }
        if (after instanceof Cursor.PollingPosition position) {
            return new LogQuery.Polling(oldestRetained, position, position, conditions, limit);
        }
        throw Cursors.invalid();
    }

    private static SqlFragment conditions(LogQueryParameters parameters) {
        SqlFragment conditions = SqlFragment.of("TRUE");
        if (parameters.filter() != null && !parameters.filter().isBlank()) {
            conditions = conditions.and(LogFilters.toSql(parameters.filter()));
        }
        if (parameters.q() != null) {
            conditions = KeywordSearch.toSql(parameters.q()).map(conditions::and).orElse(conditions);
        }
        return conditions;
    }

    /**
     * Okta's words: "over 180 days prior to the current day", so the bound is a UTC day: any time on the
     * day 180 days before today is still accepted. Independent of retention (Okta keeps 90 days and still
     * validates at 180): a since inside 180 days but before retention is clamped, not refused.
     */
    static boolean overOneHundredEightyDaysOld(Instant since, Instant now) {
        LocalDate oldestAllowedDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(MAX_SINCE_AGE_DAYS);
        return since.isBefore(oldestAllowedDay.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Okta's documented answer, verbatim: E0000053 (its catalog's "invalid SCIM filter" code), no causes. */
    private static LogQueryException sinceTooOld() {
        return new LogQueryException(OktaError.INVALID_FILTER,
                "Invalid parameter: The since parameter is over 180 days prior to the current day.", List.of());
    }

    private static int limit(@Nullable String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        // Digits only: "+5", "1e2", " 5" and overflowing numbers are all refused, not coerced.
        if (!text.matches("\\d{1,4}") || Integer.parseInt(text) > MAX_LIMIT) {
            throw LogQueryException.invalidParameter(LogQueryParameters.LIMIT,
                    "must be an integer between 0 and " + MAX_LIMIT + ".");
        }
        return Integer.parseInt(text);
    }

    private static SortOrder sortOrder(@Nullable String text) {
        if (text == null) {
            return SortOrder.ASCENDING;
        }
        return SortOrder.fromParameter(text).orElseThrow(() -> LogQueryException.invalidParameter(
                LogQueryParameters.SORT_ORDER, "must be ASCENDING or DESCENDING."));
    }

    private static Optional<Instant> time(String name, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse(text).orElseThrow(() -> LogQueryException.invalidParameter(name, List.of(
                "The date format in your query is not recognized. Please enter dates using ISO8601 string format.",
                "must be a valid date-time or empty."))));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
