package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.GROUP;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.group;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.members;
import static org.scimlog.scim.GroupFixtures.op;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;
import static org.scimlog.scim.UserFixtures.patch;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Requests a group endpoint must refuse, each with the status, scimType and a detail that names the problem. */
@MicronautTest(transactional = false)
class GroupBadInputTest extends ScimServerTest {

    private static void assertRefused(Reply reply, int status, String scimType, String... detailParts) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(String.valueOf(status), reply.json().path("status").asText());
        if (scimType != null) {
            assertEquals(scimType, reply.json().path("scimType").asText(), reply::toString);
        }
        for (String part : detailParts) {
            assertTrue(reply.json().path("detail").asText().contains(part), reply::toString);
        }
    }

    @Test
    void unknownMemberIdsAreNamed() {
        String real = createUser(api, "real");
        String unknown = "6b7e3c7e-0000-4000-8000-000000000001";
        assertRefused(api.post("/scim/v2/Groups", group(uniqueGroupName("Bad"), real, unknown)),
                400, "invalidValue", unknown);
        assertRefused(api.post("/scim/v2/Groups", group(uniqueGroupName("Bad"), "bjensen")),
                400, "invalidValue", "'bjensen'");
        String id = createGroup(api, uniqueGroupName("Target"), real);
        assertRefused(api.patch("/scim/v2/Groups/" + id, patch(op("add", "members", members(unknown)))),
                400, "invalidValue", unknown);
        assertRefused(api.put("/scim/v2/Groups/" + id, group(uniqueGroupName("Target2"), unknown)),
                400, "invalidValue", unknown);
        assertEquals(List.of(real), memberIds(api, id));
    }

    @Test
    void membersOfAnotherTenantAreUnknownHere() {
        Api other = otherTenant();
        String foreignUser = createUser(other, "foreign");
        String foreignGroup = createGroup(other, uniqueGroupName("Foreign"));
        assertRefused(api.post("/scim/v2/Groups", group(uniqueGroupName("Cross"), foreignUser)),
                400, "invalidValue", foreignUser);
        assertRefused(api.post("/scim/v2/Groups", group(uniqueGroupName("Cross"), foreignGroup)),
                400, "invalidValue", foreignGroup);
    }

    @Test
    void cyclesAreRefused() {
        String a = createGroup(api, uniqueGroupName("A"));
        String b = createGroup(api, uniqueGroupName("B"), a);
        String c = createGroup(api, uniqueGroupName("C"), b);

        assertRefused(api.patch("/scim/v2/Groups/" + a, patch(op("add", "members", members(a)))),
                400, "invalidValue", "itself");
        assertRefused(api.patch("/scim/v2/Groups/" + a, patch(op("add", "members", members(b)))),
                400, "invalidValue", "cycle");
        assertRefused(api.patch("/scim/v2/Groups/" + a, patch(op("replace", "members", members(c)))),
                400, "invalidValue", "cycle");
        assertEquals(List.of(), memberIds(api, a));
    }

    @Test
    void memberTypeMustMatchWhatTheIdIs() {
        String user = createUser(api, "typed");
        Map<String, Object> body = group(uniqueGroupName("Typed"));
        body.put("members", List.of(Map.of("value", user, "type", "Group")));
        assertRefused(api.post("/scim/v2/Groups", body), 400, "invalidValue", "is a User");
        body.put("members", List.of(Map.of("value", user, "type", "Robot")));
        assertRefused(api.post("/scim/v2/Groups", body), 400, "invalidValue", "Robot");
    }

    @Test
    void malformedGroupsAreRefused() {
        assertRefused(api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP))), 400, "invalidValue", "displayName");
        assertRefused(api.post("/scim/v2/Groups", Map.of("displayName", "x")), 400, "invalidSyntax", "schemas");
        assertRefused(api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "x",
                "members", "everyone")), 400, "invalidValue", "members");
        assertRefused(api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "x",
                "members", List.of(Map.of("display", "no value")))), 400, "invalidValue", "value");
        assertRefused(api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "x",
                "members", List.of(Map.of("value", "x", "color", "red")))), 400, "invalidValue", "color");
        assertRefused(api.post("/scim/v2/Groups", "{\"schemas\":"), 400, "invalidSyntax");
    }

    @Test
    void unsupportedMemberPatchesAreRefused() {
        String u = createUser(api, "p");
        String id = createGroup(api, uniqueGroupName("Patch"), u);
        assertRefused(api.patch("/scim/v2/Groups/" + id, patch(op("remove", "members[display eq \"x\"]", null))),
                400, "invalidFilter", "value eq");
        assertRefused(api.patch("/scim/v2/Groups/" + id, patch(op("replace", "members[value eq \"" + u + "\"].display", "x"))),
                400, "invalidPath");
        assertRefused(api.patch("/scim/v2/Groups/" + id, patch(op("add", "members", "not-a-list"))),
                400, "invalidValue");
        assertRefused(api.patch("/scim/v2/Groups/" + id, patch(op("remove", "displayName", null))),
                400, "invalidValue", "required");
        assertRefused(api.patch("/scim/v2/Groups/" + id, Map.of("Operations", List.of())), 400, "invalidSyntax");
        assertEquals(List.of(u), memberIds(api, id));
    }

    @Test
    void badFiltersAndUnknownIdsAnswerAsForUsers() {
        assertRefused(api.get("/scim/v2/Groups?filter=" + Api.q("members.colour eq \"x\"")), 400, "invalidFilter", "colour");
        assertRefused(api.get("/scim/v2/Groups?filter=" + Api.q("displayName eq")), 400, "invalidFilter");
        assertRefused(api.get("/scim/v2/Groups/not-a-uuid"), 404, null, "not-a-uuid");
        assertRefused(api.patch("/scim/v2/Groups/00000000-0000-0000-0000-000000000000",
                patch(op("remove", "members", null))), 404, null);
    }
}
