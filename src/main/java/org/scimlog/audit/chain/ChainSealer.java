package org.scimlog.audit.chain;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.audit.retention.HoldingReader;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.AdvisoryLocks;
import org.scimlog.database.SessionLimits;

/**
 * Chains each committed event to the previous one of its tenant, in commit order. Sealing after commit,
 * rather than inside every write, keeps writers of one tenant from queueing on a single chain head.
 * One sealer runs at a time across instances (a transaction-scoped advisory lock); its seals, the chain
 * heads and its reading position commit together, so a crash repeats or loses nothing.
 */
@Singleton
public class ChainSealer implements HoldingReader {

    static final String READER = "chain-sealer";
    /** Any constant unique among the advisory locks of this database; this one is the sealer's. */
    private static final long LOCK_KEY = 7_340_001L;
    private static final int BATCH = 2000;

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader reader;
    private final BackgroundJobs jobs;
    private final SessionLimits limits;

    public ChainSealer(TransactionOperations<Connection> transactions, CommitOrderReader reader, BackgroundJobs jobs,
                       SessionLimits limits) {
        this.transactions = transactions;
        this.reader = reader;
        this.jobs = jobs;
        this.limits = limits;
    }

    @Scheduled(fixedDelay = "${scimlog.log.seal-interval:500ms}", initialDelay = "1s")
    void sealContinuously() {
        jobs.runRound(READER, () -> {
            while (sealBatch() == BATCH) {
                // keep going while there is a backlog
            }
        });
    }

    @Override
    public String readerName() {
        return READER;
    }

    @Override
    public String eventsBehindName() {
        return "unsealedEvents";
    }

    /** Seals up to one batch; returns how many events it sealed (0 when another instance holds the lock). */
    public int sealBatch() {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!AdvisoryLocks.tryTransactionLock(c, LOCK_KEY)) {
                return 0;
            }
            limits.forBackgroundWork(c);
            CommitOrderReader.Position position = reader.position(c, READER);
            List<CommittedEvent> events = reader.next(c, position, BATCH);
            if (events.isEmpty()) {
                return 0;
            }
            Map<UUID, Head> heads = new HashMap<>();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO log_seal (tenant_id, chain_seq, event_uuid, published, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (CommittedEvent event : events) {
                    Head head = heads.containsKey(event.tenantId()) ? heads.get(event.tenantId()) : head(c, event.tenantId());
                    byte[] hash = EventHash.next(head.hash(), event.body());
                    Head next = new Head(head.chainSeq() + 1, hash);
                    insert.setObject(1, event.tenantId());
                    insert.setLong(2, next.chainSeq());
                    insert.setObject(3, event.uuid());
                    insert.setTimestamp(4, Timestamp.from(event.published()));
                    insert.setBytes(5, head.hash());
                    insert.setBytes(6, hash);
                    insert.addBatch();
                    heads.put(event.tenantId(), next);
                }
                insert.executeBatch();
            }
            saveHeads(c, heads);
            CommittedEvent last = events.get(events.size() - 1);
            reader.save(c, READER, new CommitOrderReader.Position(last.txid(), last.seq()));
            return events.size();
        });
    }

    private record Head(long chainSeq, byte[] hash) {
    }

    private static Head head(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_seq, hash FROM log_chain_head WHERE tenant_id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, EventHash.GENESIS);
            }
        }
    }

    private static void saveHeads(Connection c, Map<UUID, Head> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO log_chain_head (tenant_id, chain_seq, hash) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash""")) {
            for (Map.Entry<UUID, Head> head : heads.entrySet()) {
                ps.setObject(1, head.getKey());
                ps.setLong(2, head.getValue().chainSeq());
                ps.setBytes(3, head.getValue().hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
