package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.GROUP;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.members;
import static org.scimlog.scim.GroupFixtures.op;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;
import static org.scimlog.scim.UserFixtures.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogEvents;
import org.scimlog.support.ScimServerTest;

/**
 * Okta's Group Push and Entra ID's group provisioning, request by request as they send them, and the
 * System Log events each step leaves.
 */
@MicronautTest(transactional = false)
class GroupProvisioningSequenceTest extends ScimServerTest {

    @Test
    void oktaGroupPush() {
        String alice = createUser(api, "push.alice");
        String bob = createUser(api, "push.bob");
        String name = uniqueGroupName("Okta Push");

        // 1. Okta creates the group empty, then adds the members with a PATCH
        Reply created = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", name, "members", List.of()));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        Reply added = api.patch("/scim/v2/Groups/" + id, patch(op("add", "members",
                List.of(Map.of("value", alice, "display", "alice"), Map.of("value", bob, "display", "bob")))));
        assertEquals(200, added.status(), added::toString);
        assertEquals(Set.of(alice, bob), new HashSet<>(added.json().path("members").findValuesAsText("value")));

        // 2. rename: Okta sends the id back with the new name
        String renamed = uniqueGroupName("Okta Push renamed");
        Reply rename = api.patch("/scim/v2/Groups/" + id, patch(op("replace", null, Map.of("id", id, "displayName", renamed))));
        assertEquals(200, rename.status(), rename::toString);
        assertEquals(renamed, rename.json().path("displayName").asText());

        // 3. unassign one member
        Reply removed = api.patch("/scim/v2/Groups/" + id, patch(op("remove", "members[value eq \"" + alice + "\"]", null)));
        assertEquals(200, removed.status(), removed::toString);
        assertEquals(List.of(bob), memberIds(api, id));

        // 4. delete the pushed group
        assertEquals(204, api.delete("/scim/v2/Groups/" + id).status());
        assertEquals(404, api.get("/scim/v2/Groups/" + id).status());

        assertEquals(1, LogEvents.about(tenantName, "group.lifecycle.create", id).size());
        List<JsonNode> adds = LogEvents.about(tenantName, "group.user_membership.add", id);
        assertEquals(2, adds.size());
        JsonNode add = adds.get(0);
        assertEquals("User", add.at("/target/0/type").asText());
        assertEquals("UserGroup", add.at("/target/1/type").asText());
        assertEquals(id, add.at("/target/1/id").asText());
        List<JsonNode> updates = LogEvents.about(tenantName, "group.profile.update", id);
        assertEquals(1, updates.size());
        assertTrue(updates.get(0).toString().contains(renamed), updates::toString);
        List<JsonNode> removes = LogEvents.about(tenantName, "group.user_membership.remove", id);
        assertEquals(2, removes.size(), "one for the unassignment, one for bob when the group was deleted");
        assertEquals(Set.of(alice, bob), Set.of(removes.get(0).at("/target/0/id").asText(), removes.get(1).at("/target/0/id").asText()));
        assertEquals(1, LogEvents.about(tenantName, "group.lifecycle.delete", id).size());
    }

    @Test
    void entraIdGroupProvisioning() {
        String carol = createUser(api, "entra.carol");
        String dave = createUser(api, "entra.dave");
        String name = uniqueGroupName("Entra");

        // Entra ID looks the group up by displayName first, then creates it without members
        Reply lookup = api.get("/scim/v2/Groups?excludedAttributes=members&filter=" + Api.q("displayName eq \"" + name + "\""));
        assertEquals(0, lookup.json().path("totalResults").asInt());
        Reply created = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", name,
                "externalId", "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();

        // members are added and removed with "Add"/"Remove" and value arrays
        Reply add = api.patch("/scim/v2/Groups/" + id, patch(op("Add", "members", members(carol, dave))));
        assertEquals(200, add.status(), add::toString);
        Reply membership = api.get("/scim/v2/Groups?excludedAttributes=members&filter="
                + Api.q("id eq \"" + id + "\" and members[value eq \"" + carol + "\"]"));
        assertEquals(1, membership.json().path("totalResults").asInt(), "Entra's membership check");
        Reply remove = api.patch("/scim/v2/Groups/" + id, patch(op("Remove", "members", members(carol))));
        assertEquals(200, remove.status(), remove::toString);
        Reply rename = api.patch("/scim/v2/Groups/" + id, patch(op("Replace", "displayName", name + " (renamed)")));
        assertEquals(200, rename.status(), rename::toString);
        assertEquals(List.of(dave), memberIds(api, id));

        // deleting a user takes it out of the group, with a membership event
        assertEquals(204, api.delete("/scim/v2/Users/" + dave).status());
        assertEquals(List.of(), memberIds(api, id));
        assertEquals(1, LogEvents.about(tenantName, "group.user_membership.remove", dave).size());
        assertEquals(2, LogEvents.about(tenantName, "group.user_membership.add", id).size());
    }

    @Test
    void aFailedWriteLeavesNoEvents() {
        String name = uniqueGroupName("No events");
        Reply refused = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", name,
                "members", members("00000000-0000-0000-0000-000000000000")));
        assertEquals(400, refused.status());
        assertTrue(LogEvents.of(tenantName, "group.lifecycle.create").stream().noneMatch(e -> e.toString().contains(name)));
    }
}
