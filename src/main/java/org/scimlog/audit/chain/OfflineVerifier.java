package org.scimlog.audit.chain;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.scimlog.audit.chain.OfflineVerification.Failure;
import org.scimlog.audit.chain.OfflineVerification.TenantResult;

/**
 * Proves, with nothing but the public key, that the events a source holds are exactly those the signed checkpoints
 * fixed: the chain is recomputed with {@link EventHash} over each tenant's events in commit order, and every link
 * must match the digest the checkpoint signed for its position, and every stretch must end in the signed head. A
 * rewrite of the database, however consistent, cannot produce signatures; so it shows here, at its first event.
 *
 * <p>Stretches of which a source holds no event, before its first event, are skipped (retention dropped them, or
 * the source was cut there: either way nothing is left to prove, and the report says from which position on the
 * proof holds). Every other stretch must hold exactly its signed events, and every checkpoint must join the one
 * before it. A source that retention cut inside a stretch is verified from the next one ({@code skipThrough}).
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    /**
     * @param skipThrough stretches ending at or before this chain position are not checked (0: none): for a source
     *                    that retention cut inside a stretch, which otherwise reads as events removed
     */
    public static OfflineVerification verify(Collection<Checkpoint> checkpoints, Collection<ExportedEvent> events,
                                             PublicKey key, long skipThrough) {
        Map<UUID, TreeMap<Long, Checkpoint>> byTenant = new LinkedHashMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (!CheckpointKeys.verifies(key, checkpoint)) {
                return new OfflineVerification("refused", List.of(), new Failure(checkpoint.tenantId(), null,
                        checkpoint.chainSeq(), null, "the checkpoint of links " + checkpoint.firstChainSeq() + ".."
                        + checkpoint.chainSeq() + " signed at " + checkpoint.signedAt()
                        + " does not verify with this public key"));
            }
            Checkpoint earlier = byTenant.computeIfAbsent(checkpoint.tenantId(), t -> new TreeMap<>())
                    .putIfAbsent(checkpoint.chainSeq(), checkpoint);
            if (earlier != null && !Arrays.equals(earlier.signedText(), checkpoint.signedText())
                    && !sameStretch(earlier, checkpoint)) {
                return broken(checkpoint.tenantId(), null, checkpoint.chainSeq(), null, "two signed checkpoints "
                        + "disagree about links up to " + checkpoint.chainSeq() + ": the chain was rewritten between "
                        + "the signing at " + earlier.signedAt() + " and the one at " + checkpoint.signedAt());
            }
        }
        Map<UUID, List<ExportedEvent>> eventsByTenant = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (ExportedEvent event : events) {
            if (seen.add(event.uuid())) { // at-least-once delivery: the first copy counts
                eventsByTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event);
            }
        }
        List<TenantResult> results = new ArrayList<>();
        for (Map.Entry<UUID, TreeMap<Long, Checkpoint>> tenant : byTenant.entrySet()) {
            List<ExportedEvent> ordered = new ArrayList<>(eventsByTenant.getOrDefault(tenant.getKey(), List.of()));
            ordered.sort(ExportedEvent.COMMIT_ORDER);
            Object outcome = verifyTenant(tenant.getKey(), new ArrayList<>(tenant.getValue().values()), ordered, skipThrough);
            if (outcome instanceof OfflineVerification failed) {
                return failed;
            }
            results.add((TenantResult) outcome);
        }
        return new OfflineVerification("intact", results, null);
    }

    /** Re-signed after a restart with the same content but another signing time: the same statement. */
    private static boolean sameStretch(Checkpoint a, Checkpoint b) {
        return a.firstChainSeq() == b.firstChainSeq() && Arrays.equals(a.prevHash(), b.prevHash())
                && Arrays.equals(a.headHash(), b.headHash()) && Arrays.equals(a.linkDigests(), b.linkDigests());
    }

    private static Object verifyTenant(UUID tenant, List<Checkpoint> checkpoints, List<ExportedEvent> events,
                                       long skipThrough) {
        int next = 0; // the first event not yet assigned to a stretch
        long before = 0;
        long verified = 0;
        long from = 0;
        long to = 0;
        Checkpoint previous = null;
        for (Checkpoint checkpoint : checkpoints) {
            int end = next;
            while (end < events.size() && events.get(end).atOrBefore(checkpoint)) {
                end++;
            }
            List<ExportedEvent> stretch = events.subList(next, end);
            if (previous != null && checkpoint.firstChainSeq() != previous.chainSeq() + 1) {
                return broken(tenant, null, previous.chainSeq() + 1, null, "no checkpoint covers links "
                        + (previous.chainSeq() + 1) + ".." + (checkpoint.firstChainSeq() - 1));
            }
            if (previous != null && !Arrays.equals(checkpoint.prevHash(), previous.headHash())) {
                return broken(tenant, null, checkpoint.firstChainSeq(), null, "the checkpoint signed at "
                        + checkpoint.signedAt() + " does not continue the one signed at " + previous.signedAt()
                        + ": the chain was rewritten between them");
            }
            boolean aged = verified == 0 && stretch.isEmpty() && end < events.size();
            if (checkpoint.chainSeq() <= skipThrough || aged) {
                // older than what the source holds (retention), or skipped on request
                before += stretch.size();
                previous = checkpoint;
                next = end;
                continue;
            }
            if (verified == 0 && previous == null && stretch.size() > checkpoint.events()) {
                // the source goes back further than the first checkpoint it came with
                int extra = (int) (stretch.size() - checkpoint.events());
                before += extra;
                stretch = stretch.subList(extra, stretch.size());
            }
            OfflineVerification failure = checkStretch(tenant, checkpoint, stretch, end < events.size() ? events.get(end) : null);
            if (failure != null) {
                return failure;
            }
            if (verified == 0) {
                from = checkpoint.firstChainSeq();
            }
            verified += checkpoint.events();
            to = checkpoint.chainSeq();
            previous = checkpoint;
            next = end;
        }
        return new TenantResult(tenant, checkpoints.size(), verified, from, to, before, events.size() - next);
    }

    /** Every link of the stretch against its signed digest, then the head; names the first event that differs. */
    private static OfflineVerification checkStretch(UUID tenant, Checkpoint checkpoint, List<ExportedEvent> stretch,
                                                    ExportedEvent following) {
        byte[] hash = checkpoint.prevHash();
        long signed = checkpoint.events();
        for (int k = 0; k < Math.max(stretch.size(), signed); k++) {
            long position = checkpoint.firstChainSeq() + k;
            if (k >= stretch.size()) {
                return broken(tenant, following == null ? null : following.uuid().toString(), position,
                        following == null ? null : following.where(), "the event at chain position " + position
                        + " was removed: the checkpoint signed at " + checkpoint.signedAt() + " covers " + signed
                        + " events up to this point, the source has " + stretch.size());
            }
            ExportedEvent event = stretch.get(k);
            if (k >= signed) {
                return broken(tenant, event.uuid().toString(), position, event.where(),
                        "the event was inserted: the signed chain has no link at this position");
            }
            hash = EventHash.next(hash, event.body());
            if (!Arrays.equals(Checkpoint.digest(hash), checkpoint.digestOf(position))) {
                String problem = stretch.size() > signed ? "the event was inserted: the signed chain has another event here"
                        : stretch.size() < signed ? "an event before this one was removed (the signed chain has "
                        + signed + " events in this stretch, the source " + stretch.size() + ")"
                        : "the event was changed: its content differs from what was signed";
                return broken(tenant, event.uuid().toString(), position, event.where(), problem);
            }
        }
        if (!Arrays.equals(hash, checkpoint.headHash())) {
            ExportedEvent last = stretch.get(stretch.size() - 1);
            return broken(tenant, last.uuid().toString(), checkpoint.chainSeq(), last.where(),
                    "the stretch does not end in the signed head hash");
        }
        return null;
    }

    private static OfflineVerification broken(UUID tenant, String uuid, long chainSeq, String where, String problem) {
        return new OfflineVerification("broken", List.of(), new Failure(tenant, uuid, chainSeq, where, problem));
    }
}
