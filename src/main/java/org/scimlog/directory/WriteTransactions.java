package org.scimlog.directory;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's write transactions. When PostgreSQL aborts one to break a deadlock (SQLSTATE 40P01) or
 * for a serialization failure (40001), nothing of it was committed and running it again is the right
 * answer: the callback computes its change from the rows it reads, so a second run sees the winner's work.
 * After {@value #ATTEMPTS} attempts the client gets a clean 503 instead of a 500.
 */
@Singleton
class WriteTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTransactions.class);
    private static final int ATTEMPTS = 3;
    private static final Set<String> RETRYABLE_STATES = Set.of("40P01", "40001");

    private final TransactionOperations<Connection> transactions;

    WriteTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    <R> R executeWrite(TransactionCallback<Connection, R> callback) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(callback);
            } catch (Exception e) {
                // the callback's SQLException comes through undeclared (rethrown as is), so Exception is caught
                String state = retryableState(e);
                if (state == null && e instanceof SQLException sql) {
                    throw DirectoryFailures.translate(sql);
                }
                if (state == null) {
                    throw WriteTransactions.<RuntimeException>unchanged(e);
                }
                if (attempt == ATTEMPTS) {
                    LOG.warn("write transaction aborted by PostgreSQL (SQLSTATE {}) {} times; giving up", state, ATTEMPTS);
                    throw new DirectoryException.Contention();
                }
                LOG.info("write transaction aborted by PostgreSQL (SQLSTATE {}); running it again", state);
            }
        }
    }

    /** Rethrows {@code e} as it is, checked or not: handlers further up match on its own type. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchanged(Exception e) throws E {
        throw (E) e;
    }

    /** The SQLSTATE if anything in the cause chain is a deadlock or serialization failure. */
    static String retryableState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
