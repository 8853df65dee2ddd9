package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.members;
import static org.scimlog.scim.GroupFixtures.op;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;
import static org.scimlog.scim.UserFixtures.patch;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Every PATCH form Okta and Entra ID send to groups, over HTTP. */
@MicronautTest(transactional = false)
class GroupPatchTest extends ScimServerTest {

    private Reply patchGroup(String id, Map<String, Object>... operations) {
        return api.patch("/scim/v2/Groups/" + id, patch(operations));
    }

    @Test
    void addsMembersWithAPathAndReturnsTheGroupWithMembers() {
        String u1 = createUser(api, "add1");
        String u2 = createUser(api, "add2");
        String id = createGroup(api, uniqueGroupName("Add"), u1);

        Reply patched = patchGroup(id, op("add", "members", List.of(Map.of("value", u2, "display", "Two"))));

        assertEquals(200, patched.status(), patched::toString);
        assertEquals(Set.of(u1, u2), new HashSet<>(patched.json().path("members").findValuesAsText("value")));
        assertEquals("W/\"2\"", patched.header("ETag"));
    }

    @Test
    void addsMembersWithoutAPathAsOktaDoes() {
        String u1 = createUser(api, "nopath");
        String id = createGroup(api, uniqueGroupName("NoPath"));
        Reply patched = patchGroup(id, op("add", null, Map.of("members", members(u1))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(List.of(u1), memberIds(api, id));
    }

    @Test
    void removesAMemberByValueFilterAsOktaDoes() {
        String u1 = createUser(api, "okta1");
        String u2 = createUser(api, "okta2");
        String id = createGroup(api, uniqueGroupName("OktaRemove"), u1, u2);

        Reply patched = patchGroup(id, op("remove", "members[value eq \"" + u1 + "\"]", null));

        assertEquals(200, patched.status(), patched::toString);
        assertEquals(List.of(u2), memberIds(api, id));
    }

    @Test
    void removesSeveralMembersByAnOrFilter() {
        String u1 = createUser(api, "or1");
        String u2 = createUser(api, "or2");
        String u3 = createUser(api, "or3");
        String id = createGroup(api, uniqueGroupName("Or"), u1, u2, u3);
        patchGroup(id, op("remove", "members[value eq \"" + u1 + "\" or value eq \"" + u3 + "\"]", null));
        assertEquals(List.of(u2), memberIds(api, id));
    }

    @Test
    void addsAndRemovesMembersWithValueArraysAsEntraDoes() {
        String u1 = createUser(api, "entra1");
        String u2 = createUser(api, "entra2");
        String id = createGroup(api, uniqueGroupName("Entra"), u1);

        assertEquals(200, patchGroup(id, op("Add", "members", members(u2))).status());
        assertEquals(Set.of(u1, u2), new HashSet<>(memberIds(api, id)));
        Reply removed = patchGroup(id, op("Remove", "members", members(u1)));
        assertEquals(200, removed.status(), removed::toString);
        assertEquals(List.of(u2), memberIds(api, id));
    }

    @Test
    void removeWithoutValueEmptiesTheGroup() {
        String u1 = createUser(api, "all");
        String id = createGroup(api, uniqueGroupName("All"), u1);
        patchGroup(id, op("remove", "members", null));
        assertEquals(List.of(), memberIds(api, id));
    }

    @Test
    void replaceSetsExactlyTheGivenMembers() {
        String keep = createUser(api, "keep");
        String drop = createUser(api, "drop");
        String add = createUser(api, "new");
        String id = createGroup(api, uniqueGroupName("Replace"), keep, drop);

        Reply replaced = patchGroup(id, op("replace", "members", members(keep, add)));

        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(Set.of(keep, add), new HashSet<>(memberIds(api, id)));
        patchGroup(id, op("replace", null, Map.of("members", members(drop))));
        assertEquals(List.of(drop), memberIds(api, id));
    }

    @Test
    void renamesTheGroupAsOktaDoes() {
        String u1 = createUser(api, "rename");
        String id = createGroup(api, uniqueGroupName("Before"), u1);
        String after = uniqueGroupName("After");

        Reply renamed = patchGroup(id, op("replace", null, Map.of("id", id, "displayName", after)));

        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(after, renamed.json().path("displayName").asText());
        assertEquals(List.of(u1), memberIds(api, id), "a rename keeps the members");
        Reply withPath = patchGroup(id, op("replace", "displayName", "Path " + after));
        assertEquals("Path " + after, withPath.json().path("displayName").asText());
    }

    @Test
    void appliesSeveralOperationsInOrderAndAtomically() {
        String u1 = createUser(api, "multi1");
        String u2 = createUser(api, "multi2");
        String id = createGroup(api, uniqueGroupName("Multi"), u1);
        String renamed = uniqueGroupName("Multi renamed");

        Reply ok = patchGroup(id,
                op("replace", "displayName", renamed),
                op("add", "members", members(u2)),
                op("remove", "members[value eq \"" + u1 + "\"]", null));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals(renamed, ok.json().path("displayName").asText());
        assertEquals(List.of(u2), memberIds(api, id));

        Reply failed = patchGroup(id,
                op("replace", "displayName", "Never applied"),
                op("remove", "members", null),
                op("add", "members", members("00000000-0000-0000-0000-000000000000")));
        assertEquals(400, failed.status(), failed::toString);
        Reply after = api.get("/scim/v2/Groups/" + id);
        assertEquals(renamed, after.json().path("displayName").asText(), "nothing of a failed PATCH is kept");
        assertEquals(List.of(u2), memberIds(api, id));
    }

    @Test
    void addingAnExistingMemberOrRemovingAMissingOneIsNoErrorAndNoChange() {
        String u1 = createUser(api, "idem");
        String id = createGroup(api, uniqueGroupName("Idempotent"), u1);

        Reply again = patchGroup(id, op("add", "members", members(u1)));
        assertEquals(200, again.status(), again::toString);
        Reply missing = patchGroup(id, op("remove", "members[value eq \"" + createUser(api, "other") + "\"]", null));
        assertEquals(200, missing.status(), missing::toString);
        Reply notAnId = patchGroup(id, op("remove", "members[value eq \"not-an-id\"]", null));
        assertEquals(200, notAnId.status(), notAnId::toString);
        assertEquals("W/\"1\"", notAnId.header("ETag"), "nothing changed, so the version did not move");
        assertEquals(List.of(u1), memberIds(api, id));
    }

    @Test
    void excludedAttributesKeepsTheResponseSmall() {
        String u1 = createUser(api, "small");
        String id = createGroup(api, uniqueGroupName("Small"));
        Reply patched = api.patch("/scim/v2/Groups/" + id + "?excludedAttributes=members",
                patch(op("add", "members", members(u1))));
        assertEquals(200, patched.status(), patched::toString);
        assertFalse(patched.json().has("members"));
        assertTrue(patched.json().has("displayName"));
    }

    @Test
    void nestsGroupsAndReportsTheirType() {
        String child = createGroup(api, uniqueGroupName("Child"));
        String parent = createGroup(api, uniqueGroupName("Parent"));
        Reply patched = patchGroup(parent, op("add", "members", List.of(Map.of("value", child, "type", "Group"))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("Group", patched.json().at("/members/0/type").asText());
        assertTrue(patched.json().at("/members/0/$ref").asText().endsWith("/Groups/" + child));
    }
}
