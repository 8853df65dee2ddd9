package org.scimlog.audit.chain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.scimlog.json.JsonCodec;
import org.scimlog.json.JsonbText;

/**
 * The verifier's file formats. An event export is NDJSON, one event a line with where it stands in commit order:
 * {@code {"tenantId": ..., "txid": ..., "seq": ..., "event": <the event as GET /api/v1/logs returns it>}}; the
 * event may be spelled any way (it is hashed in jsonb's canonical text, {@link JsonbText}). Checkpoints are what
 * GET /api/v1/logs/checkpoints answers (a JSON array), pages of it one a line, or one checkpoint a line.
 */
public final class ExportLines {

    private static final JsonCodec JSON = new JsonCodec();

    private ExportLines() {
    }

    /** An export line; {@code body} is the stored jsonb text and goes in as it is. */
    public static String line(UUID tenantId, long txid, long seq, String body) {
        return "{\"tenantId\":\"" + tenantId + "\",\"txid\":" + txid + ",\"seq\":" + seq + ",\"event\":" + body + "}";
    }

    /** @throws IllegalArgumentException saying what is wrong with the line (never its content) */
    public static ExportedEvent event(String line, String where) {
        JsonNode node;
        try {
            node = JsonbText.read(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not JSON");
        }
        JsonNode event = node.path("event");
        if (!event.isObject() || !node.path("txid").canConvertToLong() || !node.path("seq").canConvertToLong()) {
            throw new IllegalArgumentException(where + ": an export line needs tenantId, txid, seq and event");
        }
        return new ExportedEvent(uuid(node.path("tenantId"), where), uuid(event.path("uuid"), where),
                node.path("txid").longValue(), node.path("seq").longValue(), JsonbText.of(event), where);
    }

    /** Every checkpoint in a file of the forms above. */
    public static List<Checkpoint> checkpoints(List<String> lines, String source) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        String whole = String.join("\n", lines).strip();
        if (whole.startsWith("[") && !whole.contains("]\n[")) {
            addAll(read(whole, source), source, checkpoints);
            return checkpoints;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                addAll(read(lines.get(i), source + " line " + (i + 1)), source + " line " + (i + 1), checkpoints);
            }
        }
        return checkpoints;
    }

    /** One checkpoint as the topic carries it. */
    public static Checkpoint checkpoint(String json, String where) {
        JsonNode node = read(json, where);
        try {
            return Checkpoint.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not a checkpoint: " + e.getMessage());
        }
    }

    private static void addAll(JsonNode node, String where, List<Checkpoint> into) {
        for (JsonNode element : node.isArray() ? node : List.of(node)) {
            try {
                into.add(Checkpoint.fromJson(element));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": not a checkpoint: " + e.getMessage());
            }
        }
    }

    private static JsonNode read(String json, String where) {
        try {
            return JSON.read(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not JSON");
        }
    }

    private static UUID uuid(JsonNode node, String where) {
        try {
            return UUID.fromString(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": tenantId and event.uuid must be UUIDs");
        }
    }
}
