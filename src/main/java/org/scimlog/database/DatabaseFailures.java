package org.scimlog.database;

import java.sql.SQLTransientConnectionException;

/**
 * Sorts database failures into those that say nothing about the request (the database is unreachable, is
 * restarting, or ran out of time) and the rest. The first kind is a 503 with Retry-After for a client and a
 * retry for a background job; only the rest can be blamed on what was being written.
 */
public final class DatabaseFailures {

    /** SQLState of a statement cancelled by statement_timeout (or by a cancel request). */
    public static final String QUERY_CANCELED = "57014";

    private DatabaseFailures() {
    }

    public enum Kind {
        /** No connection to the database, or it was lost: the pool timed out, the server is down or restarting. */
        UNAVAILABLE,
        /** The statement ran past its time limit (SQLSTATE 57014). */
        TIMED_OUT,
        /** Anything else: a constraint, bad data, a bug. */
        OTHER
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Hikari's "Connection is not available, request timed out after ..." when the pool cannot connect
            if (t instanceof SQLTransientConnectionException) {
                return Kind.UNAVAILABLE;
            }
        }
        String state = SafeFailure.sqlState(failure);
        if (state == null) {
            return SafeFailure.sqlCause(failure) == null ? Kind.OTHER : Kind.UNAVAILABLE;
        }
        if (state.equals(QUERY_CANCELED)) {
            return Kind.TIMED_OUT;
        }
        if (state.startsWith("08")              // connection exceptions (refused, reset, failure)
                || state.startsWith("57P")      // admin/crash shutdown, cannot connect now, database dropped
                || state.equals("53300")) {     // too many connections
            return Kind.UNAVAILABLE;
        }
        return Kind.OTHER;
    }

    /** True when the failure says nothing about the data: retrying the same work later can succeed. */
    public static boolean isTransient(Throwable failure) {
        return classify(failure) != Kind.OTHER;
    }
}
