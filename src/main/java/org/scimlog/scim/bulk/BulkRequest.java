package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * A BulkRequest message (RFC 7644 §3.7). What makes the whole request unusable is refused here; what is
 * wrong with one operation is left for that operation to fail with.
 */
record BulkRequest(@Nullable Integer failOnErrors, List<BulkOperation> operations) {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    BulkRequest {
        operations = List.copyOf(operations);
    }

    static BulkRequest parse(ObjectNode body, int maxOperations) {
        requireSchema(body);
        JsonNode operations = JsonFields.get(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX,
                    "'Operations' is required and must be a non-empty array of bulk operations.");
        }
        if (operations.size() > maxOperations) {
            // RFC 7644 §3.7.4: 413, and the detail names the limit.
            throw new ScimException(413, null, "The bulk request has " + operations.size()
                    + " operations, more than maxOperations (" + maxOperations + ").");
        }
        List<BulkOperation> parsed = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            JsonNode element = operations.get(i);
            if (!element.isObject()) {
                throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "Operations[" + i + "] must be a JSON object.");
            }
            parsed.add(BulkOperation.parse(i, (ObjectNode) element));
        }
        return new BulkRequest(failOnErrors(body), parsed);
    }

    private static void requireSchema(ObjectNode body) {
        JsonNode schemas = JsonFields.get(body, "schemas");
        boolean declared = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                declared |= schema.isTextual() && schema.asText().equalsIgnoreCase(SCHEMA);
            }
        }
        if (!declared) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "'schemas' must list '" + SCHEMA + "'.");
        }
    }

    @Nullable
    private static Integer failOnErrors(ObjectNode body) {
        JsonNode value = JsonFields.get(body, "failOnErrors");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "'failOnErrors' must be a positive integer.");
        }
        return value.asInt();
    }
}
