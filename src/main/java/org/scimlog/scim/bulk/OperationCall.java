package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;
import org.scimlog.directory.ExpectedVersion;
import org.scimlog.scim.ETags;
import org.scimlog.scim.ResourceHandler;
import org.scimlog.scim.ResourceHandlers;
import org.scimlog.scim.ResourceIds;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * A bulk operation checked and read as the single request it stands for: method, endpoint, resource id,
 * body and If-Match. The checks refuse this operation only (400), never the whole bulk request.
 */
record OperationCall(BulkMethod method, ResourceHandler handler, @Nullable UUID id, @Nullable ObjectNode data,
                     ExpectedVersion expected) {

    /** {@code operation} has its bulkId references resolved already. */
    static OperationCall of(BulkOperation operation, ResourceHandlers handlers) {
        String name = operation.name();
        if (operation.unstorable() != null) {
            throw operation.unstorable();
        }
        if (operation.malformed() != null) {
            throw invalidSyntax(name + ": " + operation.malformed());
        }
        if (operation.method() == null) {
            throw invalidSyntax(name + ": 'method' is required (POST, PUT, PATCH or DELETE).");
        }
        BulkMethod method = BulkMethod.of(operation.method()).orElseThrow(() -> invalidSyntax(name + ": method '"
                + operation.method() + "' is not one of POST, PUT, PATCH, DELETE."));
        ResourcePath path = path(operation, method, handlers);
        if (method == BulkMethod.POST && operation.bulkId() == null) {
            throw invalidSyntax(name + ": 'bulkId' is required for POST (RFC 7644 §3.7).");
        }
        ObjectNode data = method.needsData() ? data(operation, method) : null;
        UUID id = path.id() == null ? null : ResourceIds.parse(path.id()).orElseThrow(() -> ScimException.notFound(
                path.handler().type().name() + " '" + path.id() + "' not found."));
        return new OperationCall(method, path.handler(), id, data, ETags.ifMatch(operation.version()));
    }

    private static ResourcePath path(BulkOperation operation, BulkMethod method, ResourceHandlers handlers) {
        String name = operation.name();
        if (operation.path() == null) {
            throw invalidSyntax(name + ": 'path' is required.");
        }
        ResourcePath path = ResourcePath.parse(operation.path(), handlers).orElseThrow(() -> invalidPath(name + ": path '"
                + operation.path() + "' is not an endpoint (" + endpoints(handlers) + ") or one resource of it ('/Users/{id}')."));
        if (method == BulkMethod.POST && path.id() != null) {
            throw invalidPath(name + ": POST creates a resource at its endpoint (/Users or /Groups), not at '"
                    + operation.path() + "'.");
        }
        if (method != BulkMethod.POST && path.id() == null) {
            throw invalidPath(name + ": " + method + " needs the path of one resource, e.g. '"
                    + path.handler().type().endpoint() + "/{id}'.");
        }
        return path;
    }

    private static String endpoints(ResourceHandlers handlers) {
        return String.join(", ", handlers.all().stream().map(h -> h.type().endpoint()).toList());
    }

    private static ObjectNode data(BulkOperation operation, BulkMethod method) {
        JsonNode data = operation.data();
        if (data == null) {
            throw invalidSyntax(operation.name() + ": 'data' is required for " + method + ".");
        }
        if (!data.isObject()) {
            throw invalidSyntax(operation.name() + ": 'data' must be a JSON object.");
        }
        return (ObjectNode) data;
    }

    private static ScimException invalidSyntax(String detail) {
        return ScimException.badRequest(ScimType.INVALID_SYNTAX, detail);
    }

    /** RFC 7644 §3.12: invalidPath is for a "path" attribute that is invalid, which a bulk operation has too. */
    private static ScimException invalidPath(String detail) {
        return ScimException.badRequest(ScimType.INVALID_PATH, detail);
    }
}
