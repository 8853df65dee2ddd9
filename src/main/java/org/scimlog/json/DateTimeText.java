package org.scimlog.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/**
 * The one way scimlog writes an instant into its own JSON (log events, their debugData, health details,
 * the verify result): UTC with exactly three fraction digits, as Okta writes {@code published}
 * ({@code 2026-11-30T15:27:07.000Z}). {@link Instant#toString()} drops a zero fraction
 * ({@code 2026-11-30T15:27:07Z}) and writes six or nine digits for finer instants; strict SIEM parsers
 * configured with Okta's pattern reject both.
 *
 * <p>SCIM's {@code meta.created} and {@code meta.lastModified} use it too. RFC 7643 §2.3.5 (xsd:dateTime)
 * makes the fraction optional, so both spellings are valid there; but resources are stamped in whole
 * milliseconds, so three digits lose nothing (a client's {@code meta.lastModified gt "<value read>"} still
 * names the stored instant), and one spelling everywhere spares clients a parser that must accept both.
 */
public final class DateTimeText {

    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private DateTimeText() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; finer digits are truncated, never rounded up into the next millisecond. */
    public static String of(Instant instant) {
        return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
