package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.schema.SchemaExtension;

/**
 * The document layout: core attributes live at the top level, each extension's attributes in an object
 * keyed by the extension URN.
 */
final class ResourceContainers {

    /** One schema's attributes as they sit in the document. */
    record Container(Schema schema, ObjectNode node) {
    }

    private ResourceContainers() {
    }

    /** The object holding the target's attributes, or null when an extension has no object yet. */
    static ObjectNode find(ObjectNode document, String extensionUrn) {
        if (extensionUrn == null) {
            return document;
        }
        JsonNode node = document.get(extensionUrn);
        return node instanceof ObjectNode object ? object : null;
    }

    /** As {@link #find}, creating the extension object on first write. */
    static ObjectNode obtain(ObjectNode document, String extensionUrn) {
        ObjectNode existing = find(document, extensionUrn);
        return existing != null ? existing : document.putObject(extensionUrn);
    }

    /** The core container and every extension container the document has. */
    static List<Container> present(ObjectNode document, ResourceType type) {
        List<Container> containers = new ArrayList<>();
        containers.add(new Container(type.schema(), document));
        for (SchemaExtension extension : type.extensions()) {
            ObjectNode node = find(document, extension.schema().id());
            if (node != null) {
                containers.add(new Container(extension.schema(), node));
            }
        }
        return containers;
    }
}
