package org.scimlog.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.scimlog.json.DateTimeText;

/**
 * A signed statement about one stretch of a tenant's hash chain: links {@code firstChainSeq..chainSeq} continue
 * from {@code prevHash} (the link before them, genesis before the first) and end in {@code headHash}, so each
 * checkpoint can be checked on its own and consecutive ones must join; the last of them is the event at commit position ({@code lastTxid}, {@code lastSeq}), so
 * events read elsewhere in commit order (a Kafka topic, an export) can be told which stretch they belong to.
 * {@code linkDigests} holds the first {@link #DIGEST_BYTES} bytes of every link's hash in the stretch: the head
 * alone proves that something changed, the digests say which event first differs. The signature covers
 * {@link #signedText()}, so any field changed after signing is refused.
 */
public record Checkpoint(UUID tenantId, long firstChainSeq, long chainSeq, byte[] prevHash, byte[] headHash, long lastTxid,
                         long lastSeq, Instant firstPublished, Instant lastPublished, Instant signedAt,
                         byte[] linkDigests, byte[] signature) {

    /** Enough to name the first differing event; the proof itself rests on the full head hash. */
    public static final int DIGEST_BYTES = 8;
    private static final String VERSION = "scimlog-checkpoint/1";

    public Checkpoint {
        firstPublished = firstPublished.truncatedTo(ChronoUnit.MILLIS);
        lastPublished = lastPublished.truncatedTo(ChronoUnit.MILLIS);
        signedAt = signedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public long events() {
        return chainSeq - firstChainSeq + 1;
    }

    /** The first bytes of link {@code chainSeq}'s hash, as signed. */
    public byte[] digestOf(long seq) {
        int from = (int) (seq - firstChainSeq) * DIGEST_BYTES;
        return Arrays.copyOfRange(linkDigests, from, from + DIGEST_BYTES);
    }

    public static byte[] digest(byte[] linkHash) {
        return Arrays.copyOf(linkHash, DIGEST_BYTES);
    }

    /** The exact bytes the signature covers: every field, one a line, in a fixed spelling. */
    public byte[] signedText() {
        String text = String.join("\n", VERSION, tenantId.toString(), Long.toString(firstChainSeq),
                Long.toString(chainSeq), HexFormat.of().formatHex(prevHash), HexFormat.of().formatHex(headHash), Long.toString(lastTxid),
                Long.toString(lastSeq), DateTimeText.of(firstPublished), DateTimeText.of(lastPublished),
                DateTimeText.of(signedAt), Base64.getEncoder().encodeToString(linkDigests));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public Checkpoint withSignature(byte[] signature) {
        return new Checkpoint(tenantId, firstChainSeq, chainSeq, prevHash, headHash, lastTxid, lastSeq, firstPublished,
                lastPublished, signedAt, linkDigests, signature);
    }

    /** The JSON served by GET /api/v1/logs/checkpoints and sent to the checkpoint topic. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("tenantId", tenantId.toString());
        node.put("firstChainSeq", firstChainSeq);
        node.put("chainSeq", chainSeq);
        node.put("prevHash", HexFormat.of().formatHex(prevHash));
        node.put("headHash", HexFormat.of().formatHex(headHash));
        node.put("lastTxid", lastTxid);
        node.put("lastSeq", lastSeq);
        node.put("firstPublished", DateTimeText.of(firstPublished));
        node.put("lastPublished", DateTimeText.of(lastPublished));
        node.put("signedAt", DateTimeText.of(signedAt));
        node.put("linkDigests", Base64.getEncoder().encodeToString(linkDigests));
        node.put("signature", Base64.getEncoder().encodeToString(signature));
        return node;
    }

    /** @throws IllegalArgumentException naming the field that is missing or malformed */
    public static Checkpoint fromJson(JsonNode node) {
        Checkpoint c = new Checkpoint(UUID.fromString(text(node, "tenantId")), number(node, "firstChainSeq"),
                number(node, "chainSeq"), hex(node, "prevHash"), hex(node, "headHash"), number(node, "lastTxid"), number(node, "lastSeq"),
                instant(node, "firstPublished"), instant(node, "lastPublished"), instant(node, "signedAt"),
                base64(node, "linkDigests"), base64(node, "signature"));
        if (c.firstChainSeq < 1 || c.chainSeq < c.firstChainSeq || c.headHash.length != 32 || c.prevHash.length != 32
                || c.linkDigests.length != c.events() * DIGEST_BYTES) {
            throw new IllegalArgumentException("inconsistent chain positions, head hash or link digests");
        }
        return c;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an integer");
        }
        return value.longValue();
    }

    private static byte[] hex(JsonNode node, String field) {
        try {
            return HexFormat.of().parseHex(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not hexadecimal");
        }
    }

    private static byte[] base64(JsonNode node, String field) {
        try {
            return Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not base64");
        }
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an RFC 3339 instant");
        }
    }
}
