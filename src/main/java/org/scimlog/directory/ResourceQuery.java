package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import org.scimlog.filter.SqlFragment;

/**
 * One page of a search (users or groups). {@code where} comes from a {@link ResourceSqlFields} (parameterised); {@code orderBy}
 * is a trusted SQL expression from the same place. offset is 0-based; limit 0 asks only for the total.
 * With a {@code keyset} the page is read by position instead of offset (see {@link KeysetPage}).
 */
public record ResourceQuery(@Nullable SqlFragment where, @Nullable String orderBy, boolean descending, int offset, int limit,
                            @Nullable Keyset keyset) {

    public ResourceQuery(@Nullable SqlFragment where, @Nullable String orderBy, boolean descending, int offset, int limit) {
        this(where, orderBy, descending, offset, limit, null);
    }

    /** The same query read by keyset (a cursor page) instead of offset. */
    public ResourceQuery byKeyset(Keyset keyset, int limit) {
        return new ResourceQuery(where, orderBy, descending, 0, limit, keyset);
    }
}
