package org.scimlog.audit.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes {@code after} strictly: anything that is not exactly a cursor this server issued is a 400,
 * never a 500 from a bad cast further down. Numbers are bounded by their digit count so they always fit
 * a long and a PostgreSQL timestamp.
 */
final class Cursors {

    private static final int MAX_ENCODED_LENGTH = 200;
    private static final Pattern POLLING_POSITION = Pattern.compile("p1:(\\d{1,18}):(\\d{1,18})");
    private static final Pattern POLLING_START = Pattern.compile("p1:since:(\\d{1,18})");
    private static final Pattern BOUNDED_POSITION = Pattern.compile(
            "b1:(\\d{1,18}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private Cursors() {
    }

    static Cursor decode(String encoded) {
        String text = decodedText(encoded);
        Matcher polling = POLLING_POSITION.matcher(text);
        if (polling.matches()) {
            return new Cursor.PollingPosition(Long.parseLong(polling.group(1)), Long.parseLong(polling.group(2)));
        }
        Matcher start = POLLING_START.matcher(text);
        if (start.matches()) {
            return new Cursor.PollingStart(Timestamps.fromMicros(Long.parseLong(start.group(1))));
        }
        Matcher bounded = BOUNDED_POSITION.matcher(text);
        if (bounded.matches()) {
            return new Cursor.BoundedPosition(Timestamps.fromMicros(Long.parseLong(bounded.group(1))),
                    UUID.fromString(bounded.group(2)));
        }
        throw invalid();
    }

    private static String decodedText(String encoded) {
        if (encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
    }

    static LogQueryException invalid() {
        return LogQueryException.invalidParameter(LogQueryParameters.AFTER,
                "is not a cursor from a next link of this request; follow the Link header rel=\"next\" as returned.");
    }
}
