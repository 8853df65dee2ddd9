package org.scimlog.audit.chain;

import java.util.Comparator;
import java.util.UUID;

/**
 * A log event as found outside the database (an export line, a Kafka record): its tenant and commit position say
 * where in the tenant's chain it claims to be, {@code body} is its canonical text (what the chain hashes), and
 * {@code where} names it in its source ("line 12", "partition 2 offset 40") for the report. Nothing here is
 * trusted: the verifier checks it all against signed checkpoints.
 */
public record ExportedEvent(UUID tenantId, UUID uuid, long txid, long seq, String body, String where) {

    /** Commit order; the uuid only breaks ties a forger might create. */
    static final Comparator<ExportedEvent> COMMIT_ORDER = Comparator.comparingLong(ExportedEvent::txid)
            .thenComparingLong(ExportedEvent::seq).thenComparing(ExportedEvent::uuid);

    boolean atOrBefore(Checkpoint checkpoint) {
        return txid < checkpoint.lastTxid() || (txid == checkpoint.lastTxid() && seq <= checkpoint.lastSeq());
    }
}
