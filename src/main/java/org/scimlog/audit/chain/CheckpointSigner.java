package org.scimlog.audit.chain;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.SafeFailure;
import org.scimlog.database.AdvisoryLocks;
import org.scimlog.database.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs, at a fixed interval and on shutdown, a {@link Checkpoint} for every tenant whose chain grew since its
 * last one, with an Ed25519 key the database never holds. Whoever can write the database can rewrite events
 * and recompute the whole chain consistently, but cannot sign; so the chain as of each checkpoint is fixed
 * outside the database (the checkpoint topic, a copy an auditor keeps), and the offline verifier needs only
 * the public key. What the sealer has sealed since the last checkpoint is not covered yet: an interval is the
 * window in which a rewrite goes unnoticed.
 *
 * <p>One signer at a time across instances (a transaction-scoped advisory lock, like the sealer's); a stretch
 * holds at most {@code max-events} links, so a checkpoint (with a digest per link) stays small.
 */
@Singleton
public class CheckpointSigner {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSigner.class);
    private static final String JOB = "checkpoint-signer";
    /** Any constant unique among the advisory locks of this database (sealer 7_340_001, relay 7_340_002, ...). */
    private static final long LOCK_KEY = 7_340_021L;

    private final TransactionOperations<Connection> transactions;
    private final SigningKey key;
    private final ChainSealer sealer;
    private final BackgroundJobs jobs;
    private final SessionLimits limits;
    private final int maxEvents;

    public CheckpointSigner(TransactionOperations<Connection> transactions, SigningKey key, ChainSealer sealer,
                            BackgroundJobs jobs, SessionLimits limits,
                            @Value("${scimlog.log.checkpoint.max-events:10000}") int maxEvents) {
        this.transactions = transactions;
        this.key = key;
        this.sealer = sealer;
        this.jobs = jobs;
        this.limits = limits;
        this.maxEvents = Math.max(1, maxEvents);
    }

    @Scheduled(fixedDelay = "${scimlog.log.checkpoint.interval:60s}", initialDelay = "${scimlog.log.checkpoint.interval:60s}")
    void signPeriodically() {
        if (key.configured()) {
            jobs.runRound(JOB, this::signNow);
        }
    }

    /** On shutdown: seal what has committed and sign it, so a clean stop leaves nothing uncovered. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        if (!key.configured()) {
            return;
        }
        try {
            while (sealer.sealBatch() > 0) {
                // seal the backlog first
            }
            signNow();
        } catch (Exception e) { // SQLExceptions come through unchecked
            LOG.warn("no checkpoint signed on shutdown: {}", SafeFailure.describe(e));
        }
    }

    /** Signs a checkpoint for every tenant whose sealed chain is ahead of its last one; returns them. */
    public List<Checkpoint> signNow() {
        if (!key.configured()) {
            return List.of();
        }
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!AdvisoryLocks.tryTransactionLock(c, LOCK_KEY)) {
                return List.of();
            }
            limits.forBackgroundWork(c);
            List<Checkpoint> signed = new ArrayList<>();
            Instant now = Instant.now();
            for (Behind tenant : tenantsBehind(c)) {
                long last = tenant.lastCheckpointed();
                while (last < tenant.head()) {
                    Optional<Checkpoint> next = stretch(c, tenant.tenantId(), last + 1, Math.min(tenant.head(), last + maxEvents), now);
                    if (next.isEmpty()) {
                        break;
                    }
                    Checkpoint checkpoint = next.get().withSignature(key.sign(next.get().signedText()));
                    insert(c, checkpoint);
                    signed.add(checkpoint);
                    last = checkpoint.chainSeq();
                }
            }
            return signed;
        });
    }

    private record Behind(UUID tenantId, long head, long lastCheckpointed) {
    }

    private static List<Behind> tenantsBehind(Connection c) throws SQLException {
        List<Behind> behind = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.tenant_id, h.chain_seq,
                       coalesce((SELECT k.chain_seq FROM log_checkpoint k WHERE k.tenant_id = h.tenant_id
                                  ORDER BY k.chain_seq DESC LIMIT 1), 0)
                  FROM log_chain_head h""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(2) > rs.getLong(3)) {
                    behind.add(new Behind(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return behind;
    }

    /**
     * Links {@code from..to} as sealed, or the part of them retention kept (a stretch begins at the first seal
     * left); empty when their events cannot be found (then the next round tries again).
     */
    private static Optional<Checkpoint> stretch(Connection c, UUID tenantId, long from, long to, Instant now) throws SQLException {
        long first = -1;
        long expected = from;
        byte[] prevHash = null;
        byte[] headHash = null;
        Instant firstPublished = null;
        Instant lastPublished = null;
        UUID lastEvent = null;
        java.io.ByteArrayOutputStream digests = new java.io.ByteArrayOutputStream();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT chain_seq, prev_hash, hash, published, event_uuid FROM log_seal
                 WHERE tenant_id = ? AND chain_seq BETWEEN ? AND ? ORDER BY chain_seq""")) {
            ps.setObject(1, tenantId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (first < 0) {
                        first = seq;
                        prevHash = rs.getBytes(2);
                        firstPublished = rs.getTimestamp(4).toInstant();
                    } else if (seq != expected) {
                        break; // a hole in the seals: stop before it, the verifier reports what is not covered
                    }
                    expected = seq + 1;
                    headHash = rs.getBytes(3);
                    digests.writeBytes(Checkpoint.digest(headHash));
                    lastPublished = rs.getTimestamp(4).toInstant();
                    lastEvent = rs.getObject(5, UUID.class);
                }
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        long[] position = commitPosition(c, lastEvent, lastPublished);
        if (position == null) {
            LOG.warn("the last sealed event of a tenant's chain is missing; its checkpoint waits");
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(tenantId, first, expected - 1, prevHash, headHash, position[0], position[1],
                firstPublished, lastPublished, now, digests.toByteArray(), new byte[0]));
    }

    private static long[] commitPosition(Connection c, UUID event, Instant published) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT txid::text::bigint, seq FROM log_event WHERE uuid = ? AND published = ?")) {
            ps.setObject(1, event);
            ps.setTimestamp(2, Timestamp.from(published));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    private static void insert(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO log_checkpoint (tenant_id, first_chain_seq, chain_seq, body, signed_at) VALUES (?, ?, ?, ?, ?)""")) {
            ps.setObject(1, checkpoint.tenantId());
            ps.setLong(2, checkpoint.firstChainSeq());
            ps.setLong(3, checkpoint.chainSeq());
            ps.setString(4, checkpoint.toJson().toString());
            ps.setTimestamp(5, Timestamp.from(checkpoint.signedAt()));
            ps.executeUpdate();
        }
    }
}
