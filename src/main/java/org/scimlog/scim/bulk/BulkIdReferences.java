package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * "bulkId:xyz" references (RFC 7644 §3.7.2): in an operation's path ("/Groups/bulkId:xyz") and as any
 * attribute value in its data (members[].value, the enterprise manager.value, ...).
 */
final class BulkIdReferences {

    static final String PREFIX = "bulkId:";

    private BulkIdReferences() {
    }

    /** The bulkIds an operation needs resolved before it can run, in the order they appear. */
    static Set<String> in(BulkOperation operation) {
        Set<String> bulkIds = new LinkedHashSet<>();
        String path = operation.path();
        if (path != null) {
            int slash = path.lastIndexOf('/');
            if (slash >= 0 && path.startsWith(PREFIX, slash + 1)) {
                bulkIds.add(path.substring(slash + 1 + PREFIX.length()));
            }
        }
        if (operation.data() != null) {
            collect(operation.data(), bulkIds);
        }
        return bulkIds;
    }

    /** The operation with every reference replaced by the id of the resource its bulkId created. */
    static BulkOperation resolve(BulkOperation operation, Map<String, String> ids) {
        String path = operation.path();
        if (path != null) {
            int slash = path.lastIndexOf('/');
            if (slash >= 0 && path.startsWith(PREFIX, slash + 1)) {
                path = path.substring(0, slash + 1) + ids.get(path.substring(slash + 1 + PREFIX.length()));
            }
        }
        JsonNode data = operation.data() == null ? null : replaced(operation.data(), ids);
        return operation.with(path, data);
    }

    private static void collect(JsonNode node, Set<String> bulkIds) {
        if (node.isTextual() && node.asText().startsWith(PREFIX)) {
            bulkIds.add(node.asText().substring(PREFIX.length()));
        }
        node.forEach(child -> collect(child, bulkIds));
    }

    private static JsonNode replaced(JsonNode node, Map<String, String> ids) {
        if (node.isTextual() && node.asText().startsWith(PREFIX)) {
            return TextNode.valueOf(ids.get(node.asText().substring(PREFIX.length())));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), replaced(field.getValue(), ids));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(replaced(element, ids)));
            return copy;
        }
        return node;
    }
}
