package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BulkFixtures.assertFailed;
import static org.scimlog.scim.BulkFixtures.bulk;
import static org.scimlog.scim.BulkFixtures.bulkFailingOn;
import static org.scimlog.scim.BulkFixtures.idIn;
import static org.scimlog.scim.BulkFixtures.operation;
import static org.scimlog.scim.BulkFixtures.results;
import static org.scimlog.scim.BulkFixtures.withVersion;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.group;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.op;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;
import static org.scimlog.scim.UserFixtures.ENTERPRISE;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/** /Bulk as a client sees it: results per operation, references by bulkId, and what the System Log records. */
@MicronautTest(transactional = false)
class BulkTest extends ScimServerTest {

    @Test
    void groupListedBeforeItsUsersIsCreatedWithThemAsMembers() {
        String adaName = uniqueUserName("ada");
        String graceName = uniqueUserName("grace");
        Map<String, Object> grace = new HashMap<>(oktaUser(graceName, "Grace", "Hopper"));
        grace.put("schemas", List.of(USER, ENTERPRISE));
        grace.put(ENTERPRISE, Map.of("manager", Map.of("value", "bulkId:ada")));
        Map<String, Object> team = group(uniqueGroupName("Engines"), "bulkId:ada", "bulkId:grace");

        List<JsonNode> results = results(api, bulk(
                operation("POST", "/Groups", "team", team),
                operation("POST", "/Users", "ada", oktaUser(adaName, "Ada", "Lovelace")),
                operation("POST", "/Users", "grace", grace)));

        assertEquals(List.of("ada", "grace", "team"), results.stream().map(r -> r.path("bulkId").asText()).toList(),
                "the group waits for the users it references");
        for (JsonNode result : results) {
            assertEquals("201", result.path("status").asText(), result::toString);
            assertEquals("POST", result.path("method").asText());
            assertEquals("W/\"1\"", result.path("version").asText());
            assertFalse(result.has("response"), "a success carries no body");
        }
        String ada = idIn(results.get(0));
        String graceId = idIn(results.get(1));
        String teamId = idIn(results.get(2));
        assertTrue(results.get(0).path("location").asText().endsWith("/scim/v2/Users/" + ada));
        assertTrue(results.get(2).path("location").asText().endsWith("/scim/v2/Groups/" + teamId));

        assertEquals(Set.of(ada, graceId), Set.copyOf(memberIds(api, teamId)));
        JsonNode graceRead = api.get("/scim/v2/Users/" + graceId).json();
        assertEquals(ada, graceRead.path(ENTERPRISE).at("/manager/value").asText(), "a bulkId inside any attribute resolves");
        assertEquals(adaName, api.get("/scim/v2/Users/" + ada).json().path("userName").asText());
    }

