package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Where one row sits in a list's order: its sort key as PostgreSQL prints it ({@code null} when the row has
 * no value, or when the list is not sorted by an attribute), then created_at and id, which are never null and
 * make the order total. Text, not Java types, so that a key of any type (text, uuid, boolean, timestamptz)
 * goes back into the comparison exactly as it came out.
 */
public record KeysetPosition(@Nullable String sortValue, String createdAt, UUID id) {

    public KeysetPosition {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }
}
