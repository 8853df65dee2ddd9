package org.scimlog.scim.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/** Builds RFC 7644 §3.12 error bodies. */
public final class ScimErrors {

    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimErrors() {
    }

    public static ObjectNode body(int status, @Nullable ScimType scimType, String detail) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("schemas").add(ERROR_SCHEMA);
        // RFC 7644 §3.12 defines status as a string; Okta's tests compare it as "401".
        node.put("status", Integer.toString(status));
        if (scimType != null) {
            node.put("scimType", scimType.keyword());
        }
        node.put("detail", detail);
        return node;
    }

    /** The detail for errors the framework raises before our code runs (routing, size limits, auth). */
    public static String standardDetail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "Authentication is required: send 'Authorization: Bearer <token>' with a valid scimlog token.";
            case 403 -> "The credential is not allowed to perform this request.";
            case 404 -> "No resource or endpoint at this path.";
            case 405 -> "This HTTP method is not supported on this endpoint.";
            case 406 -> "The requested media type cannot be produced; use application/scim+json.";
            case 413 -> "The request body is larger than this server accepts.";
            case 414 -> "The request URL is longer than this server accepts; send long filters in a POST .search body.";
            case 415 -> "Unsupported media type; send application/scim+json or application/json.";
            case 429 -> "Too many requests; retry later.";
            case 431 -> "The request headers are larger than this server accepts.";
            default -> status >= 500 ? "The server failed to process the request; it has been logged." : "The request failed.";
        };
    }
}
