package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.GROUP;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.group;
import static org.scimlog.scim.GroupFixtures.ids;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

@MicronautTest(transactional = false)
class GroupsLifecycleTest extends ScimServerTest {

    @Test
    void createReturns201WithMembersLocationAndEtag() {
        String alice = createUser(api, "alice");
        Map<String, Object> body = group(uniqueGroupName("Tour Guides"));
        body.put("members", List.of(Map.of("value", alice, "display", "alice@example.com")));
        Reply created = api.post("/scim/v2/Groups", body);

        assertEquals(201, created.status(), created::toString);
        JsonNode group = created.json();
        String id = group.path("id").asText();
        assertEquals(List.of(GROUP), List.of(group.path("schemas").get(0).asText()));
        assertEquals(alice, group.at("/members/0/value").asText());
        assertEquals("alice@example.com", group.at("/members/0/display").asText(), "the client's display is kept");
        assertEquals("User", group.at("/members/0/type").asText());
        assertTrue(group.at("/members/0/$ref").asText().endsWith("/scim/v2/Users/" + alice));
        assertEquals("Group", group.at("/meta/resourceType").asText());
        assertEquals(group.at("/meta/location").asText(), created.header("Location"));
        assertTrue(created.header("Location").endsWith("/scim/v2/Groups/" + id));
        assertEquals("W/\"1\"", created.header("ETag"));
    }

    @Test
    void getReturnsMembersUnlessExcluded() {
        String bob = createUser(api, "bob");
        String id = createGroup(api, uniqueGroupName("Readers"), bob);

        assertEquals(List.of(bob), memberIds(api, id));
        Reply slim = api.get("/scim/v2/Groups/" + id + "?excludedAttributes=members");
        assertEquals(200, slim.status());
        assertFalse(slim.json().has("members"));
        assertTrue(slim.json().has("displayName"));
        Reply onlyName = api.get("/scim/v2/Groups/" + id + "?attributes=displayName");
        assertFalse(onlyName.json().has("members"));
        assertEquals(id, onlyName.json().path("id").asText());
    }

    @Test
    void displayNameIsUniquePerTenantIgnoringCase() {
        String name = uniqueGroupName("Admins");
        createGroup(api, name);
        Reply duplicate = api.post("/scim/v2/Groups", group(name.toUpperCase()));

        assertEquals(409, duplicate.status(), duplicate::toString);
        assertEquals("uniqueness", duplicate.json().path("scimType").asText());
        assertEquals(201, otherTenant().post("/scim/v2/Groups", group(name)).status(), "other tenants may use it");
    }

    @Test
    void renamingOntoAnotherGroupsNameIsAConflict() {
        String taken = uniqueGroupName("Taken");
        createGroup(api, taken);
        String id = createGroup(api, uniqueGroupName("Free"));
        Reply renamed = api.put("/scim/v2/Groups/" + id, group(taken.toLowerCase()));
        assertEquals(409, renamed.status(), renamed::toString);
    }

    @Test
    void listFiltersByDisplayNameAndByMember() {
        String carol = createUser(api, "carol");
        String name = uniqueGroupName("Filtered");
        String withCarol = createGroup(api, name, carol);
        String other = createGroup(api, uniqueGroupName("Other"));

        Reply byName = api.get("/scim/v2/Groups?filter=" + Api.q("displayName eq \"" + name.toUpperCase() + "\""));
        assertEquals(200, byName.status(), byName::toString);
        assertEquals(List.of(withCarol), ids(byName.json()));

        Reply byMember = api.get("/scim/v2/Groups?filter=" + Api.q("members.value eq \"" + carol + "\"")
                + "&excludedAttributes=members");
        assertEquals(List.of(withCarol), ids(byMember.json()));
        assertFalse(byMember.json().at("/Resources/0").has("members"));

        Reply byValuePath = api.get("/scim/v2/Groups?filter=" + Api.q("members[value eq \"" + carol + "\"]"));
        assertEquals(List.of(withCarol), ids(byValuePath.json()));
        Reply notAnId = api.get("/scim/v2/Groups?filter=" + Api.q("members.value eq \"nope\""));
        assertEquals(0, notAnId.json().path("totalResults").asInt());
        assertTrue(ids(api.get("/scim/v2/Groups?count=1000").json()).contains(other));
    }

    @Test
    void listSortsAndPages() {
        String prefix = "Paged " + java.util.UUID.randomUUID().toString().substring(0, 6);
        String b = createGroup(api, prefix + " b");
        String a = createGroup(api, prefix + " a");
        String c = createGroup(api, prefix + " c");
        String filter = "?filter=" + Api.q("displayName sw \"" + prefix + "\"") + "&sortBy=displayName";

        assertEquals(List.of(a, b, c), ids(api.get("/scim/v2/Groups" + filter).json()));
        assertEquals(List.of(c, b, a), ids(api.get("/scim/v2/Groups" + filter + "&sortOrder=descending").json()));
        Reply page = api.get("/scim/v2/Groups" + filter + "&startIndex=2&count=1");
        assertEquals(List.of(b), ids(page.json()));
        assertEquals(3, page.json().path("totalResults").asInt());
        assertEquals(2, page.json().path("startIndex").asInt());
        Reply bad = api.get("/scim/v2/Groups?sortBy=members");
        assertEquals(400, bad.status());
    }

