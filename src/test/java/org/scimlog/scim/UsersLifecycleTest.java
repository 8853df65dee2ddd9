package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.sql.DriverManager;
import org.scimlog.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

@MicronautTest(transactional = false)
class UsersLifecycleTest extends ScimServerTest {

    @Test
    void createReturns201WithLocationEtagAndMetaButNeverThePassword() throws Exception {
        String userName = uniqueUserName("Ada.Lovelace");
        Reply created = api.post("/scim/v2/Users", oktaUser(userName, "Ada", "Lovelace"));

        assertEquals(201, created.status(), created::toString);
        JsonNode user = created.json();
        String id = user.path("id").asText();
        assertEquals(userName, user.path("userName").asText(), "userName keeps the client's case");
        assertEquals("Ada", user.at("/name/givenName").asText());
        assertTrue(user.path("active").isBoolean());
        assertFalse(user.has("password"), "password is write-only");
        assertFalse(user.has("groups") && user.get("groups").size() > 0);
        assertEquals("User", user.at("/meta/resourceType").asText());
        assertTrue(user.at("/meta/location").asText().endsWith("/scim/v2/Users/" + id));
        assertEquals(user.at("/meta/location").asText(), created.header("Location"));
        assertEquals("W/\"1\"", user.at("/meta/version").asText());
        assertEquals("W/\"1\"", created.header("ETag"));
        assertEquals(user.at("/meta/created").asText(), user.at("/meta/lastModified").asText());
        assertTrue(created.header("Content-Type").startsWith("application/scim+json"));
        assertFalse(created.body().contains("1mz050nq"), "the password never comes back");
        assertPasswordNotStored(id);
    }

    @Test
    void getByIdReturnsTheStoredUser() {
        String id = create(uniqueUserName("grace")).path("id").asText();
        Reply got = api.get("/scim/v2/Users/" + id);
        assertEquals(200, got.status());
        assertEquals(id, got.json().path("id").asText());
        assertEquals(List.of(USER), List.of(got.json().path("schemas").get(0).asText()));
    }

    @Test
    void putReplacesTheWholeUserAndBumpsTheVersion() {
        JsonNode user = create(uniqueUserName("put"));
        String id = user.path("id").asText();
        Map<String, Object> replacement = new HashMap<>(Map.of(
                "schemas", List.of(USER),
                "id", id,
                "userName", user.path("userName").asText(),
                "name", Map.of("givenName", "Augusta", "familyName", "King"),
                "phoneNumbers", List.of(Map.of("value", "555-555-5555", "type", "work")),
                "active", true,
                "meta", Map.of("resourceType", "User", "version", "W/\"999\"")));
        Reply replaced = api.put("/scim/v2/Users/" + id, replacement);

        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("Augusta", replaced.json().at("/name/givenName").asText());
        assertEquals("555-555-5555", replaced.json().at("/phoneNumbers/0/value").asText());
        assertFalse(replaced.json().has("emails"), "PUT removes what it does not send");
        assertEquals("W/\"2\"", replaced.json().at("/meta/version").asText());
        assertEquals(user.at("/meta/created").asText(), replaced.json().at("/meta/created").asText());
        assertEquals("Augusta", api.get("/scim/v2/Users/" + id).json().at("/name/givenName").asText());
    }

