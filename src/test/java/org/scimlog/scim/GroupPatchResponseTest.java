package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/**
 * What a group PATCH answers when the client chooses no attributes, as Okta and Entra ID send it: the group
 * with its members up to {@code scimlog.scim.groups.patch-response-max-members} (3 here, so a "large" group
 * stays fast to build), 204 with the ETag beyond it. The bodies are the vendors' own: Okta's from "Update
 * specific Group membership" (developer.okta.com, SCIM 2.0 reference; ../shared/reference), Entra ID's from
 * Microsoft's SCIM tutorial ("Update Group [Add Members]" / "[Remove Members]", learn.microsoft.com,
 * use-scim-to-provision-users-and-groups), ids replaced.
 */
@MicronautTest(transactional = false)
class GroupPatchResponseTest extends ScimServerTest {

    private static final int MAX = 3;
    private static final Map<String, String> OKTA = Map.of("User-Agent", "Okta SCIM Client 1.0.0",
            "Content-Type", "application/scim+json; charset=utf-8", "Accept", "application/scim+json");
    private static final Map<String, String> ENTRA = Map.of(
            "Content-Type", "application/scim+json", "Accept", "application/scim+json");

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.scim.groups.patch-response-max-members", String.valueOf(MAX));
    }

    /** Okta's literal membership PATCH: remove one member by filter, add another with its display. */
    private static String oktaMembershipPatch(String removed, String added) {
        return """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "remove",
                        "path": "members[value eq \\"%s\\"]"
                        },
                        {
                        "op": "add",
                        "path": "members",
                        "value": [{
                            "value": "%s",
                            "display": "test.user@okta.local"
                        }]
                    }]
                }""".formatted(removed, added);
    }

    private static String entraAdd(String member) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"name":"addMember","op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}"""
                .formatted(member);
    }

    private static String entraRemove(String member) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"name":"removeMember","op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}"""
                .formatted(member);
    }

    private String[] users(String prefix, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = createUser(api, prefix + i);
        }
        return ids;
    }

    private Set<String> members(String groupId) {
        Reply got = api.get("/scim/v2/Groups/" + groupId);
        assertEquals(200, got.status(), got::toString);
        return new HashSet<>(got.json().path("members").findValuesAsText("value"));
    }

    @Test
    void aSmallGroupIsAnsweredWithItsMembersAsOktasSuiteExpects() {
        String[] u = users("small", 3);
        String id = createGroup(api, uniqueGroupName("Small"), u[0], u[1]);

        Reply okta = api.send("PATCH", "/scim/v2/Groups/" + id, oktaMembershipPatch(u[0], u[2]), OKTA);

        assertEquals(200, okta.status(), okta::toString);
        assertEquals(Set.of(u[1], u[2]), new HashSet<>(okta.json().path("members").findValuesAsText("value")));
        assertEquals("test.user@okta.local", okta.json().at("/members/1/display").asText());
        assertEquals("W/\"2\"", okta.header("ETag"));

        Reply entra = api.send("PATCH", "/scim/v2/Groups/" + id, entraAdd(u[0]), ENTRA);
        assertEquals(200, entra.status(), "3 members before the change: still at most the maximum");
        assertEquals(Set.of(u[0], u[1], u[2]), new HashSet<>(entra.json().path("members").findValuesAsText("value")));
    }

    @Test
    void aGroupAboveTheMaximumIsAnswered204WithItsETagAndTheChangeMade() {
        String[] u = users("large", 6);
        String id = createGroup(api, uniqueGroupName("Large"), u[0], u[1], u[2], u[3]);

        Reply okta = api.send("PATCH", "/scim/v2/Groups/" + id, oktaMembershipPatch(u[0], u[4]), OKTA);
        assertEquals(204, okta.status(), okta::toString);
        assertEquals("", okta.body());
        assertEquals("W/\"2\"", okta.header("ETag"), "the new version, so a client can still use If-Match");
        assertEquals(Set.of(u[1], u[2], u[3], u[4]), members(id));

        Reply entraAdd = api.send("PATCH", "/scim/v2/Groups/" + id, entraAdd(u[5]), ENTRA);
        assertEquals(204, entraAdd.status(), entraAdd::toString);
        assertEquals("W/\"3\"", entraAdd.header("ETag"));
        Reply entraRemove = api.send("PATCH", "/scim/v2/Groups/" + id, entraRemove(u[1]), ENTRA);
        assertEquals(204, entraRemove.status(), entraRemove::toString);
        assertEquals(Set.of(u[2], u[3], u[4], u[5]), members(id));

        List<JsonNode> events = LogRows.events(tenantName).stream()
                .filter(e -> e.path("eventType").asText().startsWith("group.user_membership.")
                        && e.at("/debugContext/debugData/httpMethod").asText().equals("PATCH")
                        && e.path("target").toString().contains(id)).toList();
        assertEquals(4, events.size(), "Okta's remove and add, Entra's add, Entra's remove");
        events.forEach(e -> assertEquals("204", e.at("/debugContext/debugData/httpStatus").asText(),
                "the event records the status the client got"));
    }

    @Test
    void theBoundaryIsTheSizeBeforeTheChange() {
        String[] u = users("edge", 5);
        String id = createGroup(api, uniqueGroupName("Edge"), u[0], u[1], u[2]);
        assertEquals(200, api.send("PATCH", "/scim/v2/Groups/" + id, entraAdd(u[3]), ENTRA).status(), "3 members");
        assertEquals(204, api.send("PATCH", "/scim/v2/Groups/" + id, entraRemove(u[3]), ENTRA).status(), "4 members");
        assertEquals(200, api.send("PATCH", "/scim/v2/Groups/" + id, entraAdd(u[4]), ENTRA).status(), "3 again");
    }

    @Test
    void aClientThatChoosesAttributesGetsWhatItChoseWhateverTheSize() {
        String[] u = users("chosen", 6);
        String id = createGroup(api, uniqueGroupName("Chosen"), u[0], u[1], u[2], u[3], u[4]);

        Reply all = api.send("PATCH", "/scim/v2/Groups/" + id + "?attributes=members", entraRemove(u[0]), ENTRA);
        assertEquals(200, all.status(), all::toString);
        assertEquals(4, all.json().path("members").size());
        assertEquals(id, all.json().path("id").asText());

        Reply none = api.send("PATCH", "/scim/v2/Groups/" + id + "?excludedAttributes=members", entraAdd(u[5]), ENTRA);
        assertEquals(200, none.status(), none::toString);
        assertTrue(none.json().path("members").isMissingNode(), none::toString);
        assertTrue(none.json().path("displayName").isTextual());
    }

    @Test
    void putStillAnswersWithTheWholeGroupItWasSent() {
        String[] u = users("put", 5);
        String name = uniqueGroupName("Put");
        String id = createGroup(api, name, u[0]);
        Reply put = api.send("PUT", "/scim/v2/Groups/" + id, GroupFixtures.group(name, u), OKTA);
        assertEquals(200, put.status(), put::toString);
        assertEquals(Set.of(u), new HashSet<>(put.json().path("members").findValuesAsText("value")));
    }

    @Test
    void aMissingGroupIsStill404() {
        Reply missing = api.send("PATCH", "/scim/v2/Groups/0190a8a0-0000-7000-8000-000000000000",
                entraAdd("0190a8a0-0000-7000-8000-000000000001"), ENTRA);
        assertEquals(404, missing.status(), missing::toString);
    }
}