    @Test
    void putReplacesTheMemberListAndTheDocument() {
        String u1 = createUser(api, "put1");
        String u2 = createUser(api, "put2");
        String u3 = createUser(api, "put3");
        String id = createGroup(api, uniqueGroupName("Put"), u1, u2);

        Map<String, Object> replacement = group(uniqueGroupName("Put renamed"), u2, u3);
        replacement.put("externalId", "ext-1");
        Reply replaced = api.put("/scim/v2/Groups/" + id, replacement);

        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(Set.of(u2, u3), new HashSet<>(replaced.json().path("members").findValuesAsText("value")));
        assertEquals("ext-1", replaced.json().path("externalId").asText());
        assertEquals("W/\"2\"", replaced.header("ETag"));
        Reply emptied = api.put("/scim/v2/Groups/" + id, group(replacement.get("displayName").toString()));
        assertFalse(emptied.json().has("members"));
    }

    @Test
    void deleteRemovesTheGroupAndItsPlaceInOtherGroups() {
        String u = createUser(api, "del");
        String child = createGroup(api, uniqueGroupName("Child"), u);
        String parent = createGroup(api, uniqueGroupName("Parent"), child);

        assertEquals(204, api.delete("/scim/v2/Groups/" + child).status());
        assertEquals(404, api.get("/scim/v2/Groups/" + child).status());
        assertEquals(List.of(), memberIds(api, parent));
        assertFalse(api.get("/scim/v2/Users/" + u).json().has("groups"));
        assertEquals(404, api.delete("/scim/v2/Groups/" + child).status());
    }

    @Test
    void usersShowTheirGroupsDirectAndIndirect() {
        String dana = createUser(api, "dana");
        String teamName = uniqueGroupName("Team");
        String team = createGroup(api, teamName, dana);
        String division = createGroup(api, uniqueGroupName("Division"), team);

        JsonNode user = api.get("/scim/v2/Users/" + dana).json();
        JsonNode groups = user.path("groups");
        assertEquals(2, groups.size(), user::toString);
        for (JsonNode g : groups) {
            if (g.path("value").asText().equals(team)) {
                assertEquals("direct", g.path("type").asText());
                assertEquals(teamName, g.path("display").asText());
                assertTrue(g.path("$ref").asText().endsWith("/Groups/" + team));
            } else {
                assertEquals(division, g.path("value").asText());
                assertEquals("indirect", g.path("type").asText());
            }
        }
        assertFalse(api.get("/scim/v2/Users/" + dana + "?excludedAttributes=groups").json().has("groups"));
        JsonNode listed = api.get("/scim/v2/Users?filter=" + Api.q("id eq \"" + dana + "\"")).json();
        assertEquals(2, listed.at("/Resources/0/groups").size());
    }

    @Test
    void deletingAUserRemovesItFromEveryGroup() {
        String erin = createUser(api, "erin");
        String stay = createUser(api, "stay");
        String g1 = createGroup(api, uniqueGroupName("G1"), erin, stay);
        String g2 = createGroup(api, uniqueGroupName("G2"), erin);

        assertEquals(204, api.delete("/scim/v2/Users/" + erin).status());
        assertEquals(List.of(stay), memberIds(api, g1));
        assertEquals(List.of(), memberIds(api, g2));
    }

    @Test
    void groupsOfOneTenantAreInvisibleToAnother() {
        String id = createGroup(api, uniqueGroupName("Private"));
        Api other = otherTenant();
        assertEquals(404, other.get("/scim/v2/Groups/" + id).status());
        assertEquals(404, other.delete("/scim/v2/Groups/" + id).status());
        assertEquals(0, other.get("/scim/v2/Groups").json().path("totalResults").asInt());
    }

    @Test
    void ifNoneMatchAndIfMatchUseTheGroupVersion() {
        String id = createGroup(api, uniqueGroupName("Etag"));
        assertEquals(304, api.get("/scim/v2/Groups/" + id, Map.of("If-None-Match", "W/\"1\"")).status());
        Reply stale = api.send("DELETE", "/scim/v2/Groups/" + id, null, Map.of("If-Match", "W/\"7\""));
        assertEquals(412, stale.status());
        assertEquals(204, api.send("DELETE", "/scim/v2/Groups/" + id, null, Map.of("If-Match", "W/\"1\"")).status());
    }
}
