package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;

/**
 * A support engineer searching q=&lt;userName&gt; finds the refused requests about that user: refused
 * requests name their target as successful ones do, and q matches the words of a value.
 */
@MicronautTest(transactional = false)
class RefusedRequestSearchTest extends LogServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String REJECTED = "scimlog.scim.request.rejected";

    private Api logs;

    @BeforeAll
    void logReader() {
        logs = api.withToken(tenants.createTenantWithToken(tenantName, "support", List.of(Scopes.LOGS_READ)).secret());
    }

    private String createUser(String userName, String displayName) {
        Reply created = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", userName,
                "displayName", displayName));
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    /** The rejections q finds, newest first (a bounded query: no need to wait for the commit horizon). */
    private List<JsonNode> rejectionsFoundBy(String keywords) {
        Reply reply = logs.get("/api/v1/logs?sortOrder=DESCENDING&q=" + q(keywords) + "&filter="
                + q("eventType eq \"" + REJECTED + "\""));
        assertEquals(200, reply.status(), reply::toString);
        List<JsonNode> events = new ArrayList<>();
        reply.json().forEach(events::add);
        return events;
    }

    private static JsonNode only(List<JsonNode> events) {
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    @Test
    void aRefusedPatchOnAnExistingUserIsFoundByItsUserNameAndName() {
        String id = createUser("grace.hopper@example.com", "Grace Hopper");
        Reply refused = api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "active", "value", "not-a-boolean"))));
        assertEquals(400, refused.status());

        JsonNode event = only(rejectionsFoundBy("grace.hopper@example.com"));
        assertEquals(id, event.at("/target/0/id").asText());
        assertEquals("User", event.at("/target/0/type").asText());
        assertEquals("grace.hopper@example.com", event.at("/target/0/alternateId").asText());
        assertEquals("Grace Hopper", event.at("/target/0/displayName").asText());
        assertEquals(List.of(event), rejectionsFoundBy("Hopper"), "a word of the displayName finds it too");
        assertEquals(List.of(event), rejectionsFoundBy("GRACE hopper"));
    }

    @Test
    void refusedPutAndDeleteNameTheirTargetToo() {
        String id = createUser("alan.turing@example.com", "Alan Turing");
        assertEquals(400, api.put("/scim/v2/Users/" + id, Map.of("schemas", List.of(USER))).status());
        assertEquals(412, api.send("DELETE", "/scim/v2/Users/" + id, null, Map.of("If-Match", "W/\"99\"")).status());

        List<JsonNode> events = rejectionsFoundBy("alan.turing@example.com");
        assertEquals(2, events.size(), events::toString);
        events.forEach(e -> assertEquals("Alan Turing", e.at("/target/0/displayName").asText()));
    }

    @Test
    void aConflictOnCreateNamesTheUserNameTheBodySentWithoutAnIdOrItsPassword() {
        createUser("katherine.johnson@example.com", "Katherine Johnson");
        Reply duplicate = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER),
                "userName", "Katherine.Johnson@example.com", "displayName", "Katherine G. Johnson",
                "password", "Sup3r-Secret-Pa55"));
        assertEquals(409, duplicate.status());

        JsonNode event = only(rejectionsFoundBy("katherine.johnson@example.com"));
        assertTrue(event.at("/target/0/id").isNull(), event::toString);
        assertEquals("Katherine.Johnson@example.com", event.at("/target/0/alternateId").asText());
        assertEquals("Katherine G. Johnson", event.at("/target/0/displayName").asText());
        assertFalse(event.toString().contains("Sup3r"), "the password is never quoted");
        assertEquals(List.of(), rejectionsFoundBy("Sup3r-Secret-Pa55"));
        assertEquals(List.of(), rejectionsFoundBy("secret"));
    }

    @Test
    void aCreateRefusedForItsContentNamesTheBodysUserName() {
        Reply invalid = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "dorothy.vaughan@example.com",
                "active", "yes"));
        assertEquals(400, invalid.status());
        JsonNode event = only(rejectionsFoundBy("dorothy.vaughan@example.com"));
        assertEquals("dorothy.vaughan@example.com", event.at("/target/0/alternateId").asText());

        Reply unreadable = api.send("POST", "/scim/v2/Users", "{\"userName\": \"not json", Map.of());
        assertEquals(400, unreadable.status());
    }

    @Test
    void refusedBulkOperationsNameTheirTargets() {
        String id = createUser("mary.jackson@example.com", "Mary Jackson");
        createUser("annie.easley@example.com", "Annie Easley");
        Reply bulk = api.post("/scim/v2/Bulk", Map.of("schemas", List.of(BULK), "Operations", List.of(
                Map.of("method", "PATCH", "path", "/Users/" + id, "data", Map.of("schemas", List.of(PATCH),
                        "Operations", List.of(Map.of("op", "replace", "path", "active", "value", "maybe")))),
                Map.of("method", "POST", "path", "/Users", "bulkId", "annie",
                        "data", Map.of("schemas", List.of(USER), "userName", "ANNIE.EASLEY@example.com")))));
        assertEquals(200, bulk.status(), bulk::toString);

        JsonNode patch = only(rejectionsFoundBy("mary.jackson@example.com"));
        assertEquals(id, patch.at("/target/0/id").asText());
        assertEquals("Mary Jackson", patch.at("/target/0/displayName").asText());
        assertEquals(0, patch.at("/debugContext/debugData/bulkOperation").asInt());
        JsonNode create = only(rejectionsFoundBy("annie.easley@example.com"));
        assertEquals("ANNIE.EASLEY@example.com", create.at("/target/0/alternateId").asText());
        assertTrue(create.at("/target/0/id").isNull());
    }

    @Test
    void anotherTenantsRefusedRequestOnTheSameIdDoesNotLearnItsName() {
        String id = createUser("hedy.lamarr@example.com", "Hedy Lamarr");
        Api other = otherTenant();
        assertEquals(404, other.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "active", "value", false)))).status());
        assertEquals(List.of(), rejectionsFoundBy("hedy.lamarr@example.com"), "no refusal in this tenant");
        JsonNode theirs = transactions.executeRead(status -> {
            try (var ps = status.getConnection().prepareStatement(
                    "SELECT body::text FROM log_event WHERE event_type = ? AND ? = ANY (target_ids)")) {
                ps.setString(1, REJECTED);
                ps.setString(2, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return Api.json(rs.getString(1));
                }
            }
        });
        assertTrue(theirs.at("/target/0/alternateId").isNull(), theirs::toString);
        assertFalse(theirs.toString().contains("Lamarr"), theirs::toString);
    }

    @Test
    void qMatchesTheWordsOfAValueSplitAtSpacesAndHyphensIgnoringCase() {
        String id = createUser("ada.byron@example.com", "Ada Lovelace-Byron");
        for (String keywords : List.of("Lovelace", "lovelace-byron", "BYRON", "Ada Lovelace", "Ada+Lovelace",
                "ada\tlovelace", "ada.byron@example.com Ada")) {
            Reply reply = logs.get("/api/v1/logs?sortOrder=DESCENDING&q=" + (keywords.contains("+") ? keywords : q(keywords)));
            assertEquals(200, reply.status(), reply::toString);
            List<String> targets = new ArrayList<>();
            reply.json().forEach(e -> targets.add(e.at("/target/0/id").asText()));
            assertTrue(!targets.isEmpty() && targets.stream().allMatch(id::equals), keywords + " -> " + targets);
        }
        for (String keywords : List.of("Love", "Ada Turing", "lovelace-by", "ada lovelace-byron-x")) {
            assertEquals(List.of(), uuids(logs.get("/api/v1/logs?sortOrder=DESCENDING&q=" + q(keywords)).json()), keywords);
        }
    }
}
