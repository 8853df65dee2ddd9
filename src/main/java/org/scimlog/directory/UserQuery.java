package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import org.scimlog.filter.SqlFragment;

/**
 * One page of a user search. {@code where} comes from {@link UserSqlFields} (parameterised); {@code orderBy}
 * is a trusted SQL expression from the same place. offset is 0-based; limit 0 asks only for the total.
 */
public record UserQuery(@Nullable SqlFragment where, @Nullable String orderBy, boolean descending, int offset, int limit) {
}
