package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.Mutability;

/**
 * Turns a client's value into the stored form for an attribute: checked against the schema type,
 * sub-attribute names made canonical. Lenient only where real clients need it: Entra ID sends booleans
 * as "True"/"False" and the manager as a bare id.
 */
final class ValueCoercer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValueCoercer() {
    }

    /** A whole attribute's value: always an array for multi-valued attributes (one element may come bare). */
    static JsonNode forAttribute(Attribute attribute, JsonNode value, String label) {
        if (!attribute.multiValued()) {
            if (value.isArray()) {
                throw Errors.invalidValue("'" + label + "' is single-valued but the value is an array");
            }
            return single(attribute, value, label);
        }
        ArrayNode values = JSON.arrayNode();
        for (JsonNode element : value.isArray() ? value : List.of(value)) {
            values.add(single(attribute, element, label));
        }
        return values;
    }

    /** One value of the attribute: the value of a single-valued one, an element of a multi-valued one. */
    static JsonNode single(Attribute attribute, JsonNode value, String label) {
        try {
            return coerce(attribute, value, label);
        } catch (PatchException e) {
            // a rejected value of a secret is never quoted: the reason goes to the client, the log and Kafka
            throw attribute.isSecret() ? Errors.invalidValue("'" + label + "' must be " + expectedOf(attribute)) : e;
        }
    }

    private static JsonNode coerce(Attribute attribute, JsonNode value, String label) {
        if (value.isNull()) {
            throw Errors.invalidValue("'" + label + "' cannot hold null here");
        }
        return switch (attribute.type()) {
            case STRING, REFERENCE -> text(value, label);
            case BINARY -> binary(value, label);
            case DATE_TIME -> dateTime(value, label);
            case BOOLEAN -> bool(value, label);
            case INTEGER -> integer(value, label);
            case DECIMAL -> decimal(value, label);
            case COMPLEX -> complex(attribute, value, label);
        };
    }

    private static JsonNode text(JsonNode value, String label) {
        if (!value.isTextual()) {
            throw wrongType(label, "a string", value);
        }
        return value;
    }

    private static JsonNode binary(JsonNode value, String label) {
        text(value, label);
        try {
            Base64.getDecoder().decode(value.asText());
            return value;
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("'" + label + "' must be base64-encoded binary");
        }
    }

    private static JsonNode dateTime(JsonNode value, String label) {
        text(value, label);
        try {
            DateTimeFormatter.ISO_DATE_TIME.parse(value.asText());
            return value;
        } catch (DateTimeParseException e) {
            throw Errors.invalidValue("'" + label + "' must be an ISO-8601 date-time such as "
                    + "\"2024-05-01T12:00:00Z\", not " + value);
        }
    }

    private static JsonNode bool(JsonNode value, String label) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return JSON.booleanNode(Boolean.parseBoolean(value.asText()));
        }
        throw wrongType(label, "a boolean", value);
    }

    private static JsonNode integer(JsonNode value, String label) {
        if (value.isIntegralNumber()) {
            return value;
        }
        if (value.isNumber() && value.canConvertToExactIntegral()) {
            return JSON.numberNode(value.decimalValue().toBigIntegerExact());
        }
        throw wrongType(label, "an integer", value);
    }

    private static JsonNode decimal(JsonNode value, String label) {
        if (!value.isNumber()) {
            throw wrongType(label, "a number", value);
        }
        return value;
    }

    private static JsonNode complex(Attribute attribute, JsonNode value, String label) {
        if (value.isValueNode()) {
            // Entra ID sends the manager as "id123" meaning {"value": "id123"}; any complex attribute with a
            // "value" sub-attribute accepts that shorthand.
            return attribute.subAttribute("value")
                    .map(sub -> (JsonNode) JSON.objectNode().set(sub.name(), single(sub, value, label + "." + sub.name())))
                    .orElseThrow(() -> wrongType(label, "an object", value));
        }
        if (!value.isObject()) {
            throw wrongType(label, "an object", value);
        }
        ObjectNode canonical = JSON.objectNode();
        for (Map.Entry<String, JsonNode> member : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            Attribute sub = attribute.subAttribute(member.getKey()).orElseThrow(() -> Errors.invalidValue(
                    "'" + label + "' has no sub-attribute '" + member.getKey() + "'"));
            String subLabel = label + "." + sub.name();
            if (sub.mutability() == Mutability.READ_ONLY) {
                throw Errors.mutability("'" + subLabel + "' is read-only");
            }
            if (!member.getValue().isNull()) { // a null sub-attribute is simply unassigned
                canonical.set(sub.name(), forAttribute(sub, member.getValue(), subLabel));
            }
        }
        return canonical;
    }

    private static String expectedOf(Attribute attribute) {
        return switch (attribute.type()) {
            case STRING, REFERENCE -> "a string";
            case BINARY -> "base64-encoded binary";
            case DATE_TIME -> "an ISO-8601 date-time";
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer";
            case DECIMAL -> "a number";
            case COMPLEX -> "an object of its sub-attributes";
        };
    }

    private static PatchException wrongType(String label, String expected, JsonNode actual) {
        return Errors.invalidValue("'" + label + "' must be " + expected + ", not " + describe(actual));
    }

    private static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
        String text = node.toString();
        return node.isContainerNode() || text.length() > 60 ? kind : kind + " (" + text + ")";
    }
}
