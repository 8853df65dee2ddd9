package org.scimlog.database;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The background jobs' own time limit. Client requests run under the short statement timeout every session
 * starts with ({@link ConnectionSettings}); the sealer, retention, the keyword index merge, the backlog count
 * and the relay may legitimately take longer after an outage (a backlog of millions of events), so their
 * sessions get {@code scimlog.db.background-statement-timeout} ({@code SCIMLOG_DB_BACKGROUND_STATEMENT_TIMEOUT},
 * 5 min): still bounded, so a job stuck on a lock ends and retries instead of holding a connection forever.
 */
@Singleton
public class SessionLimits {

    private static final Executor DIRECT = Runnable::run;

    private final Duration background;

    public SessionLimits(@Value("${scimlog.db.background-statement-timeout:5m}") Duration background) {
        this.background = background;
    }

    /**
     * Raises the limits of {@code connection} for background work. In a transaction the statement timeout
     * ends with it ({@code SET LOCAL}); on a connection outside one it holds for the session, and
     * {@link #restore} must be called before the connection goes back to the pool. The pool resets the network
     * timeout itself.
     */
    public void forBackgroundWork(Connection connection) throws SQLException {
        connection.setNetworkTimeout(DIRECT, Math.toIntExact(background.plus(ConnectionSettings.SOCKET_MARGIN).toMillis()));
        try (Statement s = connection.createStatement()) {
            s.execute((connection.getAutoCommit() ? "SET" : "SET LOCAL") + " statement_timeout = " + background.toMillis());
        }
    }

    /** Back to the session's configured statement timeout (a connection outside a transaction only). */
    public void restore(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("RESET statement_timeout");
        }
    }
}
