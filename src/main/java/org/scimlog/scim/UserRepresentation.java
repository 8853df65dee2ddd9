package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.directory.GroupMembership;
import org.scimlog.directory.Memberships;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.directory.UserPage;
import org.scimlog.directory.UserRecord;

/** A stored user as clients see it: schemas, id, the document, then meta (RFC 7643 §3.1). */
@Singleton
public class UserRepresentation {

    private final ResourceLocations locations;
    private final Memberships memberships;
    private final ResourceType type;

    public UserRepresentation(ResourceLocations locations, Memberships memberships, SchemaRegistry registry) {
        this.locations = locations;
        this.memberships = memberships;
        this.type = registry.user();
    }

    public ObjectNode present(UserRecord user, AttributeSelection selection) {
        return present(user.tenantId(), List.of(user), selection).get(0);
    }

    /** The read-only "groups" comes from memberships: one query for the user, and none when not returned. */
    private List<ObjectNode> present(UUID tenantId, List<UserRecord> users, AttributeSelection selection) {
        Map<UUID, List<GroupMembership>> groups = selection.returns("groups")
                ? memberships.groupsOf(tenantId, users.stream().map(UserRecord::id).toList()) : Map.of();
        return present(users, groups, selection);
    }

    /** A page read with its users' groups (see UserDirectory.search). */
    public List<ObjectNode> present(UserPage page, AttributeSelection selection) {
        return present(page.users(), page.groups(), selection);
    }

    private List<ObjectNode> present(List<UserRecord> users, Map<UUID, List<GroupMembership>> groups,
                                     AttributeSelection selection) {
        return users.stream()
                .map(u -> selection.apply(of(u, groups.getOrDefault(u.id(), List.of()))))
                .toList();
    }

    public ObjectNode of(UserRecord user) {
        return of(user, List.of());
    }

    /** With the read-only "groups" (RFC 7643 §4.1.2) from the user's memberships; left out when there are none. */
    public ObjectNode of(UserRecord user, List<GroupMembership> groups) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode document = user.document();
        out.set("schemas", document.get("schemas").deepCopy());
        out.put("id", user.id().toString());
        Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("schemas")) {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        UndeclaredExtensions.strip(out, type);
        if (!groups.isEmpty()) {
            ArrayNode array = out.putArray("groups");
            for (GroupMembership group : groups) {
                array.addObject()
                        .put("value", group.groupId().toString())
                        .put("$ref", locations.of("/Groups", group.groupId()))
                        .put("display", group.displayName())
                        .put("type", group.direct() ? "direct" : "indirect");
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        meta.put("location", locations.of("/Users", user.id()));
        meta.put("version", ETags.of(user.version()));
        return out;
    }
}
