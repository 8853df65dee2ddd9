package org.scimlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one reading of RFC 7643 §2.3's data types, shared by resource bodies (POST, PUT) and PATCH values:
 * a client's value checked against its attribute and turned into the stored form. Canonical means two
 * spellings of one value store alike, so that a request repeating a value changes nothing: sub-attribute
 * names as the schema spells them, numbers in one form whatever JSON spelling or Java type they came in,
 * read-only sub-attributes and null sub-attributes left out (RFC 7644 §3.5.1: provided values of readOnly
 * attributes "SHALL be ignored"). Lenient only where a real client needs it and the value is unambiguous:
 * Entra ID's "True"/"False" booleans. Empty arrays and objects are returned as they are; whether they mean
 * "unassigned" is the caller's business (a PATCH "add" of {} is not a removal).
 */
public final class TypeCoercer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /**
     * xsd:dateTime (RFC 7643 §2.3.5) with seconds, as XML Schema requires, and with the offset that XML Schema
     * leaves optional: SCIM compares and sorts dateTimes as instants (RFC 7644 §3.4.2.2), which a value without
     * one is not, and filters cast stored values to PostgreSQL's timestamptz.
     */
    private static final Pattern XSD_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    /** XML Schema's bound on time zone offsets; PostgreSQL refuses offsets beyond 15:59. */
    private static final int MAX_OFFSET_SECONDS = 14 * 3600;

    private TypeCoercer() {
    }

    /** A whole attribute's value: a JSON array for a multi-valued attribute, one value otherwise. */
    public static JsonNode attributeValue(Attribute attribute, JsonNode value, String label) {
        if (!attribute.multiValued()) {
            if (value.isArray()) {
                throw invalid("'" + label + "' is single-valued but the value is an array");
            }
            return oneValue(attribute, value, label);
        }
        if (!value.isArray()) {
            throw invalid("'" + label + "' is multi-valued and must be a JSON array, not " + describe(value));
        }
        ArrayNode values = JSON.arrayNode();
        for (JsonNode element : value) {
            if (element.isNull()) {
                throw invalid("'" + label + "' cannot hold null values");
            }
            values.add(oneValue(attribute, element, label));
        }
        return values;
    }

    /** One value: that of a single-valued attribute or one element of a multi-valued one. */
    public static JsonNode oneValue(Attribute attribute, JsonNode value, String label) {
        try {
            return coerce(attribute, value, label);
        } catch (ValueViolation e) {
            // a rejected value of a secret is never quoted: the reason goes to the client, the log and Kafka
            throw attribute.isSecret() ? invalid("'" + label + "' must be " + expectedOf(attribute)) : e;
        }
    }

    /**
     * One form per number: an integral value as the smallest integer node that holds it (as a JSON parser
     * reads it back), any other without trailing zeros. 1.50, 15e-1 and 1.5 are one value; so are 2.0 and 2.
     */
    public static JsonNode canonicalNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return integral(number.bigIntegerValue());
        }
        BigDecimal decimal = number.decimalValue().stripTrailingZeros();
        return decimal.scale() <= 0 ? integral(decimal.toBigIntegerExact()) : DecimalNode.valueOf(decimal);
    }

    private static JsonNode integral(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return IntNode.valueOf(value.intValue());
        }
        return value.bitLength() < Long.SIZE ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }

    private static JsonNode coerce(Attribute attribute, JsonNode value, String label) {
        if (value.isNull()) {
            throw invalid("'" + label + "' cannot hold null here");
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

    /**
     * RFC 7643 §2.3.6: base64 of RFC 4648 §4, trailing padding optional; RFC 4648 §3.3 has decoders reject
     * characters outside the alphabet, line breaks included, so the MIME decoder's leniency is not taken.
     */
    private static JsonNode binary(JsonNode value, String label) {
        text(value, label);
        try {
            Base64.getDecoder().decode(value.textValue());
            return value;
        } catch (IllegalArgumentException e) {
            throw invalid("'" + label + "' must be base64-encoded binary (RFC 4648 §4), not " + describe(value));
        }
    }

    private static JsonNode dateTime(JsonNode value, String label) {
        text(value, label);
        String text = value.textValue();
        if (XSD_DATE_TIME.matcher(text).matches()) {
            try {
                if (Math.abs(OffsetDateTime.parse(text).getOffset().getTotalSeconds()) <= MAX_OFFSET_SECONDS) {
                    return value;
                }
            } catch (DateTimeParseException e) {
                // a well-formed but impossible date or time: refused below
            }
        }
        throw invalid("'" + label + "' must be a date-time with seconds and a UTC offset (xsd:dateTime, ISO-8601)"
                + " such as \"2024-05-01T12:00:00Z\", not " + describe(value));
    }

    private static JsonNode bool(JsonNode value, String label) {
        if (value.isBoolean()) {
            return value;
        }
        // Entra ID sends "True"/"False" strings
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return JSON.booleanNode(Boolean.parseBoolean(value.textValue()));
        }
        throw wrongType(label, "a boolean", value);
    }

    /** RFC 7643 §2.3.4: a number with no fractional digits; 4.0 is the integer 4. */
    private static JsonNode integer(JsonNode value, String label) {
        if (value.isNumber() && (value.isIntegralNumber() || value.canConvertToExactIntegral())) {
            return canonicalNumber(value);
        }
        throw wrongType(label, "an integer", value);
    }

    private static JsonNode decimal(JsonNode value, String label) {
        if (!value.isNumber()) {
            throw wrongType(label, "a number", value);
        }
        return canonicalNumber(value);
    }

    /** RFC 7643 §2.3.8: a JSON object of the attribute's sub-attributes. */
    private static JsonNode complex(Attribute attribute, JsonNode value, String label) {
        if (!value.isObject()) {
            throw wrongType(label, "an object", value);
        }
        ObjectNode canonical = JSON.objectNode();
        for (Map.Entry<String, JsonNode> member : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            Attribute sub = attribute.subAttribute(member.getKey()).orElseThrow(() -> invalid(
                    "'" + label + "' has no sub-attribute '" + member.getKey() + "'"));
            if (sub.mutability() != Mutability.READ_ONLY && !member.getValue().isNull()) {
                canonical.set(sub.name(), attributeValue(sub, member.getValue(), label + "." + sub.name()));
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

    private static ValueViolation invalid(String message) {
        return new ValueViolation(message);
    }

    private static ValueViolation wrongType(String label, String expected, JsonNode actual) {
        return invalid("'" + label + "' must be " + expected + ", not " + describe(actual));
    }

    /** The kind of a JSON value, and the value itself when it is short: never a whole document. */
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
