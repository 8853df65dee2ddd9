package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimlog.scim.RequestBodies;
import org.scimlog.scim.UnstorableText;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * One element of a BulkRequest's "Operations" as the client sent it. Its attribute values are kept as text
 * so the response can echo them; what is wrong with them (a number where text belongs) is kept in
 * {@code malformed} and refuses this operation alone when its turn comes, not the whole request. Text that
 * cannot be stored (a NUL, a lone surrogate) refuses it the same way ({@code unstorable}), and is not kept:
 * neither the response nor the System Log could carry it.
 */
record BulkOperation(int index, @Nullable String method, @Nullable String path, @Nullable String bulkId,
                     @Nullable String version, @Nullable JsonNode data, @Nullable String malformed,
                     @Nullable ScimException unstorable) {

    static BulkOperation parse(int index, ObjectNode element) {
        String name = "Operations[" + index + "]";
        // the operation's own "path" is a path like a PATCH operation's: invalidPath (as OperationCall words it)
        Optional<ScimException> unstorable = RequestBodies.refusalOfUnstorable(element, name)
                .map(refusal -> UnstorableText.find(element).orElseThrow().steps().equals(List.of("path"))
                        ? ScimException.badRequest(ScimType.INVALID_PATH, refusal.detail()) : refusal);
        ObjectNode storable = unstorable.isPresent() ? storableTextMembers(element) : element;
        List<String> problems = new ArrayList<>();
        String method = text(storable, "method", problems);
        String path = text(storable, "path", problems);
        String bulkId = text(storable, "bulkId", problems);
        String version = text(storable, "version", problems);
        JsonNode data = unstorable.isPresent() ? null : JsonFields.get(element, "data");
        return new BulkOperation(index, method, path, bulkId, version, data == null || data.isNull() ? null : data,
                problems.isEmpty() ? null : String.join(" ", problems), unstorable.orElse(null));
    }

    /** The same operation after its bulkId references were replaced by resource ids. */
    BulkOperation with(@Nullable String resolvedPath, @Nullable JsonNode resolvedData) {
        return new BulkOperation(index, method, resolvedPath, bulkId, version, resolvedData, malformed, unstorable);
    }

    /** The operation's own text members that can be stored (what the response may echo); never its data. */
    private static ObjectNode storableTextMembers(ObjectNode element) {
        ObjectNode kept = element.objectNode();
        for (String member : List.of("method", "path", "bulkId", "version")) {
            storablePart(element, member).ifPresent(value -> kept.set(member, value));
        }
        return kept;
    }

    /** The member if it is present and free of unstorable text. */
    private static Optional<JsonNode> storablePart(ObjectNode element, String member) {
        JsonNode value = JsonFields.get(element, member);
        return value == null || UnstorableText.find(value).isPresent() ? Optional.empty() : Optional.of(value);
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