    @Test
    void oktaDeactivatesAndReactivatesWithPatch() {
        String id = create(uniqueUserName("okta")).path("id").asText();
        Reply deactivated = api.patch("/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, deactivated.status(), deactivated::toString);
        assertFalse(deactivated.json().path("active").asBoolean(true));
        assertTrue(deactivated.json().path("active").isBoolean());

        Reply reactivated = api.patch("/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "value", Map.of("active", true))));
        assertTrue(reactivated.json().path("active").asBoolean(false));
        assertEquals("W/\"3\"", reactivated.json().at("/meta/version").asText());
    }

    @Test
    void entraIdPatchFormsWork() {
        String id = create(uniqueUserName("entra")).path("id").asText();
        Reply patched = api.patch("/scim/v2/Users/" + id, patch(
                Map.of("op", "Replace", "path", "active", "value", "False"),
                Map.of("op", "Replace", "path", "emails[type eq \"work\"].value", "value", "new@example.com"),
                Map.of("op", "Add", "path", ENTERPRISE + ":manager", "value", "mgr-42"),
                Map.of("op", "Add", "path", ENTERPRISE + ":department", "value", "Engines")));
        assertEquals(200, patched.status(), patched::toString);
        JsonNode user = patched.json();
        assertFalse(user.path("active").asBoolean(true));
        assertEquals("new@example.com", user.at("/emails/0/value").asText());
        assertEquals("mgr-42", user.path(ENTERPRISE).at("/manager/value").asText());
        assertEquals("Engines", user.path(ENTERPRISE).path("department").asText());
        assertTrue(user.path("schemas").toString().contains(ENTERPRISE));
    }

    @Test
    void patchThatChangesNothingKeepsTheVersion() {
        String id = create(uniqueUserName("noop")).path("id").asText();
        Reply same = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", true))));
        assertEquals(200, same.status());
        assertEquals("W/\"1\"", same.json().at("/meta/version").asText());
    }

    @Test
    void enterpriseExtensionIsStoredAndReturned() {
        Map<String, Object> body = new HashMap<>(oktaUser(uniqueUserName("ent"), "Katherine", "Johnson"));
        body.put("schemas", List.of(USER, ENTERPRISE));
        body.put(ENTERPRISE, Map.of("employeeNumber", "701", "department", "Flight Research",
                "manager", Map.of("value", "26118915-6090-4610-87e4-49d8ca9f808d", "displayName", "ignored: read-only")));
        Reply created = api.post("/scim/v2/Users", body);
        assertEquals(201, created.status(), created::toString);
        JsonNode enterprise = created.json().path(ENTERPRISE);
        assertEquals("701", enterprise.path("employeeNumber").asText());
        assertEquals("26118915-6090-4610-87e4-49d8ca9f808d", enterprise.at("/manager/value").asText());
        assertFalse(enterprise.path("manager").has("displayName"), "manager.displayName is read-only");
    }

    @Test
    void deleteRemovesTheUser() {
        String id = create(uniqueUserName("del")).path("id").asText();
        assertEquals(204, api.delete("/scim/v2/Users/" + id).status());
        assertEquals(404, api.get("/scim/v2/Users/" + id).status());
        Reply again = api.delete("/scim/v2/Users/" + id);
        assertEquals(404, again.status());
        assertEquals("404", again.json().path("status").asText());
    }

    @Test
    void userNameIsUniqueCaseInsensitively() {
        String userName = uniqueUserName("Unique");
        create(userName);
        Reply duplicate = api.post("/scim/v2/Users", oktaUser(userName.toUpperCase(), "X", "Y"));
        assertEquals(409, duplicate.status());
        assertEquals("uniqueness", duplicate.json().path("scimType").asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", duplicate.json().at("/schemas/0").asText());

        String other = create(uniqueUserName("other")).path("id").asText();
        Map<String, Object> clash = new HashMap<>(oktaUser(userName.toLowerCase(), "X", "Y"));
        Reply renamed = api.put("/scim/v2/Users/" + other, clash);
        assertEquals(409, renamed.status(), "PUT may not take another user's userName");
    }

    @Test
    void tenantsCannotSeeEachOther() {
        String id = create(uniqueUserName("mine")).path("id").asText();
        Api stranger = otherTenant();
        assertEquals(404, stranger.get("/scim/v2/Users/" + id).status());
        assertEquals(0, stranger.get("/scim/v2/Users").json().path("totalResults").asInt(-1));
        assertEquals(404, stranger.delete("/scim/v2/Users/" + id).status());
        assertEquals(200, api.get("/scim/v2/Users/" + id).status());
    }

    @Test
    void etagPreconditions() {
        String id = create(uniqueUserName("etag")).path("id").asText();
        Reply notModified = api.get("/scim/v2/Users/" + id, Map.of("If-None-Match", "W/\"1\""));
        assertEquals(304, notModified.status());
        assertEquals(200, api.get("/scim/v2/Users/" + id, Map.of("If-None-Match", "W/\"7\"")).status());

        Reply stale = api.send("PATCH", "/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "path", "title", "value", "Engineer")), Map.of("If-Match", "W/\"7\""));
        assertEquals(412, stale.status());
        assertEquals("412", stale.json().path("status").asText());
        assertFalse(api.get("/scim/v2/Users/" + id).json().has("title"), "a failed precondition changes nothing");

        Reply fresh = api.send("PATCH", "/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "path", "title", "value", "Engineer")), Map.of("If-Match", "W/\"1\""));
        assertEquals(200, fresh.status());
        assertEquals(412, api.send("DELETE", "/scim/v2/Users/" + id, null, Map.of("If-Match", "W/\"1\"")).status());
        assertEquals(204, api.send("DELETE", "/scim/v2/Users/" + id, null, Map.of("If-Match", "W/\"2\"")).status());
    }

    @Test
    void attributesAndExcludedAttributesShapeEveryResponse() {
        String userName = uniqueUserName("proj");
        Reply created = api.post("/scim/v2/Users?attributes=userName", oktaUser(userName, "P", "Q"));
        assertEquals(201, created.status());
        assertEquals(userName, created.json().path("userName").asText());
        assertNotNull(created.json().get("id"), "id is always returned");
        assertFalse(created.json().has("name"));
        String id = created.json().path("id").asText();

        JsonNode some = api.get("/scim/v2/Users/" + id + "?attributes=name.givenName,emails.value").json();
        assertEquals("P", some.at("/name/givenName").asText());
        assertFalse(some.path("name").has("familyName"));
        assertEquals(userName, some.at("/emails/0/value").asText());
        assertFalse(some.at("/emails/0").has("type"));

        JsonNode without = api.get("/scim/v2/Users/" + id + "?excludedAttributes=emails,name.familyName,id").json();
        assertFalse(without.has("emails"));
        assertEquals("P", without.at("/name/givenName").asText());
        assertFalse(without.path("name").has("familyName"));
        assertEquals(id, without.path("id").asText(), "id cannot be excluded");

        JsonNode listed = api.get("/scim/v2/Users?filter=" + Api.q("id eq \"" + id + "\"") + "&attributes=userName").json();
        assertEquals(1, listed.path("totalResults").asInt());
        assertFalse(listed.at("/Resources/0").has("name"));
    }

    private JsonNode create(String userName) {
        Reply created = api.post("/scim/v2/Users", oktaUser(userName, "Given", "Family"));
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    private void assertPasswordNotStored(String id) throws Exception {
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("SELECT doc::text, password_set_at FROM scim_user WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getString(1).contains("1mz050nq"));
                assertNotNull(rs.getTimestamp(2), "the fact that a password was set is kept");
            }
        }
    }
}
