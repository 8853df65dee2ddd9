package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import org.scimlog.filter.SqlFragment;

/**
 * One page of a search (users or groups). {@code where} comes from a {@link ResourceSqlFields} (parameterised); {@code orderBy}
 * is a trusted SQL expression from the same place. offset is 0-based; limit 0 asks only for the total.
 */
public record ResourceQuery(@Nullable SqlFragment where, @Nullable String orderBy, boolean descending, int offset, int limit) {
}
