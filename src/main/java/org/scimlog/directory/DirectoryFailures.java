package org.scimlog.directory;

import io.micronaut.data.exceptions.DataAccessException;
import java.sql.SQLException;

/**
 * The one translation of a statement's failure, for reads and writes alike: the client-actionable ones became
 * {@link DirectoryException}s where they happened (a unique index, a deadlock retried to the end); whatever
 * is left is a data access failure that keeps its cause (so a lost database still answers 503, see
 * {@code database.DatabaseFailures}) and no message of the driver's, which can quote the statement's values.
 */
final class DirectoryFailures {

    private DirectoryFailures() {
    }

    static DataAccessException translate(SQLException e) {
        return new DataAccessException("database statement failed (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
