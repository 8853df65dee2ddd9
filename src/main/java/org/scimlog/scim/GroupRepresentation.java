package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.scimlog.directory.GroupRecord;
import org.scimlog.directory.Member;
import org.scimlog.directory.Memberships;

/**
 * A stored group as clients see it (RFC 7643 §4.2): schemas, id, the document, members, then meta. Members
 * are read from their rows only when the response returns them.
 */
@Singleton
public class GroupRepresentation {

    private final ResourceLocations locations;
    private final Memberships memberships;

    public GroupRepresentation(ResourceLocations locations, Memberships memberships) {
        this.locations = locations;
        this.memberships = memberships;
    }

    public ObjectNode of(GroupRecord group, AttributeSelection selection) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode document = group.document();
        out.set("schemas", document.get("schemas"));
        out.put("id", group.id().toString());
        Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("schemas")) {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        if (selection.returns("members")) {
            ArrayNode members = JsonNodeFactory.instance.arrayNode();
            memberships.forEachMember(group.tenantId(), group.id(), m -> members.add(member(m)));
            if (!members.isEmpty()) {
                out.set("members", members);
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        meta.put("location", location(group.id()));
        meta.put("version", ETags.of(group.version()));
        return selection.apply(out);
    }

    public String location(UUID id) {
        return locations.of("/Groups", id);
    }

    private ObjectNode member(Member member) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("value", member.id().toString());
        if (member.display() != null) {
            node.put("display", member.display());
        }
        node.put("type", member.type().scimName());
        node.put("$ref", locations.of(member.type().endpoint(), member.id()));
        return node;
    }
}
