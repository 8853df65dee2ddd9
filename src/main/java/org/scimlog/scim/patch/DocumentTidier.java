package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaExtension;

/**
 * Restores the document's invariants after a change: unassigned attributes are absent rather than empty,
 * an extension object exists only while it holds something, and "schemas" lists exactly the extensions
 * present. Doing this once here keeps every writer free to leave empties behind.
 */
final class DocumentTidier {

    private final ResourceType type;

    DocumentTidier(ResourceType type) {
        this.type = type;
    }

    void tidy(ObjectNode document) {
        for (ResourceContainers.Container container : ResourceContainers.present(document, type)) {
            for (Attribute attribute : container.schema().attributes()) {
                dropIfEmpty(container.node(), attribute);
            }
        }
        for (SchemaExtension extension : type.extensions()) {
            String urn = extension.schema().id();
            ObjectNode object = ResourceContainers.find(document, urn);
            if (object != null && object.isEmpty()) {
                document.remove(urn);
            }
            declare(document, urn, document.has(urn));
        }
        declare(document, type.schema().id(), true);
    }

    private static void dropIfEmpty(ObjectNode container, Attribute attribute) {
        JsonNode value = container.get(attribute.name());
        if (value instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isObject() && array.get(i).isEmpty()) {
                    array.remove(i);
                }
            }
        }
        if (value != null && (value.isNull() || (value.isContainerNode() && value.isEmpty()))) {
            container.remove(attribute.name());
        }
    }

    private static void declare(ObjectNode document, String urn, boolean inUse) {
        ArrayNode schemas = document.get("schemas") instanceof ArrayNode array ? array : document.putArray("schemas");
        boolean listed = false;
        for (int i = schemas.size() - 1; i >= 0; i--) {
            if (schemas.get(i).asText().equalsIgnoreCase(urn)) {
                if (inUse && !listed) {
                    listed = true;
                } else {
                    schemas.remove(i);
                }
            }
        }
        if (inUse && !listed) {
            schemas.add(urn);
        }
    }
}
