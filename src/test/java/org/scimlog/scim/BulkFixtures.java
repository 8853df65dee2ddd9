package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scimlog.support.Api;

/** Bulk request bodies and checks of the per-operation results a BulkResponse lists. */
final class BulkFixtures {

    static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private BulkFixtures() {
    }

    @SafeVarargs
    static Map<String, Object> bulk(Map<String, Object>... operations) {
        Map<String, Object> body = new HashMap<>();
        body.put("schemas", List.of(BULK_REQUEST));
        body.put("Operations", List.of(operations));
        return body;
    }

    @SafeVarargs
    static Map<String, Object> bulkFailingOn(int failOnErrors, Map<String, Object>... operations) {
        Map<String, Object> body = bulk(operations);
        body.put("failOnErrors", failOnErrors);
        return body;
    }

    /** An operation; null arguments are left out, as a client would omit them. */
    static Map<String, Object> operation(String method, String path, String bulkId, Object data) {
        Map<String, Object> operation = new HashMap<>();
        operation.put("method", method);
        if (path != null) {
            operation.put("path", path);
        }
        if (bulkId != null) {
            operation.put("bulkId", bulkId);
        }
        if (data != null) {
            operation.put("data", data);
        }
        return operation;
    }

    static Map<String, Object> withVersion(Map<String, Object> operation, String version) {
        Map<String, Object> copy = new HashMap<>(operation);
        copy.put("version", version);
        return copy;
    }

    /** Posts the bulk request and returns its per-operation results, after checking the envelope. */
    static List<JsonNode> results(Api api, Map<String, Object> body) {
        Api.Reply reply = api.post("/scim/v2/Bulk", body);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(BULK_RESPONSE, reply.json().at("/schemas/0").asText());
        assertTrue(reply.header("Content-Type").startsWith("application/scim+json"));
        List<JsonNode> results = new ArrayList<>();
        reply.json().path("Operations").forEach(results::add);
        return results;
    }

    /** A failed operation: its status (a string) and a SCIM error body with the same status and scimType. */
    static void assertFailed(JsonNode result, int status, String scimType) {
        assertEquals(Integer.toString(status), result.path("status").asText(), result::toString);
        assertTrue(result.path("status").isTextual(), "status is a string (RFC 7644 §3.7.3)");
        JsonNode error = result.path("response");
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", error.at("/schemas/0").asText(), result::toString);
        assertEquals(Integer.toString(status), error.path("status").asText());
        if (scimType != null) {
            assertEquals(scimType, error.path("scimType").asText(), result::toString);
        }
        assertTrue(!error.path("detail").asText().isBlank(), result::toString);
        assertTrue(!result.has("version"), "a failure has no version: " + result);
    }

    static String idIn(JsonNode result) {
        String location = result.path("location").asText();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
