package org.scimlog.scim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * SCIM documents as Jackson trees: the schema, not Java classes, decides their shape. Parsing is strict
 * (duplicate members, trailing tokens and absurd nesting are syntax errors) and its errors say where the
 * document broke without echoing it back.
 */
@Singleton
public class ScimJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public ScimJson() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(1_000_000)
                .build());
    }

    /** The request body as a JSON object, or a 400 invalidSyntax that says what is wrong. */
    public ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body is empty; a JSON object is required.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body is not valid JSON" + where(e) + ".");
        } catch (IOException e) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** Reads a document this server wrote itself (from the database). */
    public ObjectNode readStored(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SCIM document is not valid JSON", e);
        }
    }

    public byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public String writeString(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    private static String where(JacksonException e) {
        JsonLocation location = e.getLocation();
        String problem = e.getOriginalMessage();
        String reason = problem == null ? "" : ": " + firstLine(problem);
        if (location == null || location.getLineNr() < 1) {
            return reason;
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr() + reason;
    }

    private static String firstLine(String message) {
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
