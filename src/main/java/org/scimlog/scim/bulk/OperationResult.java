package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import org.scimlog.scim.error.ScimErrors;
import org.scimlog.scim.error.ScimException;

/**
 * The outcome of one bulk operation, as the BulkResponse lists it (RFC 7644 §3.7.3). {@code createdId} is
 * the id of a resource a POST created, kept to resolve references to its bulkId; it is not part of the JSON.
 */
record OperationResult(@Nullable String method, @Nullable String bulkId, @Nullable String version,
                       @Nullable String location, int status, @Nullable ScimException error,
                       @Nullable String createdId) {

    static OperationResult success(BulkOperation operation, int status, String location, @Nullable String version,
                                   @Nullable String createdId) {
        return new OperationResult(operation.method(), operation.bulkId(), version, location, status, null, createdId);
    }

    static OperationResult failure(BulkOperation operation, @Nullable String location, ScimException error) {
        return new OperationResult(operation.method(), operation.bulkId(), null, location, error.status(), error, null);
    }

    boolean failed() {
        return error != null;
    }

    /** A success omits the resource (the RFC allows it); a failure carries the SCIM error body. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        putIfPresent(node, "location", location);
        putIfPresent(node, "method", method);
        putIfPresent(node, "bulkId", bulkId);
        putIfPresent(node, "version", version);
        node.put("status", Integer.toString(status));
        if (error != null) {
            node.set("response", ScimErrors.body(error.status(), error.scimType(), error.detail()));
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
