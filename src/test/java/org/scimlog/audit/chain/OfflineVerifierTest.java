package org.scimlog.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.json.JsonbText;

/** The verifier's rules that need no database: spellings, conflicting signatures, what lies outside checkpoints. */
class OfflineVerifierTest {

    private static final KeyPair KEY = CheckpointKeys.generate();
    private final UUID tenant = UUID.randomUUID();

    private ExportedEvent event(int n, String extra) throws Exception {
        String uuid = UUID.randomUUID().toString();
        String body = JsonbText.of(JsonbText.read("{\"uuid\":\"" + uuid + "\",\"n\":" + n + ",\"amount\":1.50" + extra + "}"));
        return new ExportedEvent(tenant, UUID.fromString(uuid), 100 + n, n, body, "line " + n);
    }

    /** Signs links from..to of {@code events} (1-based chain positions), continuing from {@code prev}. */
    private static Checkpoint sign(List<ExportedEvent> events, int from, int to, byte[] prev) {
        byte[] hash = prev;
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        for (int i = from; i <= to; i++) {
            hash = EventHash.next(hash, events.get(i - 1).body());
            digests.writeBytes(Checkpoint.digest(hash));
        }
        ExportedEvent last = events.get(to - 1);
        Checkpoint c = new Checkpoint(last.tenantId(), from, to, prev, hash, last.txid(), last.seq(), Instant.now(),
                Instant.now(), Instant.now(), digests.toByteArray(), new byte[0]);
        return c.withSignature(CheckpointKeys.sign(KEY.getPrivate(), c.signedText()));
    }

    @Test
    void anExportSpelledAnotherWayVerifiesAndLaterEventsAreCountedNotProven() throws Exception {
        List<ExportedEvent> events = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            events.add(event(n, ""));
        }
        Checkpoint first = sign(events, 1, 3, EventHash.GENESIS);
        Checkpoint second = sign(events, 4, 5, first.headHash());
        // the way a browser's JSON.stringify writes it: other key order, no spaces; read through an export line
        List<ExportedEvent> respelled = new ArrayList<>();
        for (ExportedEvent e : events) {
            String browser = "{\"n\":" + e.seq() + ",\"amount\":1.50,\"uuid\":\"" + e.uuid() + "\"}";
            respelled.add(ExportLines.event(ExportLines.line(tenant, e.txid(), e.seq(), browser), e.where()));
        }
        OfflineVerification v = OfflineVerifier.verify(List.of(second, first, first), respelled, KEY.getPublic(), 0);
        assertTrue(v.intact(), v::toJson);
        assertEquals(5, v.tenants().get(0).verifiedEvents());
        assertEquals(1, v.tenants().get(0).eventsAfterLastCheckpoint(), "event 6 is not covered yet");
    }

    @Test
    void twoSignedCheckpointsThatDisagreeMeanTheChainWasRewrittenBetweenThem() throws Exception {
        List<ExportedEvent> events = new ArrayList<>(List.of(event(1, ""), event(2, ""), event(3, "")));
        Checkpoint original = sign(events, 1, 3, EventHash.GENESIS);
        // the database's checkpoint rows deleted and the rewritten chain signed again: Kafka still has the first
        events.set(1, event(2, ",\"rewritten\":true"));
        Checkpoint resigned = sign(events, 1, 3, EventHash.GENESIS);
        OfflineVerification v = OfflineVerifier.verify(List.of(original, resigned), events, KEY.getPublic(), 0);
        assertEquals("broken", v.result(), v::toJson);
        assertTrue(v.failure().problem().contains("disagree"), v::toJson);
    }

    @Test
    void aCheckpointThatDoesNotJoinThePreviousOneIsABreak() throws Exception {
        List<ExportedEvent> events = new ArrayList<>(List.of(event(1, ""), event(2, ""), event(3, ""), event(4, "")));
        Checkpoint first = sign(events, 1, 2, EventHash.GENESIS);
        Checkpoint unjoined = sign(events, 3, 4, new byte[32]); // continues from a head that was never signed
        OfflineVerification v = OfflineVerifier.verify(List.of(first, unjoined), events, KEY.getPublic(), 0);
        assertEquals("broken", v.result(), v::toJson);
        assertTrue(v.failure().problem().contains("does not continue"), v::toJson);
        Checkpoint later = sign(events, 4, 4, first.headHash());
        OfflineVerification gap = OfflineVerifier.verify(List.of(first, later), events, KEY.getPublic(), 0);
        assertTrue(gap.failure().problem().contains("no checkpoint covers links 3..3"), gap::toJson);
    }
}
