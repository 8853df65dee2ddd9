package org.scimlog.directory;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs reads on a pooled connection without a transaction of their own (on the caller's, if it has one).
 * Under READ COMMITTED every statement sees its own snapshot either way, so BEGIN and COMMIT around a
 * lookup would add a round trip to each of Okta's lookups and buy nothing.
 */
@Singleton
public class ReadConnections {

    /** A read on a connection. */
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;

    ReadConnections(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public <T> T read(Read<T> read) {
        return connections.executeRead(status -> {
            try {
                return read.apply(status.getConnection());
            } catch (SQLException e) {
                throw DirectoryFailures.translate(e);
            }
        });
    }
}
