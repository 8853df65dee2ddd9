package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * A POST .search body (RFC 7644 §3.4.3), read into the same parameters a GET query string carries, so both
 * go through one code path. Member names are case-insensitive; attribute lists may be arrays or
 * comma-separated strings. {@code cursor} is RFC 9865's (§3: the same parameters in the body).
 */
public record SearchRequest(@Nullable String filter, @Nullable String sortBy, @Nullable String sortOrder,
                            @Nullable String startIndex, @Nullable String count,
                            @Nullable String attributes, @Nullable String excludedAttributes,
                            @Nullable String cursor) {

    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    public static SearchRequest parse(ObjectNode body) {
        JsonNode schemas = member(body, "schemas");
        boolean declared = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode urn : schemas) {
                declared |= urn.isTextual() && urn.asText().equalsIgnoreCase(SEARCH_REQUEST);
            }
        }
        if (!declared) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "'schemas' must contain '" + SEARCH_REQUEST + "'.");
        }
        return new SearchRequest(text(body, "filter"), text(body, "sortBy"), text(body, "sortOrder"),
                integer(body, "startIndex"), integer(body, "count"),
                names(body, "attributes"), names(body, "excludedAttributes"), text(body, "cursor"));
    }

    public ListRequest list(ListSettings settings) {
        return ListRequest.of(filter, sortBy, sortOrder, startIndex, count, cursor, settings);
    }

    @Nullable
    private static String text(ObjectNode body, String name) {
        JsonNode value = member(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "'" + name + "' must be a string.");
        }
        return value.asText();
    }

    @Nullable
    private static String integer(ObjectNode body, String name) {
        JsonNode value = member(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() && !value.isTextual()) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "'" + name + "' must be an integer.");
        }
        return value.asText();
    }

    @Nullable
    private static String names(ObjectNode body, String name) {
        JsonNode value = member(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isArray()) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "'" + name + "' must be an array of attribute names.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE, "'" + name + "' must be an array of attribute names.");
            }
            names.add(item.asText());
        }
        return String.join(",", names);
    }

    @Nullable
    private static JsonNode member(ObjectNode body, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
