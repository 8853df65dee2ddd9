package org.scimlog.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scimlog.support.ScimServerTest;

/**
 * PostgreSQL aborts a transaction to break a deadlock (40P01) or for a serialization failure (40001); the
 * directory runs the write again, and answers a clean Contention (503) when it keeps failing. The aborts
 * here are real PostgreSQL errors with those SQLSTATEs, raised inside the transaction.
 */
@MicronautTest(transactional = false)
class WriteTransactionsTest extends ScimServerTest {

    @Inject
    WriteTransactions transactions;

    @Test
    void aDeadlockVictimIsRunAgainAndSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = transactions.executeWrite(status -> {
            if (attempts.incrementAndGet() == 1) {
                abort(status.getConnection(), "deadlock_detected");
            }
            return "written";
        });
        assertEquals("written", result);
        assertEquals(2, attempts.get());
    }

    @Test
    void aWriteThatKeepsFailingIsAContentionAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(DirectoryException.Contention.class, () -> transactions.executeWrite(status -> {
            attempts.incrementAndGet();
            abort(status.getConnection(), "serialization_failure");
            return null;
        }));
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        // translated like a failed read: a data access failure that keeps the statement's SQLException as cause
        io.micronaut.data.exceptions.DataAccessException failure = assertThrows(
                io.micronaut.data.exceptions.DataAccessException.class, () -> transactions.executeWrite(status -> {
            attempts.incrementAndGet();
            abort(status.getConnection(), "unique_violation");
            return null;
        }));
        assertEquals("23505", ((java.sql.SQLException) failure.getCause()).getSQLState());
        assertEquals(1, attempts.get());
    }

    private static void abort(java.sql.Connection c, String condition) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN RAISE EXCEPTION 'test abort' USING ERRCODE = '" + condition + "'; END $$");
        }
    }
}
