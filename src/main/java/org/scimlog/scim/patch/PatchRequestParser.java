package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.PatchPath;

/** Reads a PatchOp request body (RFC 7644 §3.5.2) into operations, checking its shape but not the schema. */
public final class PatchRequestParser {

    public static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** Bounds the work one request can cause; real provisioning clients send a handful. */
    public static final int MAX_OPERATIONS = 1000;

    private PatchRequestParser() {
    }

    public static List<PatchOperation> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Errors.invalidSyntax("The PATCH request body must be a JSON object.");
        }
        requirePatchOpSchema(body);
        JsonNode operations = member(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw Errors.invalidSyntax("The PATCH request must have an \"Operations\" array.");
        }
        if (operations.isEmpty()) {
            throw Errors.invalidSyntax("The PATCH request's \"Operations\" array is empty.");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw Errors.invalidValue("The PATCH request has " + operations.size()
                    + " operations; at most " + MAX_OPERATIONS + " are allowed in one request.");
        }
        List<PatchOperation> parsed = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            parsed.add(operation(operations.get(i), "Operations[" + i + "]"));
        }
        return List.copyOf(parsed);
    }

    private static void requirePatchOpSchema(JsonNode body) {
        JsonNode schemas = member(body, "schemas");
        if (schemas != null && schemas.isArray()) {
            for (JsonNode urn : schemas) {
                if (urn.isTextual() && urn.asText().equalsIgnoreCase(PATCH_OP_URN)) {
                    return;
                }
            }
        }
        throw Errors.invalidSyntax("The PATCH request's \"schemas\" must contain \"" + PATCH_OP_URN + "\".");
    }

    private static PatchOperation operation(JsonNode node, String location) {
        if (!node.isObject()) {
            throw Errors.invalidSyntax(location + " must be a JSON object.");
        }
        PatchOp op = op(member(node, "op"), location);
        PatchPath path = path(member(node, "path"), location);
        JsonNode value = member(node, "value");
        if (op == PatchOp.REMOVE && path == null) {
            throw Errors.noTarget(location + ": \"remove\" needs a \"path\" naming what to remove.");
        }
        if (op == PatchOp.ADD && (value == null || value.isNull())) {
            throw Errors.invalidValue(location + ": \"add\" needs a non-null \"value\".");
        }
        if (op == PatchOp.REPLACE && value == null) {
            throw Errors.invalidValue(location + ": \"replace\" needs a \"value\" (null removes the attribute).");
        }
        return new PatchOperation(op, path, value);
    }

    private static PatchOp op(JsonNode node, String location) {
        if (node == null || !node.isTextual()) {
            throw Errors.invalidSyntax(location + " needs an \"op\" string: \"add\", \"replace\" or \"remove\".");
        }
        return PatchOp.fromName(node.asText()).orElseThrow(() -> Errors.invalidSyntax(location
                + ": unknown op \"" + node.asText() + "\"; expected \"add\", \"replace\" or \"remove\"."));
    }

    private static PatchPath path(JsonNode node, String location) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Errors.invalidPath(location + ": \"path\" must be a string.");
        }
        try {
            return FilterParser.parsePatchPath(node.asText());
        } catch (FilterException e) {
            throw Errors.invalidPath(location + ": invalid path \"" + node.asText() + "\": " + e.getMessage());
        }
    }

    /** SCIM member names are case-insensitive (RFC 7643 §2.1): clients send "operations" and "Op". */
    private static JsonNode member(JsonNode object, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
