package org.scimlog.directory;

import java.util.Optional;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;

/** SCIM filters and sortBy of one resource type, as SQL over that type's table. */
public interface ResourceSqlFields extends SqlFieldResolver {

    /** The WHERE fragment for a parsed SCIM filter. */
    default SqlFragment where(Filter filter) {
        return FilterSql.toSql(filter, this);
    }

    /** A sort key for sortBy, or empty when the path names no sortable attribute. */
    Optional<String> sortExpression(AttributePath path);

    /** The resource type's name, for error messages ("User", "Group"). */
    String resourceName();
}
