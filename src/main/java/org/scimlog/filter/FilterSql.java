package org.scimlog.filter;

import java.util.Objects;

/** Translates a filter into one parameterised SQL condition; leaves are delegated to the resolver. */
public final class FilterSql {

    private FilterSql() {
    }

    public static SqlFragment toSql(Filter filter, SqlFieldResolver resolver) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(resolver, "resolver");
        if (filter instanceof Filter.And and) {
            return toSql(and.left(), resolver).and(toSql(and.right(), resolver));
        }
        if (filter instanceof Filter.Or or) {
            return toSql(or.left(), resolver).or(toSql(or.right(), resolver));
        }
        if (filter instanceof Filter.Not not) {
            return toSql(not.inner(), resolver).not();
        }
        if (filter instanceof Filter.Comparison comparison) {
            return fromResolver(resolver.comparison(comparison.path(), comparison.operator(), comparison.value()));
        }
        if (filter instanceof Filter.Present present) {
            return fromResolver(resolver.present(present.path()));
        }
        Filter.ValuePath valuePath = (Filter.ValuePath) filter;
        return fromResolver(resolver.valuePath(valuePath.path(), valuePath.inner()));
    }

    private static SqlFragment fromResolver(SqlFragment fragment) {
        return Objects.requireNonNull(fragment, "SqlFieldResolver returned null");
    }
}
