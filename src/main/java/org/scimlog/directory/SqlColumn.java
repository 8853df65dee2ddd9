package org.scimlog.directory;

import java.util.Optional;
import java.util.UUID;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlComparison;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.ValueKind;

/**
 * An attribute kept in a column of its own, so that its index serves filters. A {@code uuidKey} column
 * holds server-issued ids: "eq" compares the uuid itself (index-friendly) and any other text matches nothing.
 */
record SqlColumn(String expression, ValueKind kind, boolean caseExact, String uuidColumn) {

    static SqlColumn of(String expression, ValueKind kind, boolean caseExact) {
        return new SqlColumn(expression, kind, caseExact, null);
    }

    /** An id column compared as text ({@code column::text}) except for "eq", which uses the uuid column. */
    static SqlColumn uuid(String column) {
        return new SqlColumn(column + "::text", ValueKind.TEXT, true, column);
    }

    SqlFragment compare(Operator operator, FilterValue value) {
        if (uuidColumn != null && operator == Operator.EQ && value instanceof FilterValue.Text text) {
            return asUuid(text.value()).map(id -> SqlFragment.of(uuidColumn + " = ?", id))
                    .orElse(SqlFragment.of("FALSE"));
        }
        return SqlComparison.build(expression, kind, caseExact, operator, value);
    }

    private static Optional<UUID> asUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
