package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a BulkRequest's "Operations" as the client sent it. Its attribute values are kept as text
 * so the response can echo them; what is wrong with them (a number where text belongs) is kept in
 * {@code malformed} and refuses this operation alone when its turn comes, not the whole request.
 */
record BulkOperation(int index, @Nullable String method, @Nullable String path, @Nullable String bulkId,
                     @Nullable String version, @Nullable JsonNode data, @Nullable String malformed) {

    static BulkOperation parse(int index, ObjectNode element) {
        List<String> problems = new ArrayList<>();
        String method = text(element, "method", problems);
        String path = text(element, "path", problems);
        String bulkId = text(element, "bulkId", problems);
        String version = text(element, "version", problems);
        JsonNode data = JsonFields.get(element, "data");
        return new BulkOperation(index, method, path, bulkId, version, data == null || data.isNull() ? null : data,
                problems.isEmpty() ? null : String.join(" ", problems));
    }

    /** The same operation after its bulkId references were replaced by resource ids. */
    BulkOperation with(@Nullable String resolvedPath, @Nullable JsonNode resolvedData) {
        return new BulkOperation(index, method, resolvedPath, bulkId, version, resolvedData, malformed);
    }

    /** How error details name it: the position a client finds it at in its own request. */
    String name() {
        return "Operations[" + index + "]";
    }

    boolean isPost() {
        return BulkMethod.POST.name().equals(method);
    }

    private static String text(ObjectNode element, String name, List<String> problems) {
        JsonNode value = JsonFields.get(element, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add("'" + name + "' must be a string.");
            return null;
        }
        return value.asText();
    }
}
