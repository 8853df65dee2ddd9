package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.directory.GroupMembership;
import org.scimlog.directory.Memberships;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.directory.ResourcePage;
import org.scimlog.directory.ResourceRecord;

/**
 * Users: one document each (see {@link DocumentHandler}), shown with the read-only "groups" (RFC 7643 §4.1.2)
 * from their memberships: read by a search's own statement (see UserKind), by one query for the user of a read
 * by id or a write's answer, and by none when the response does not return them.
 */
final class UserHandler extends DocumentHandler {

    private final ResourceRepresentation representation;
    private final Memberships memberships;
    private final ResourceLocations locations;
    private final String groupsEndpoint;

    UserHandler(ResourceDirectory directory, DocumentValidator validator, ResourceRepresentation representation,
                Memberships memberships, ResourceLocations locations, String groupsEndpoint) {
        super(directory, validator, representation);
        this.representation = representation;
        this.memberships = memberships;
        this.locations = locations;
        this.groupsEndpoint = groupsEndpoint;
    }

    @Override
    public List<ObjectNode> present(List<ResourceRecord> users, AttributeSelection selection) {
        if (users.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<GroupMembership>> groups = selection.returns("groups")
                ? memberships.groupsOf(users.get(0).tenantId(), users.stream().map(ResourceRecord::id).toList())
                : Map.of();
        return present(users, groups, selection);
    }

    /** A search's page has read each user's groups in its own statement: no second query. */
    @Override
    public List<ObjectNode> present(ResourcePage page, AttributeSelection selection) {
        if (page.memberOf() == null) {
            return present(page.resources(), selection);
        }
        return present(page.resources(), page.memberOf(), selection);
    }

    private List<ObjectNode> present(List<ResourceRecord> users, Map<UUID, List<GroupMembership>> groups,
                                     AttributeSelection selection) {
        return users.stream().map(user -> selection.apply(representation.of(type(), user,
                out -> addGroups(out, groups.getOrDefault(user.id(), List.of()))))).toList();
    }

    /** A user just created is in no group yet: no query for its groups. */
    @Override
    public ObjectNode presentCreated(ResourceRecord created, AttributeSelection selection) {
        return selection.apply(representation.of(type(), created, out -> { }));
    }

    /** Left out when the user is in no group. */
    private void addGroups(ObjectNode out, List<GroupMembership> groups) {
        if (groups.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray("groups");
        for (GroupMembership group : groups) {
            array.addObject()
                    .put("value", group.groupId().toString())
                    .put("$ref", locations.of(groupsEndpoint, group.groupId()))
                    .put("display", group.displayName())
                    .put("type", group.direct() ? "direct" : "indirect");
        }
    }
}
