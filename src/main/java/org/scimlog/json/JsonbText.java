package org.scimlog.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree written the way PostgreSQL prints a {@code jsonb} value ({@code body::text}): object keys ordered by
 * their UTF-8 length, then bytewise; {@code ", "} and {@code ": "} between members; numbers as {@code numeric}
 * prints them (no exponent, the scale kept); only quote, backslash and control characters escaped. The hash chain
 * is computed over that text, so whoever holds an event as JSON in any other spelling (an export re-serialised
 * by a browser, a pretty-printed file) can recompute its link without the database. The tree must come from
 * {@link #read}, which keeps every digit of a decimal.
 */
public final class JsonbText {

    /**
     * Reads JSON for {@link #of}: decimals as BigDecimal with their scale kept ({@code 1.50} stays {@code 1.50}, as
     * numeric prints it; {@link JsonCodec}'s trees strip trailing zeros), a repeated key's last value (as jsonb).
     */
    private static final JsonMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonbText() {
    }

    /** A tree whose numbers {@link #of} prints as PostgreSQL would. */
    public static JsonNode read(String json) throws JacksonException {
        return READER.readTree(json);
    }

    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                node.fields().forEachRemaining(members::add);
                members.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    string(members.get(i).getKey(), out);
                    out.append(": ");
                    write(members.get(i).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> elements = node.elements();
                boolean first = true;
                while (elements.hasNext()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    write(elements.next(), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().toPlainString());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** jsonb's key order: shorter keys first, equal lengths bytewise (PostgreSQL's lengthCompareJsonbString). */
    static int compareKeys(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    /** PostgreSQL's escape_json. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
