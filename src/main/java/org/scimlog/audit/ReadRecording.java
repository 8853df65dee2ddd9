package org.scimlog.audit;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.util.Locale;

/**
 * Which reads the System Log records ({@code SCIMLOG_RECORD_READS}): {@code all} (the default: every lookup,
 * list and read by id, and every refused one), {@code failures} (only refused reads: a 404, a bad filter) or
 * {@code none}. Writes, refused writes and refused credentials are recorded whatever it says: it is an operator's
 * trade of "did Okta even look Ada up?" against the cost of an event per lookup. Read at start, so a value it
 * does not know stops the server there rather than at the first lookup.
 */
@Context
public class ReadRecording {

    /** The setting's values, in the order of how much they record. */
    public enum Mode { ALL, FAILURES, NONE }

    private final Mode mode;

    public ReadRecording(@Value("${scimlog.log.record-reads:all}") String setting) {
        this.mode = parse(setting);
    }

    static Mode parse(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> Mode.ALL;
            case "failures" -> Mode.FAILURES;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException(
                    "SCIMLOG_RECORD_READS (scimlog.log.record-reads) must be all, failures or none, not '" + setting + "'");
        };
    }

    public Mode mode() {
        return mode;
    }

    /** A lookup, list or read by id that answered 200. */
    public boolean recordsSuccessfulReads() {
        return mode == Mode.ALL;
    }

    /** A read the server refused (not found, bad filter, ...). */
    public boolean recordsRefusedReads() {
        return mode != Mode.NONE;
    }
}
