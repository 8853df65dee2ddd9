package org.scimlog.audit.query;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The since and until parameters, and the microsecond instants cursors carry. PostgreSQL keeps
 * microseconds, so instants are truncated to them here; a cursor then names exactly the stored value.
 */
public final class Timestamps {

    /** RFC 3339: an offset is required ("Z" or "+hh:mm"), since a local time would depend on the server zone. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();

    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** Four-digit years only: the parser accepts years PostgreSQL cannot store, which would fail as a 500. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /** An RFC 3339 date-time PostgreSQL can hold (years 1 to 9999), or empty. */
    public static Optional<Instant> parse(String text) {
        try {
            Instant instant = RFC_3339.parse(text, Instant::from).truncatedTo(ChronoUnit.MICROS);
            return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeParseException notRfc3339) {
            return Optional.empty();
        }
    }

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000L);
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}
