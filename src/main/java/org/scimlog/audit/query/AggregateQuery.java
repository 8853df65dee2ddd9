package org.scimlog.audit.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scimlog.filter.SqlFragment;

/**
 * A validated aggregate request: the window [since, until), filter and q as one condition on log_event, and
 * the same condition on the rollup's columns when the rollup can answer it (no q, a filter naming only
 * eventType, severity, outcome.result and actor.id).
 */
record AggregateQuery(Instant since, Instant until, SqlFragment conditions, Optional<SqlFragment> rollupConditions) {

    /** Interval lengths in minutes; the shortest giving at most {@link #MAX_BUCKETS} buckets is chosen. */
    private static final List<Integer> INTERVAL_MINUTES = List.of(1, 5, 15, 30, 60, 180, 360, 720, 1440);
    static final int MAX_BUCKETS = 200;

    Duration interval() {
        long minutes = Math.max(1, Duration.between(since, until).toMinutes());
        for (int candidate : INTERVAL_MINUTES) {
            if (minutes <= (long) candidate * MAX_BUCKETS) {
                return Duration.ofMinutes(candidate);
            }
        }
        return Duration.ofMinutes(INTERVAL_MINUTES.get(INTERVAL_MINUTES.size() - 1));
    }

    /** The start of the first bucket: since rounded down to the interval, counted from the epoch in UTC. */
    Instant firstBucket() {
        long seconds = interval().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(since.getEpochSecond(), seconds) * seconds);
    }
}
