package org.scimlog.audit.chain;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.scimlog.database.SessionLimits;

/**
 * Writes a tenant's events as they are stored now, in commit order (the order of its chain), as the offline
 * verifier's NDJSON ({@link ExportLines}). Nothing of the chain is exported: the verifier recomputes it.
 */
@Singleton
public class ChainExport {

    private static final int CHUNK = 5000;

    private final TransactionOperations<Connection> transactions;
    private final SessionLimits limits;

    public ChainExport(TransactionOperations<Connection> transactions, SessionLimits limits) {
        this.transactions = transactions;
        this.limits = limits;
    }

    /** Returns how many events were written. */
    public long export(UUID tenantId, Writer out) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            limits.forBackgroundWork(c);
            long written = 0;
            String txid = "0";
            long seq = 0;
            int read;
            // keyset chunks through (tenant_id, txid, seq): bounded memory and work per statement whatever the size
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT txid::text, seq, body::text FROM log_event
                     WHERE tenant_id = ? AND (txid, seq) > (?::text::xid8, ?)
                     ORDER BY txid, seq LIMIT ?""")) {
                do {
                    read = 0;
                    ps.setObject(1, tenantId);
                    ps.setString(2, txid);
                    ps.setLong(3, seq);
                    ps.setInt(4, CHUNK);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            txid = rs.getString(1);
                            seq = rs.getLong(2);
                            out.write(ExportLines.line(tenantId, Long.parseLong(txid), seq, rs.getString(3)));
                            out.write('\n');
                            read++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written += read;
                } while (read == CHUNK);
            }
            return written;
        });
    }
}
