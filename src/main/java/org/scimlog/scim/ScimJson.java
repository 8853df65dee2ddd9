package org.scimlog.scim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import org.scimlog.json.JsonCodec;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * SCIM documents as Jackson trees: the schema, not Java classes, decides their shape. Parsing is strict
 * (duplicate members, trailing tokens and absurd nesting are syntax errors) and its errors say where the
 * document broke without echoing it back.
 */
@Singleton
public class ScimJson {

    private static final int MAX_NUMBER_DIGITS = 1000;

    private final JsonCodec codec;

    public ScimJson(JsonCodec codec) {
        this.codec = codec;
    }

    /** The request body as a JSON object, or a 400 invalidSyntax that says what is wrong. */
    public ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body is empty; a JSON object is required.");
        }
        JsonNode node;
        try {
            node = codec.read(body);
        } catch (JacksonException e) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body is not valid JSON" + where(e) + ".");
        } catch (NumberFormatException e) {
            // Jackson parses some numbers outside its own exceptions (an exponent of more than ten digits)
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body is not valid JSON: a number is out of range.");
        } catch (IOException e) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "The request body must be a JSON object.");
        }
        requireStorableNumbers(node);
        return (ObjectNode) node;
    }

    /**
     * PostgreSQL's numeric (which jsonb numbers are) holds at most 131,072 digits before the point and
     * 16,383 after; "1e999999" parses here but fails there. No SCIM attribute needs more than a few hundred.
     */
    private static void requireStorableNumbers(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal number = node.decimalValue();
            if (number.signum() != 0 && (number.precision() - number.scale() > MAX_NUMBER_DIGITS
                    || number.scale() > MAX_NUMBER_DIGITS)) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE, "The request body holds a number with more than "
                        + MAX_NUMBER_DIGITS + " digits before or after the decimal point.");
            }
        } else if (node.isContainerNode()) {
            node.forEach(ScimJson::requireStorableNumbers);
        }
    }

    /** Reads a document this server wrote itself (from the database). */
    public ObjectNode readStored(String json) {
        return codec.readStored(json);
    }

    public byte[] write(JsonNode node) {
        return codec.write(node);
    }

    public String writeString(JsonNode node) {
        return codec.writeString(node);
    }

    public ObjectNode object() {
        return codec.object();
    }

    /**
     * Where the document broke and what kind of break it is, in our words: Jackson's messages name its own
     * classes and settings and quote the offending input (which may be a password), so none of it is passed on.
     */
    private static String where(JacksonException e) {
        String reason = ": " + problem(e);
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return reason;
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr() + reason;
    }

    private static String problem(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (message.contains("nesting depth")) {
                return "it is nested more than " + JsonCodec.MAX_NESTING_DEPTH + " levels deep";
            }
            return "a value is longer than this server accepts";
        }
        if (message.startsWith("Duplicate field")) {
            return "a member name appears twice in one object";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the end of the JSON value";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the document ends before it is complete";
        }
        if (message.startsWith("Invalid UTF-8") || message.contains("Invalid UTF-8")) {
            return "the bytes are not valid UTF-8";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string must be escaped";
        }
        if (message.startsWith("Unrecognized character escape") || message.contains("escape sequence")) {
            return "a string holds an invalid escape sequence";
        }
        if (message.startsWith("Unrecognized token")) {
            return "a word that is not a string, number, true, false or null";
        }
        if (message.startsWith("Unexpected character")) {
            return "a character that does not belong there";
        }
        if (message.contains("Numeric value") || message.contains("number")) {
            return "a number is malformed or out of range";
        }
        return "it is not well-formed JSON";
    }
}
