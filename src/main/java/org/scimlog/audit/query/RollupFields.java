package org.scimlog.audit.query;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlComparison;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.ValueKind;

/**
 * Maps a System Log filter onto the columns of {@code log_rollup_minute} (alias {@code r}) when it names only
 * those (eventType, severity, outcome.result, actor.id), with the same comparisons {@link LogEventFields}
 * makes on log_event, so both count the same events. A filter naming anything else is not answered by the
 * rollup: the aggregate then counts the events themselves.
 */
final class RollupFields implements SqlFieldResolver {

    private static final RollupFields INSTANCE = new RollupFields();

    /** Thrown while translating, when the filter names a path the rollup does not keep. */
    private static final class NotInRollup extends RuntimeException {
        NotInRollup() {
            super(null, null, false, false);
        }
    }

    private RollupFields() {
    }

    /** The filter as a condition on the rollup; TRUE without a filter; empty when the rollup cannot answer it. */
    static Optional<SqlFragment> conditions(@Nullable String filterText) {
        if (filterText == null || filterText.isBlank()) {
            return Optional.of(SqlFragment.of("TRUE"));
        }
        // already parsed and checked by LogFilters for log_event, so it parses here
        Filter filter = FilterParser.parse(filterText, Dialect.OKTA_LOG);
        try {
            return Optional.of(FilterSql.toSql(filter, INSTANCE));
        } catch (NotInRollup e) {
            return Optional.empty();
        }
    }

    @Override
    public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
        String column = column(path);
        String compared = operator.isOrdering() ? "(" + column + " COLLATE \"C\")" : column;
        return SqlComparison.build(compared, ValueKind.TEXT, true, operator, value);
    }

    @Override
    public SqlFragment present(AttributePath path) {
        String column = column(path);
        return SqlFragment.of("(" + column + " IS NOT NULL AND " + column + " <> '')");
    }

    @Override
    public SqlFragment valuePath(AttributePath path, Filter inner) {
        throw new NotInRollup();
    }

    private static String column(AttributePath path) {
        if (path.schemaUrn() != null) {
            throw new NotInRollup();
        }
        List<String> names = path.names().stream().map(LogEventFields::camelCase).toList();
        return switch (String.join(".", names)) {
            case "eventType" -> "r.event_type";
            case "severity" -> "r.severity";
            case "outcome.result" -> "r.outcome_result";
            // the rollup keeps '' for an event without actor id, log_event NULL
            case "actor.id" -> "NULLIF(r.actor_id, '')";
            default -> throw new NotInRollup();
        };
    }
}
