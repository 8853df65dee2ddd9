package org.scimlog.audit.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A day past retention that is kept because {@code heldBy} readers have not passed all of its events.
 *
 * @param heldSince  when the day fell out of the window (the same on every instance and across restarts)
 * @param forcedFrom when the hard limit ends the hold and the day is dropped anyway
 */
public record RetentionHold(LocalDate day, String partition, List<String> heldBy, Instant heldSince, Instant forcedFrom) {

    public RetentionHold {
        heldBy = List.copyOf(heldBy);
    }
}
