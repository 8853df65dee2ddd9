package org.scimlog.audit.stream;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The right to be the one active relay: a session-level advisory lock held by a connection of its own for as
 * long as this instance relays. Unlike the sealer's per-transaction lock, it is held across the wait for
 * Kafka's acknowledgement without keeping a database transaction open meanwhile; and because the relay
 * saves its position over this same connection, an instance that has lost the lock (its session ended)
 * can no longer move the position either. When an instance dies, PostgreSQL ends its session and frees the
 * lock, and a standby takes over from the last saved position.
 */
public final class RelayLease implements AutoCloseable {

    /** Any constant unique among the advisory locks of this database; the sealer's is 7_340_001. */
    static final long LOCK_KEY = 7_340_002L;

    private final Connection connection;

    private RelayLease(Connection connection) {
        this.connection = connection;
    }

    /** The lease if no other session holds it; the connection is returned to the pool otherwise. */
    public static Optional<RelayLease> tryAcquire(DataSource dataSource) throws SQLException {
        // a plain pool connection, outside any transaction management: the lock belongs to this session
        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new RelayLease(connection));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The session holding the lock: the relay reads the log and saves its position through it (autocommit). */
    public Connection connection() {
        return connection;
    }

    /** Frees the lock before the connection goes back to the pool, where a session lock must not linger. */
    @Override
    public void close() {
        try (connection) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, LOCK_KEY);
                ps.execute();
            }
        } catch (SQLException e) {
            // the session is gone, and the lock with it; the pool discards the broken connection
        }
    }
}
