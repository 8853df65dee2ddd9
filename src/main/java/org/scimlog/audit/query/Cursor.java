package org.scimlog.audit.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code after} value: base64url of a short versioned text. Okta tells clients not to craft
 * cursors, so the text is ours to change; the version prefix lets a later format coexist with links
 * clients have already stored. Decoding is {@link Cursors#decode}.
 */
sealed interface Cursor {

    /** The text inside the base64url, e.g. "p1:7345:12". */
    String text();

    default String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text().getBytes(StandardCharsets.UTF_8));
    }

    /** Polling: every row at or before this commit-order position has been returned. */
    record PollingPosition(long txid, long seq) implements Cursor {
        @Override
        public String text() {
            return "p1:" + txid + ":" + seq;
        }
    }

    /**
     * Polling before any row was returned: "start at this since". It keeps the since of the first request,
     * so a poller whose first pages are empty keeps the lower bound it began with instead of one recomputed
     * from a later "now".
     */
    record PollingStart(Instant since) implements Cursor {
        @Override
        public String text() {
            return "p1:since:" + Timestamps.toMicros(since);
        }
    }

    /** Bounded: the (published, uuid) of the last row returned; the next page continues after it in sort order. */
    record BoundedPosition(Instant published, UUID uuid) implements Cursor {
        @Override
        public String text() {
            return "b1:" + Timestamps.toMicros(published) + ":" + uuid;
        }
    }
}
