package org.scimlog.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * The one JSON reader and writer of scimlog's own trees: SCIM documents (requests and stored), log events,
 * schema declarations. One configuration means a decimal reads back as it was written (a BigDecimal, never a
 * double), so a stored document equals the request that produced it. Reading is strict: duplicate members,
 * trailing tokens, NaN and absurd nesting are errors.
 */
@Singleton
public class JsonCodec {

    /** Deeper than any SCIM document needs; bounds the work a hostile body can cause. */
    public static final int MAX_NESTING_DEPTH = 32;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public JsonCodec() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(1_000_000)
                .build());
    }

    /** Untrusted bytes; the caller turns a {@link JacksonException} into its API's error. */
    public JsonNode read(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    /** Untrusted text, e.g. a file an operator wrote. */
    public JsonNode read(String json) throws JacksonException {
        return mapper.readTree(json);
    }

    /** A document this server wrote itself (from the database): failing to read it is a fault, not bad input. */
    public ObjectNode readStored(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON document is not valid JSON", e);
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

    /**
     * Writes an object member by member; {@code knownText} may give a member value's JSON text, already
     * written (or null to write the value here), so parts that many documents share are serialised once.
     */
    public String writeObject(ObjectNode node, Function<JsonNode, String> knownText) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            generator.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> members = node.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                generator.writeFieldName(member.getKey());
                String text = knownText.apply(member.getValue());
                if (text != null) {
                    generator.writeRawValue(text);
                } else {
                    mapper.writeTree(generator, member.getValue());
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        return out.toString();
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }
}
