package org.scimlog.directory;

import java.util.Optional;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlFragment;

/**
 * For searches over several resource types (POST /.search): a comparison on an attribute one type does not
 * have is false for that type instead of an error, so "userName sw "a" or displayName sw "a"" finds users
 * and groups alike. Syntax errors still fail when the filter is parsed.
 */
public final class AbsentAttributesMatchNothing implements ResourceSqlFields {

    private static final SqlFragment FALSE = SqlFragment.of("FALSE");

    private final ResourceSqlFields fields;

    public AbsentAttributesMatchNothing(ResourceSqlFields fields) {
        this.fields = fields;
    }

    @Override
    public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
        try {
            return fields.comparison(path, operator, value);
        } catch (FilterException e) {
            return FALSE;
        }
    }

    @Override
    public SqlFragment present(AttributePath path) {
        try {
            return fields.present(path);
        } catch (FilterException e) {
            return FALSE;
        }
    }

    @Override
    public SqlFragment valuePath(AttributePath path, Filter inner) {
        try {
            return fields.valuePath(path, inner);
        } catch (FilterException e) {
            return FALSE;
        }
    }

    @Override
    public Optional<String> sortExpression(AttributePath path) {
        return fields.sortExpression(path);
    }

    @Override
    public String resourceName() {
        return fields.resourceName();
    }
}
