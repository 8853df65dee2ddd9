package org.scimlog.audit.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Binds a query's parameters in order, converting the few types JDBC does not take as they are. */
final class SqlParameters {

    private SqlParameters() {
    }

    static void bind(Connection connection, PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof SqlTextArray array) {
                statement.setArray(index++, connection.createArrayOf("text", array.values().toArray()));
            } else if (parameter instanceof Instant instant) {
                statement.setObject(index++, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                statement.setObject(index++, parameter);
            }
        }
    }
}
