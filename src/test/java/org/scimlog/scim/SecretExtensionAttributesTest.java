package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BulkFixtures.BULK_REQUEST;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.OutputCapture;
import org.scimlog.support.ScimServerTest;

/**
 * Extension attributes an operator declares writeOnly or returned "never" (RFC 7643 §7): stored, because the
 * server is their system of record, but never returned, never filtered or sorted on, and recorded in the
 * System Log only by name. Only the core password is the password.
 */
@MicronautTest(transactional = false)
class SecretExtensionAttributesTest extends ScimServerTest {

    private static final String EXT = "urn:example:params:scim:schemas:extension:secrets:2.0:User";
    private static final String PIN = EXT + ":pin";
    private static final String ANSWER = EXT + ":secretAnswer";

    @Inject
    ReadEventBuffer readEvents;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("secrets-schema", ".json");
            Files.writeString(file, """
                    [{"id": "%s", "name": "Secrets", "description": "secrets",
                      "attributes": [
                        {"name": "pin", "type": "string", "mutability": "writeOnly"},
                        {"name": "secretAnswer", "type": "string", "returned": "never"},
                        {"name": "costCode", "type": "string"},
                        {"name": "recovery", "type": "complex", "subAttributes": [
                          {"name": "hint", "type": "string"},
                          {"name": "code", "type": "string", "mutability": "writeOnly"}]}
                      ]}]""".formatted(EXT));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void storedButNeverReturnedNorRecordedThroughEveryWayIn() {
        List<String> secrets = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        String userName = uniqueUserName("sec");
        try (OutputCapture output = new OutputCapture()) {
            Reply created = api.post("/scim/v2/Users", user(userName, secret(secrets, "CreatePin"),
                    secret(secrets, "CreateAnswer")));
            assertEquals(201, created.status(), created::toString);
            String id = created.json().path("id").asText();
            assertEquals(List.of("CreatePin", "CreateAnswer"), stored(id), "both are stored as sent");

            Reply put = api.put("/scim/v2/Users/" + id, user(userName, secret(secrets, "PutPin"), secret(secrets, "PutAnswer")));
            assertEquals(200, put.status(), put::toString);
            assertEquals(List.of("PutPin", "PutAnswer"), stored(id));
            replies.add(created);
            replies.add(put);

            replies.add(ok(api.patch("/scim/v2/Users/" + id, patch(
                    Map.of("op", "replace", "path", PIN, "value", secret(secrets, "PathPin")),
                    Map.of("op", "add", "path", ANSWER, "value", secret(secrets, "PathAnswer"))))));
            assertEquals(List.of("PathPin", "PathAnswer"), stored(id));
            replies.add(ok(api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "value", Map.of(
                    EXT, Map.of("pin", secret(secrets, "NoPathPin"), "secretAnswer", secret(secrets, "NoPathAnswer"))))))));
            assertEquals(List.of("NoPathPin", "NoPathAnswer"), stored(id));

            Reply bulk = api.post("/scim/v2/Bulk", Map.of("schemas", List.of(BULK_REQUEST), "Operations", List.of(
                    Map.of("method", "POST", "path", "/Users", "bulkId", "b1",
                            "data", user(uniqueUserName("bulk"), secret(secrets, "BulkPostPin"), secret(secrets, "BulkPostAnswer"))),
                    Map.of("method", "PATCH", "path", "/Users/" + id, "data", patch(
                            Map.of("op", "replace", "path", PIN, "value", secret(secrets, "BulkPin")))))));
            assertEquals(200, bulk.status(), bulk::toString);
            bulk.json().path("Operations").forEach(op -> assertTrue(op.path("status").asText().startsWith("20"), bulk::toString));
            replies.add(bulk);
            assertEquals(List.of("BulkPin", "NoPathAnswer"), stored(id));

            String both = Api.q(PIN + "," + ANSWER);
            replies.add(ok(api.get("/scim/v2/Users/" + id)));
            replies.add(ok(api.get("/scim/v2/Users/" + id + "?attributes=" + both)));
            replies.add(ok(api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\"") + "&attributes=" + both)));
            replies.add(ok(api.get("/scim/v2/Users?attributes=" + Api.q(EXT))));
            replies.add(ok(api.post("/scim/v2/Users/.search", Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                    "attributes", List.of(PIN, ANSWER, "userName")))));
            replies.add(ok(api.post("/scim/v2/.search", Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                    "filter", "userName eq \"" + userName + "\""))));
            JsonNode shown = api.get("/scim/v2/Users/" + id).json();
            assertEquals("C-1", shown.path(EXT).path("costCode").asText(), shown::toString);
            assertEquals(List.of("costCode"), fieldNames(shown.path(EXT)), "only the ordinary attribute is shown: " + shown);

            for (String attribute : List.of(PIN, ANSWER)) {
                Reply filtered = api.get("/scim/v2/Users?filter=" + Api.q(attribute + " eq \"" + secret(secrets, "FilterValue") + "\""));
                assertEquals(400, filtered.status(), filtered::toString);
                Reply searched = api.post("/scim/v2/Users/.search", Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                        "filter", attribute + " sw \"" + secret(secrets, "SearchValue") + "\""));
                assertEquals(400, searched.status(), searched::toString);
                assertEquals(400, api.get("/scim/v2/Users?sortBy=" + Api.q(attribute)).status());
                replies.add(filtered);
                replies.add(searched);
            }

            // rejected values are quoted nowhere either
            Reply nul = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "path", PIN,
                    "value", "Nul\u0000" + secret(secrets, "AfterNulPin"))));
            assertEquals(400, nul.status(), nul::toString);
            replies.add(nul);
            long number = 73195288410026L;
            secrets.add(Long.toString(number));
            for (String attribute : List.of(PIN, ANSWER)) {
                Reply wrongType = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "path", attribute, "value", number)));
                assertEquals(400, wrongType.status(), wrongType::toString);
                replies.add(wrongType);
            }
            Reply wrongPost = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER, EXT), "userName", uniqueUserName("w"),
                    EXT, Map.of("pin", number, "secretAnswer", number)));
            assertEquals(400, wrongPost.status(), wrongPost::toString);
            replies.add(wrongPost);

            for (Reply reply : replies) {
                for (String secret : secrets) {
                    assertFalse(reply.body().contains(secret), () -> "'" + secret + "' shown in " + reply);
                }
            }
            readEvents.flush();
            String log = LogRows.everything();
            String printed = output.text();
            for (String secret : secrets) {
                assertFalse(log.contains(secret), "'" + secret + "' is in the System Log");
                assertFalse(printed.contains(secret), "'" + secret + "' was printed");
            }

            List<JsonNode> events = LogRows.events(tenantName).stream()
                    .filter(e -> e.path("target").path(0).path("id").asText().equals(id)).toList();
            assertTrue(events.stream().noneMatch(e -> e.path("eventType").asText().equals("user.account.update_password")),
                    "a pin is not the password: " + events);
            assertTrue(events.stream().noneMatch(e -> e.path("debugContext").path("debugData").has("passwordSet")), events::toString);
            List<JsonNode> updates = events.stream()
                    .filter(e -> e.path("eventType").asText().equals("user.account.update_profile")).toList();
            assertEquals(4, updates.size(), updates::toString);
            assertEquals(PIN + "," + ANSWER, updates.get(0).path("debugContext").path("debugData").path("changedAttributes").asText(),
                    "the change is recorded by name: " + updates.get(0));
            assertEquals(PIN, updates.get(3).path("debugContext").path("debugData").path("changedAttributes").asText(), updates.get(3)::toString);
        }
    }

    @Test
    void aSecretSubAttributeIsStoredButNeitherShownNorRecorded() {
        try (OutputCapture output = new OutputCapture()) {
            Reply created = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER, EXT), "userName", uniqueUserName("sub"),
                    EXT, Map.of("recovery", Map.of("hint", "first pet", "code", "SubCode-First"))));
            assertEquals(201, created.status(), created::toString);
            String id = created.json().path("id").asText();
            Reply patched = ok(api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "path", EXT + ":recovery",
                    "value", Map.of("hint", "second pet", "code", "SubCode-Second")))));
            for (Reply reply : List.of(created, patched, ok(api.get("/scim/v2/Users/" + id + "?attributes=" + Api.q(EXT + ":recovery.code"))))) {
                assertFalse(reply.body().contains("SubCode-"), reply::toString);
            }
            assertEquals("second pet", patched.json().path(EXT).path("recovery").path("hint").asText(), patched::toString);
            assertEquals(400, api.get("/scim/v2/Users?filter=" + Api.q(EXT + ":recovery.code eq \"SubCode-Filter\"")).status());
            try (Connection c = LogRows.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT doc->?->'recovery'->>'code' FROM scim_user WHERE id = ?")) {
                ps.setString(1, EXT);
                ps.setObject(2, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("SubCode-Second", rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            readEvents.flush();
            JsonNode update = LogRows.events(tenantName, "user.account.update_profile").stream()
                    .filter(e -> e.path("target").path(0).path("id").asText().equals(id)).findFirst().orElseThrow();
            assertEquals("second pet", update.path("target").path(0).path("changeDetails").path("to")
                    .path(EXT + ":recovery").path("hint").asText(), update::toString);
            assertFalse(LogRows.everything().contains("SubCode-"), "a secret sub-attribute is in the System Log");
            assertFalse(output.text().contains("SubCode-"), "a secret sub-attribute was printed");
        }
    }

    @Test
    void aPutThatOmitsThemKeepsThemAndOnlyAnExplicitRemovalClearsThem() {
        String userName = uniqueUserName("keep");
        String id = api.post("/scim/v2/Users", user(userName, "KeepPin-1", "KeepAnswer-1")).json().path("id").asText();
        Reply put = api.put("/scim/v2/Users/" + id, Map.of("schemas", List.of(USER, EXT), "userName", userName,
                "displayName", "Renamed", EXT, Map.of("costCode", "C-7")));
        assertEquals(200, put.status(), put::toString);
        assertEquals(List.of("KeepPin-1", "KeepAnswer-1"), stored(id),
                "a client cannot read them back, so leaving them out of a PUT does not clear them");
        ok(api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "remove", "path", PIN))));
        assertEquals(java.util.Arrays.asList(null, "KeepAnswer-1"), stored(id));
        JsonNode update = LogRows.events(tenantName, "user.account.update_profile").stream()
                .filter(e -> e.path("target").path(0).path("id").asText().equals(id)).reduce((a, b) -> b).orElseThrow();
        assertEquals(PIN, update.path("debugContext").path("debugData").path("changedAttributes").asText(), update::toString);
        assertFalse(update.toString().contains("KeepPin-1"), update::toString);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Reply ok(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    private static String secret(List<String> secrets, String value) {
        secrets.add(value);
        return value;
    }

    private static Map<String, Object> user(String userName, String pin, String answer) {
        return Map.of("schemas", List.of(USER, EXT), "userName", userName, "displayName", "Secret Keeper",
                EXT, Map.of("pin", pin, "secretAnswer", answer, "costCode", "C-1"));
    }

    /** The stored pin and secretAnswer, read from the database: the API never shows them. */
    private static List<String> stored(String id) {
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT doc->?->>'pin', doc->?->>'secretAnswer' FROM scim_user WHERE id = ?")) {
            ps.setString(1, EXT);
            ps.setString(2, EXT);
            ps.setObject(3, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "user " + id + " is stored");
                return java.util.Arrays.asList(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
