package org.scimlog.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A boolean SQL expression with JDBC {@code ?} placeholders and their values, in order.
 *
 * <p>Contract: {@link #sql()} is self-contained, i.e. safe to put next to AND, OR or NOT without
 * changing its meaning. The combinators keep that promise by parenthesising their result; a resolver
 * returning a top-level OR must parenthesise it itself.
 *
 * @param parameters non-null values, bound in order to the placeholders
 */
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    public SqlFragment and(SqlFragment other) {
        return join("AND", other);
    }

    public SqlFragment or(SqlFragment other) {
        return join("OR", other);
    }

    public SqlFragment not() {
        return new SqlFragment("NOT (" + sql + ")", parameters);
    }

    private SqlFragment join(String keyword, SqlFragment other) {
        List<Object> combined = new ArrayList<>(parameters);
        combined.addAll(other.parameters);
        return new SqlFragment("(" + sql + " " + keyword + " " + other.sql + ")", combined);
    }
}
