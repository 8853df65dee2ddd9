package org.scimlog.filter;

import java.util.Objects;

/** Translates a filter into one parameterised SQL condition; leaves are delegated to the resolver. */
public final class FilterSql implements Filter.Visitor<SqlFragment> {

    private final SqlFieldResolver resolver;

    private FilterSql(SqlFieldResolver resolver) {
        this.resolver = resolver;
    }

    public static SqlFragment toSql(Filter filter, SqlFieldResolver resolver) {
        Objects.requireNonNull(filter, "filter");
        return filter.accept(new FilterSql(Objects.requireNonNull(resolver, "resolver")));
    }

    @Override
    public SqlFragment and(Filter.And and) {
        return and.left().accept(this).and(and.right().accept(this));
    }

    @Override
    public SqlFragment or(Filter.Or or) {
        return or.left().accept(this).or(or.right().accept(this));
    }

    @Override
    public SqlFragment not(Filter.Not not) {
        return not.inner().accept(this).not();
    }

    @Override
    public SqlFragment comparison(Filter.Comparison comparison) {
        return fromResolver(resolver.comparison(comparison.path(), comparison.operator(), comparison.value()));
    }

    @Override
    public SqlFragment present(Filter.Present present) {
        return fromResolver(resolver.present(present.path()));
    }

    @Override
    public SqlFragment valuePath(Filter.ValuePath valuePath) {
        return fromResolver(resolver.valuePath(valuePath.path(), valuePath.inner()));
    }

    private static SqlFragment fromResolver(SqlFragment fragment) {
        return Objects.requireNonNull(fragment, "SqlFieldResolver returned null");
    }
}
