package org.scimlog.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One background job at a time across instances: a transaction-scoped advisory lock, released at commit or
 * rollback, so a crashed instance never leaves it held. Keys in use: sealer 7_340_001, relay 7_340_002, retention
 * 7_340_003, rollup 7_340_012, checkpoint signer 7_340_021.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** True when this transaction now holds {@code key}; false when another session does. */
    public static boolean tryTransactionLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
