package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.Iterator;

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1): "operations" names "Operations". */
final class JsonFields {

    private JsonFields() {
    }

    @Nullable
    static JsonNode get(ObjectNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return object.get(candidate);
            }
        }
        return null;
    }
}