    @Test
    void systemLogRecordsEachOperationAsItsOwnRequestWouldWithItsIndex() {
        List<JsonNode> results = results(api, bulk(
                operation("POST", "/Groups", "crew", group(uniqueGroupName("Crew"), "bulkId:u1", "bulkId:u2")),
                operation("POST", "/Users", "u1", oktaUser(uniqueUserName("u1"), "U", "One")),
                operation("POST", "/Users", "u2", oktaUser(uniqueUserName("u2"), "U", "Two")),
                operation("DELETE", "/Users/6f1d4d5e-0000-4000-8000-000000000000", null, null)));
        String u1 = idIn(results.get(0));
        String u2 = idIn(results.get(1));
        String crew = idIn(results.get(2));
        assertFailed(results.get(3), 404, null);

        List<JsonNode> creates = LogRows.events(tenantName, "user.lifecycle.create").stream()
                .filter(e -> Set.of(u1, u2).contains(e.at("/target/0/id").asText())).toList();
        assertEquals(2, creates.size(), "one create event per created user");
        assertEquals(Set.of(1, 2), creates.stream().map(e -> e.at("/debugContext/debugData/bulkOperation").asInt())
                .collect(Collectors.toSet()), "each names its operation's index in the request");
        JsonNode first = creates.get(0);
        assertEquals("201", first.at("/debugContext/debugData/httpStatus").asText(), "as a single POST /Users records it");
        assertEquals("/scim/v2/Bulk", first.at("/debugContext/debugData/requestUri").asText());
        String transaction = first.at("/transaction/id").asText();

        List<JsonNode> adds = LogRows.events(tenantName, "group.user_membership.add").stream()
                .filter(e -> e.path("target").toString().contains(crew)).toList();
        assertEquals(2, adds.size(), "one membership event per member");
        assertEquals(Set.of(u1, u2), adds.stream().map(e -> e.path("target").findValuesAsText("id"))
                .flatMap(List::stream).filter(id -> !id.equals(crew)).collect(Collectors.toSet()));
        adds.forEach(e -> assertEquals(0, e.at("/debugContext/debugData/bulkOperation").asInt()));
        assertEquals(1, LogRows.events(tenantName, "group.lifecycle.create").stream()
                .filter(e -> e.at("/target/0/id").asText().equals(crew)).count());

        JsonNode rejected = LogRows.events(tenantName, "scimlog.scim.request.rejected").stream()
                .filter(e -> e.path("target").toString().contains("6f1d4d5e-0000-4000-8000-000000000000"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("404", rejected.at("/debugContext/debugData/httpStatus").asText());
        assertEquals(3, rejected.at("/debugContext/debugData/bulkOperation").asInt());
        assertEquals("FAILURE", rejected.at("/outcome/result").asText());
        assertEquals(transaction, rejected.at("/transaction/id").asText(), "all operations belong to the one request");
    }

    @Test
    void patchAndDeleteUsersAndGroups() {
        String keep = createUser(api, "keep");
        String leave = createUser(api, "leave");
        String groupId = createGroup(api, uniqueGroupName("Pilots"));

        List<JsonNode> results = results(api, bulk(
                operation("PATCH", "/Users/" + keep, null, patch(Map.of("op", "replace", "value", Map.of("active", false)))),
                operation("PATCH", "/Groups/" + groupId, null, patch(op("add", "members", List.of(Map.of("value", keep))))),
                operation("PUT", "/Groups/" + groupId, null, group(uniqueGroupName("Pilots renamed"), keep)),
                operation("DELETE", "/Users/" + leave, null, null)));

        assertEquals(List.of("200", "200", "200", "204"), results.stream().map(r -> r.path("status").asText()).toList(),
                results::toString);
        assertEquals("W/\"2\"", results.get(0).path("version").asText());
        assertTrue(results.get(3).path("location").asText().endsWith("/scim/v2/Users/" + leave));
        assertFalse(api.get("/scim/v2/Users/" + keep).json().path("active").asBoolean(true));
        JsonNode pilots = api.get("/scim/v2/Groups/" + groupId).json();
        assertEquals(List.of(keep), pilots.path("members").findValuesAsText("value"));
        assertTrue(pilots.path("displayName").asText().startsWith("Pilots renamed"));
        assertEquals(404, api.get("/scim/v2/Users/" + leave).status());

        List<JsonNode> again = results(api, bulk(operation("DELETE", "/Groups/" + groupId, null, null),
                operation("DELETE", "/Groups/" + groupId, null, null)));
        assertEquals("204", again.get(0).path("status").asText());
        assertFailed(again.get(1), 404, null);
    }

    @Test
    void aFailedOperationLeavesTheOthersDone() {
        String taken = uniqueUserName("taken");
        api.post("/scim/v2/Users", oktaUser(taken, "T", "Aken"));
        String fresh = uniqueUserName("fresh");
        List<JsonNode> results = results(api, bulk(
                operation("POST", "/Users", "dup", oktaUser(taken, "D", "Up")),
                operation("POST", "/Users", "fresh", oktaUser(fresh, "F", "Resh")),
                operation("POST", "/Users", "typo", Map.of("schemas", List.of(USER), "userName", "x", "colour", "red")),
                operation("PATCH", "/Users/not-a-uuid", null, patch(Map.of("op", "replace", "value", Map.of("active", false)))),
                operation("PATCH", "/Users/" + createUser(api, "p"), null, patch(Map.of("op", "replace", "path", "nope", "value", 1)))));

        assertFailed(results.get(0), 409, "uniqueness");
        assertEquals("dup", results.get(0).path("bulkId").asText());
        assertFalse(results.get(0).has("location"), "a failed POST has no location");
        assertEquals("201", results.get(1).path("status").asText());
        assertFailed(results.get(2), 400, "invalidValue"); // unknown attribute: RFC 7644 §3.12, as in PATCH
        assertFailed(results.get(3), 404, null);
        assertTrue(results.get(3).path("location").asText().endsWith("/Users/not-a-uuid"), "a failed PATCH names its target");
        assertFailed(results.get(4), 400, "invalidPath");
        assertEquals(1, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + fresh + "\"")).json()
                .path("totalResults").asInt(), "the successful create committed");
    }

