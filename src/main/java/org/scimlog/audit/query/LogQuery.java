package org.scimlog.audit.query;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.scimlog.filter.SqlFragment;

/**
 * A validated request, in one of Okta's two request types. {@code conditions} holds filter and q as one
 * SQL condition ("TRUE" when neither is given).
 */
sealed interface LogQuery {

    SqlFragment conditions();

    int limit();

    /**
     * No until, ascending: every event, in commit order, with a next link on every page.
     *
     * @param publishedFrom      the lower bound on published: since (first page) or the retention horizon
     * @param after              where the previous page ended; null on a first page
     * @param cursorIfNothingNew what the next link carries when this page returns no event
     */
    record Polling(Instant publishedFrom, @Nullable Cursor.PollingPosition after, Cursor cursorIfNothingNew,
                   SqlFragment conditions, int limit) implements LogQuery {
    }

    /** until given, or descending: events with since <= published < until, ordered by (published, uuid). */
    record Bounded(Instant since, Instant until, SortOrder order, @Nullable Cursor.BoundedPosition after,
                   SqlFragment conditions, int limit) implements LogQuery {
    }
}
