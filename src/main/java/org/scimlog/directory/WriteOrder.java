package org.scimlog.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Makes the writes to one resource take transaction ids in the order they happen. Readers of the log in
 * commit order (the Kafka relay) order events by transaction id; a row lock alone does not give that
 * order, because a waiting transaction takes its id when it starts to wait, and waiters are not woken
 * first-come first-served. A transaction-scoped advisory lock takes no transaction id, so the id is
 * taken only afterwards, by the row lock, once every earlier writer of the resource has committed.
 */
final class WriteOrder {

    private WriteOrder() {
    }

    /** Call first in a write transaction, before anything that writes or locks rows. */
    static void serialise(Connection c, UUID tenantId, UUID resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, tenantId + ":" + resourceId);
            ps.execute();
        }
    }
}