    @Test
    void failOnErrorsStopsAfterThatManyErrorsAndListsNoMore() {
        String never = uniqueUserName("never");
        List<JsonNode> results = results(api, bulkFailingOn(2,
                operation("POST", "/Users", "a", oktaUser(uniqueUserName("a"), "A", "A")),
                operation("DELETE", "/Users/6f1d4d5e-0000-4000-8000-000000000001", null, null),
                operation("POST", "/Users", "b", Map.of("schemas", List.of(USER))),
                operation("POST", "/Users", "c", oktaUser(never, "N", "Ever"))));

        assertEquals(3, results.size(), results::toString);
        assertEquals("201", results.get(0).path("status").asText());
        assertFailed(results.get(1), 404, null);
        assertFailed(results.get(2), 400, "invalidValue");
        assertEquals(0, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + never + "\"")).json()
                .path("totalResults").asInt(), "the operation after the limit was not attempted");

        List<JsonNode> firstError = results(api, bulkFailingOn(1,
                operation("GET", "/Users", "x", null),
                operation("POST", "/Users", "c", oktaUser(never, "N", "Ever"))));
        assertEquals(1, firstError.size());
        assertFailed(firstError.get(0), 400, "invalidSyntax");

        List<JsonNode> noLimit = results(api, bulk(
                operation("GET", "/Users", "x", null),
                operation("POST", "/Users", "c", oktaUser(never, "N", "Ever"))));
        assertEquals(List.of("400", "201"), noLimit.stream().map(r -> r.path("status").asText()).toList(),
                "without failOnErrors every operation is attempted");
    }

    @Test
    void versionIsThePreconditionOfEachOperation() {
        String id = createUser(api, "versioned");
        String groupId = createGroup(api, uniqueGroupName("Versioned"));
        Map<String, Object> deactivate = operation("PATCH", "/Users/" + id, null,
                patch(Map.of("op", "replace", "value", Map.of("active", false))));

        List<JsonNode> results = results(api, bulk(
                withVersion(deactivate, "W/\"7\""),
                withVersion(operation("PUT", "/Users/" + id, null, oktaUser(uniqueUserName("v"), "V", "V")), "W/\"9\""),
                withVersion(operation("DELETE", "/Groups/" + groupId, null, null), "W/\"2\""),
                withVersion(deactivate, "W/\"1\""),
                withVersion(deactivate, "W/\"1\"")));

        assertFailed(results.get(0), 412, null);
        assertTrue(results.get(0).path("response").path("detail").asText().contains("W/\"1\""), "names the current version");
        assertFailed(results.get(1), 412, null);
        assertFailed(results.get(2), 412, null);
        assertEquals("200", results.get(3).path("status").asText());
        assertEquals("W/\"2\"", results.get(3).path("version").asText());
        assertFailed(results.get(4), 412, null);
        assertEquals(200, api.get("/scim/v2/Groups/" + groupId).status(), "a refused DELETE deleted nothing");
    }

    @Test
    void referencesThatCannotResolveFailWith409() {
        List<JsonNode> results = results(api, bulk(
                operation("POST", "/Groups", "needs-broken", group(uniqueGroupName("A"), "bulkId:broken")),
                operation("POST", "/Users", "broken", Map.of("schemas", List.of(USER), "userName", 7)),
                operation("POST", "/Groups", "needs-nobody", group(uniqueGroupName("B"), "bulkId:nobody")),
                operation("POST", "/Groups", "chicken", group(uniqueGroupName("Chicken"), "bulkId:egg")),
                operation("POST", "/Groups", "egg", group(uniqueGroupName("Egg"), "bulkId:chicken")),
                operation("PATCH", "/Users/bulkId:broken", null, patch(Map.of("op", "replace", "value", Map.of("active", false))))));

        Map<String, JsonNode> byBulkId = new HashMap<>();
        results.forEach(r -> byBulkId.put(r.path("bulkId").asText(r.path("method").asText()), r));
        assertEquals(6, results.size(), results::toString);
        assertFailed(byBulkId.get("broken"), 400, "invalidValue");
        assertFailed(byBulkId.get("needs-broken"), 409, "invalidValue");
        assertTrue(byBulkId.get("needs-broken").at("/response/detail").asText().contains("Operations[1]"),
                "names the operation that failed");
        assertFailed(byBulkId.get("needs-nobody"), 409, "invalidValue");
        assertFailed(byBulkId.get("chicken"), 409, "invalidValue");
        assertTrue(byBulkId.get("chicken").at("/response/detail").asText().contains("circular"));
        assertFailed(byBulkId.get("egg"), 409, "invalidValue");
        assertFailed(byBulkId.get("PATCH"), 409, "invalidValue");
        assertEquals(0, api.get("/scim/v2/Groups?filter=" + Api.q("displayName sw \"Chicken\"")).json()
                .path("totalResults").asInt());
    }

    @Test
    void anotherTenantsIdsAreNotFound() {
        String foreign = GroupFixtures.createUser(otherTenant(), "foreign");
        List<JsonNode> results = results(api, bulk(operation("DELETE", "/Users/" + foreign, null, null)));
        assertFailed(results.get(0), 404, null);
    }
}
