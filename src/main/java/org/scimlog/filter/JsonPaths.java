package org.scimlog.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the values an attribute path points at inside a JSON element. Names match case-insensitively
 * (SCIM attribute names are case-insensitive) and arrays along the way are flattened, because a
 * filter on a multi-valued attribute matches when any of its values does.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Never contains null or missing nodes; empty when the attribute is absent. */
    static List<JsonNode> resolve(JsonNode element, AttributePath path) {
        List<JsonNode> current = List.of(start(element, path.schemaUrn()));
        for (String name : path.names()) {
            List<JsonNode> children = new ArrayList<>();
            for (JsonNode node : current) {
                addFlattened(field(node, name), children);
            }
            current = children;
        }
        return current;
    }

    /**
     * Extension attributes live under their schema URN; core attributes may be URN-qualified too but
     * sit at the top level, so fall back to the element itself.
     */
    private static JsonNode start(JsonNode element, String schemaUrn) {
        if (schemaUrn == null) {
            return element;
        }
        JsonNode extension = field(element, schemaUrn);
        return extension != null && extension.isObject() ? extension : element;
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static void addFlattened(JsonNode node, List<JsonNode> into) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                addFlattened(item, into);
            }
            return;
        }
        into.add(node);
    }
}
