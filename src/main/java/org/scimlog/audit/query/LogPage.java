package org.scimlog.audit.query;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One page of events, each the stored jsonb text exactly as stored, and where the next page starts (empty
 * for the last page of a bounded request).
 */
record LogPage(List<String> events, @Nullable Cursor next) {

    LogPage {
        events = List.copyOf(events);
    }

    Optional<Cursor> nextCursor() {
        return Optional.ofNullable(next);
    }

    /** The response body: the stored events joined into a JSON array without parsing them again. */
    byte[] jsonArray() {
        return ("[" + String.join(",", events) + "]").getBytes(StandardCharsets.UTF_8);
    }
}
