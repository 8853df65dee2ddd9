package org.scimlog.filter;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * RFC 3339 date-times as used by SCIM (meta.lastModified) and the System Log (published). An offset
 * is required: without one the instant is ambiguous and comparisons would depend on the server zone.
 */
final class DateTimes {

    private DateTimes() {
    }

    /** Shortest RFC 3339 form: 2024-01-01T00:00:00Z. */
    private static final int MIN_LENGTH = 20;

    static Optional<OffsetDateTime> parse(String text) {
        // Cheap shape check first: the evaluator calls this for every string it compares.
        if (text.length() < MIN_LENGTH || text.charAt(4) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notADateTime) {
            return Optional.empty();
        }
    }
}
