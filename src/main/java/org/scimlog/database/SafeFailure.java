package org.scimlog.database;

import java.sql.SQLException;

/**
 * What may be said about a failure in a log line or a health detail. A database exception's message can
 * quote the statement and its parameter values (pgjdbc's "Batch entry 0 INSERT ... VALUES (...)", a
 * server message such as "invalid input syntax for type uuid: \"...\""), and those values may be a
 * user's data or a secret: so wherever a SQLException is in the cause chain, only the exception types and
 * the SQLState are told, never a message.
 */
public final class SafeFailure {

    private SafeFailure() {
    }

    /** For example {@code "BatchUpdateException (SQLState 22021)"} or {@code "IllegalStateException: no partition"}. */
    public static String describe(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql != null) {
            String state = sql.getSQLState() == null ? "none" : sql.getSQLState();
            return failure.getClass().getSimpleName()
                    + (sql == failure ? "" : " caused by " + sql.getClass().getSimpleName())
                    + " (SQLState " + state + ")";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    /** The first SQLException in the cause chain (its next exceptions included), or null. */
    public static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** The SQLState of the first SQLException in the cause chain that has one, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException() == e ? null : e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return e.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static String truncate(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
