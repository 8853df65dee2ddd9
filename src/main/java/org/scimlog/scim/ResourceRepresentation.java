package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SecretAttributes;
import org.scimlog.json.DateTimeText;

/**
 * A stored resource of any type as clients see it (RFC 7643 §3.1): schemas, id, the document, what the type
 * adds from elsewhere (a user's groups, a group's members), then meta. Data of extensions the configuration no
 * longer declares, and secrets, are never shown.
 */
@Singleton
public class ResourceRepresentation {

    private final ResourceLocations locations;

    public ResourceRepresentation(ResourceLocations locations) {
        this.locations = locations;
    }

    public ObjectNode of(ResourceType type, ResourceRecord record, Consumer<ObjectNode> related) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode document = record.document();
        out.set("schemas", document.get("schemas").deepCopy());
        out.put("id", record.id().toString());
        Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("schemas")) {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        UndeclaredExtensions.strip(out, type);
        SecretAttributes.remove(out, type);
        related.accept(out);
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", type.name());
        meta.put("created", DateTimeText.of(record.created()));
        meta.put("lastModified", DateTimeText.of(record.lastModified()));
        meta.put("location", location(type, record));
        meta.put("version", ETags.of(record.version()));
        return out;
    }

    public String location(ResourceType type, ResourceRecord record) {
        return locations.of(type.endpoint(), record.id());
    }
}
