package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.scimlog.schema.ResourceType;

/**
 * Data of extension schemas the configuration no longer declares (an extension removed after users were
 * provisioned with it). Such data is neither shown nor validated, and the next write of the resource drops
 * it: keeping it would leave the stored document at odds with /Schemas and block every PATCH (the schema
 * is unknown to validation), which is how Okta's deactivations failed. The profile event of that write names
 * the schemas whose data went (debugData.removedSchemas).
 */
public final class UndeclaredExtensions {

    private UndeclaredExtensions() {
    }

    /** Removes undeclared extension members and their URNs in "schemas" from {@code document}; returns those URNs. */
    public static List<String> strip(ObjectNode document, ResourceType type) {
        List<String> removed = new ArrayList<>();
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.regionMatches(true, 0, "urn:", 0, 4) && type.extension(name).isEmpty()) {
                removed.add(name);
                names.remove();
            }
        }
        JsonNode schemas = document.get("schemas");
        if (schemas instanceof ArrayNode urns) {
            for (Iterator<JsonNode> it = urns.elements(); it.hasNext(); ) {
                String urn = it.next().asText();
                if (!urn.equalsIgnoreCase(type.schema().id()) && type.extension(urn).isEmpty()) {
                    if (!removed.contains(urn)) {
                        removed.add(urn);
                    }
                    it.remove();
                }
            }
        }
        return removed;
    }
}
