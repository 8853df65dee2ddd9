package org.scimlog.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Binds a statement's parameters in one place, in the order they appear: {@link Instant}s as timestamps,
 * {@link Untyped} values as text of no declared type, the rest as the driver maps them (a null as a value of the type PostgreSQL infers from its place).
 */
public final class Statements {

    private Statements() {
    }

    /** A prepared statement with every parameter bound; the caller closes it. */
    public static PreparedStatement prepare(Connection c, String sql, List<?> parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(ps, 1, parameters);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        return prepare(c, sql, Arrays.asList(parameters));
    }

    /** A value PostgreSQL reads as the type of what it is compared with: bound untyped, as text. */
    public record Untyped(String text) {
    }

    /** Binds {@code parameters} from position {@code first}; returns the next free position. */
    public static int bind(PreparedStatement ps, int first, List<?> parameters) throws SQLException {
        int i = first;
        for (Object parameter : parameters) {
            if (parameter instanceof Untyped untyped) {
                ps.setObject(i++, untyped.text(), Types.OTHER);
            } else {
                ps.setObject(i++, parameter instanceof Instant instant ? Timestamp.from(instant) : parameter);
            }
        }
        return i;
    }
}
