package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/** What each SCIM request leaves in the System Log, read straight from the database. */
@MicronautTest(transactional = false)
class SystemLogRecordingTest extends ScimServerTest {

    @Inject
    ReadEventBuffer readEvents;

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.trusted-proxies", "127.0.0.1/32");
    }

    private String createAda(String userName) {
        Reply created = api.send("POST", "/scim/v2/Users", """
                {"schemas":["%s"],"userName":"%s","displayName":"Ada Lovelace","name":{"givenName":"Ada"},
                 "password":"s3cret-Passw0rd!","active":true}""".formatted(USER, userName),
                Map.of("User-Agent", "Okta SCIM Client 1.0.0", "X-Forwarded-For", "203.0.113.9"));
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    private List<JsonNode> eventsFor(String targetId) {
        return LogRows.events(tenantName).stream()
                .filter(e -> e.path("target").toString().contains(targetId)).toList();
    }

    @Test
    void usersAndEventsGetTimeOrderedIdsSoLaterOnesSortAfterEarlierOnes() {
        UUID first = UUID.fromString(createAda("ada.order1@example.com"));
        UUID second = UUID.fromString(createAda("ada.order2@example.com"));
        assertEquals(7, first.version(), "RFC 9562 version 7: time-ordered");
        assertTrue(first.toString().compareTo(second.toString()) < 0, first + " then " + second);
        UUID firstEvent = UUID.fromString(eventsFor(first.toString()).get(0).path("uuid").asText());
        UUID secondEvent = UUID.fromString(eventsFor(second.toString()).get(0).path("uuid").asText());
        assertEquals(7, firstEvent.version());
        assertTrue(firstEvent.toString().compareTo(secondEvent.toString()) < 0, firstEvent + " then " + secondEvent);
    }

    @Test
    void createRecordsLifecycleCreateAndPasswordSetWithRequestFacts() {
        String id = createAda("ada.create@example.com");
        List<JsonNode> events = eventsFor(id);
        JsonNode create = events.stream().filter(e -> e.path("eventType").asText().equals("user.lifecycle.create"))
                .findFirst().orElseThrow();
        assertEquals("SUCCESS", create.at("/outcome/result").asText());
        assertTrue(create.at("/outcome/reason").isNull(), "null members are written out, as Okta does");
        assertEquals("INFO", create.path("severity").asText());
        assertEquals("0", create.path("version").asText());
        assertEquals(id, create.at("/target/0/id").asText());
        assertEquals("User", create.at("/target/0/type").asText());
        assertEquals("ada.create@example.com", create.at("/target/0/alternateId").asText());
        assertEquals("Ada Lovelace", create.at("/target/0/displayName").asText());
        assertEquals("ApiToken", create.at("/actor/type").asText());
        assertEquals("tests", create.at("/actor/alternateId").asText());
        assertEquals("Okta SCIM Client 1.0.0", create.at("/client/userAgent/rawUserAgent").asText());
        assertEquals("203.0.113.9", create.at("/client/ipAddress").asText(), "X-Forwarded-For from a trusted proxy");
        assertEquals("203.0.113.9", create.at("/request/ipChain/0/ip").asText());
        assertEquals("127.0.0.1", create.at("/request/ipChain/1/ip").asText());
        assertEquals("WEB", create.at("/transaction/type").asText());
        assertEquals(create.at("/transaction/id").asText(), create.at("/debugContext/debugData/requestId").asText());
        assertEquals("POST", create.at("/debugContext/debugData/httpMethod").asText());
        assertEquals("/scim/v2/Users", create.at("/debugContext/debugData/requestUri").asText());
        assertEquals("201", create.at("/debugContext/debugData/httpStatus").asText());
        assertTrue(create.path("published").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), create.path("published").asText());

        assertTrue(create.at("/debugContext/debugData/passwordSet").asBoolean(), "the create says a password came with it");
        assertTrue(events.stream().noneMatch(e -> e.path("eventType").asText().equals("user.account.update_password")),
                "a password sent with the create is not a password change");
        assertFalse(LogRows.everything().contains("s3cret-Passw0rd!"), "the password reaches no log row");
        assertFalse(LogRows.everything().contains(api.token()), "nor does the bearer token");
        assertFalse(LogRows.everything().toLowerCase().contains("bearer "), "nor an Authorization header");
    }

    @Test
    void requestIdHeaderIsTheTransactionId() {
        Reply created = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "rid@example.com"));
        String requestId = created.header("X-Request-Id");
        assertFalse(requestId == null || requestId.isBlank());
        JsonNode create = eventsFor(created.json().path("id").asText()).get(0);
        assertEquals(requestId, create.at("/transaction/id").asText());
    }

    @Test
    void patchRecordsDeactivateActivateAndProfileChangesWithFromAndTo() {
        String id = createAda("ada.patch@example.com");
        api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations", List.of(
                Map.of("op", "replace", "value", Map.of("active", false)),
                Map.of("op", "replace", "path", "name.givenName", "value", "Augusta"),
                Map.of("op", "add", "path", "title", "value", "Countess"))));
        List<JsonNode> deactivations = eventsFor(id).stream()
                .filter(e -> e.path("eventType").asText().equals("user.lifecycle.deactivate")).toList();
        assertEquals(1, deactivations.size());
        JsonNode profile = eventsFor(id).stream()
                .filter(e -> e.path("eventType").asText().equals("user.account.update_profile")).findFirst().orElseThrow();
        assertEquals("name,title", profile.at("/debugContext/debugData/changedAttributes").asText());
        assertEquals("Ada", profile.at("/target/0/changeDetails/from/name/givenName").asText());
        assertEquals("Augusta", profile.at("/target/0/changeDetails/to/name/givenName").asText());
        assertTrue(profile.at("/target/0/changeDetails/from/title").isNull());
        assertEquals("Countess", profile.at("/target/0/changeDetails/to/title").asText());

        api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations", List.of(
                Map.of("op", "replace", "value", Map.of("active", true)))));
        assertEquals(1, eventsFor(id).stream().filter(e -> e.path("eventType").asText().equals("user.lifecycle.activate")).count());
    }

    @Test
    void putWithPasswordRecordsThePasswordChangeButNeverItsValue() {
        String id = createAda("ada.put@example.com");
        api.put("/scim/v2/Users/" + id, Map.of("schemas", List.of(USER), "userName", "ada.put@example.com",
                "displayName", "Ada Lovelace", "name", Map.of("givenName", "Ada"), "active", true, "password", "N3w-Secret-Value"));
        assertEquals(1, eventsFor(id).stream().filter(e -> e.path("eventType").asText().equals("user.account.update_password")).count());
        assertFalse(LogRows.everything().contains("N3w-Secret-Value"));
    }

    @Test
    void deleteRecordsDeleteCompleted() {
        String id = createAda("ada.delete@example.com");
        assertEquals(204, api.delete("/scim/v2/Users/" + id).status());
        JsonNode deleted = eventsFor(id).stream()
                .filter(e -> e.path("eventType").asText().equals("user.lifecycle.delete.completed")).findFirst().orElseThrow();
        assertEquals("ada.delete@example.com", deleted.at("/target/0/alternateId").asText());
        assertEquals("204", deleted.at("/debugContext/debugData/httpStatus").asText());
    }

    @Test
    void readsAreRecordedWithTheFilterAndResultCount() {
        String id = createAda("ada.read@example.com");
        api.get("/scim/v2/Users/" + id);
        api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"ada.read@example.com\"") + "&startIndex=1&count=100");
        readEvents.flush();
        JsonNode read = eventsFor(id).stream().filter(e -> e.path("eventType").asText().equals("scimlog.scim.read"))
                .findFirst().orElseThrow();
        assertEquals("DEBUG", read.path("severity").asText());
        JsonNode search = LogRows.events(tenantName, "scimlog.scim.search").stream()
                .filter(e -> e.at("/debugContext/debugData/filter").asText().equals("userName eq \"ada.read@example.com\""))
                .findFirst().orElseThrow();
        assertEquals(1, search.at("/debugContext/debugData/totalResults").asInt());
        assertEquals("[\"ada.read@example.com\"]", search.at("/debugContext/debugData/filterValues").toString());
    }

    @Test
    void aSearchRecordsItsFilterAsTheServerReadIt() {
        String tag = UUID.randomUUID().toString();
        api.get("/scim/v2/Users?filter=" + Api.q("(userName  EQ \"spelled-" + tag + "\")AND\ttitle PR"));
        readEvents.flush();
        assertTrue(LogRows.events(tenantName, "scimlog.scim.search").stream()
                        .anyMatch(e -> e.at("/debugContext/debugData/filter").asText()
                                .equals("userName eq \"spelled-" + tag + "\" and title pr")),
                () -> "one spelling, whatever the client's spacing and case: " + LogRows.events(tenantName, "scimlog.scim.search"));
    }

    @Test
    void aSearchIsFoundByTheValuesItsFilterLookedFor() throws Exception {
        api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"ada-lookup@example.com\" or emails[value co \"lovelace\"]"));
        readEvents.flush();
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT e.keywords FROM log_event e JOIN tenant t ON t.id = e.tenant_id
                      WHERE t.name = ? AND e.event_type = 'scimlog.scim.search'
                        AND e.body #>> '{debugContext,debugData,filter}' LIKE '%ada-lookup@%'""")) {
            ps.setString(1, tenantName);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the search was recorded");
                List<String> keywords = List.of((String[]) rs.getArray(1).getArray());
                assertTrue(keywords.containsAll(List.of("ada-lookup@example.com", "ada", "lookup@example.com", "lovelace")),
                        keywords.toString());
                assertTrue(keywords.stream().noneMatch(k -> k.contains(" eq ") || k.contains("\"")),
                        "pieces of the filter expression are no keywords: " + keywords);
            }
        }
    }

    /**
     * An ordinary event's row is just over PostgreSQL's 2 kB TOAST threshold; compressed, every insert and every
     * reader (sealer, relay, the API) paid for pglz. Each day's partition, made before or after, keeps it as is.
     */
    @Test
    void anOrdinaryEventIsStoredUncompressedInEveryDaysPartition() throws Exception {
        String id = createAda("ada.plain@example.com");
        try (Connection c = LogRows.connect()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT pg_column_compression(body) FROM log_event WHERE target_ids @> ARRAY[?]::text[]""")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "the create was recorded");
                    assertEquals(null, rs.getString(1), "stored uncompressed (PostgreSQL's default compressed it: pglz)");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT log_create_day(current_date + 30)")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE NOT coalesce(c.reloptions @> ARRAY['toast_tuple_target=4096'], false)),
                           count(*)
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'log_event'::regclass""");
                 ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(2) > 1, "today's and later days' partitions");
                assertEquals(0, rs.getInt(1), "every day's partition, the new one included, keeps rows up to 4 kB as they are");
            }
        }
    }

    @Test
    void refusedRequestsAreRecordedAsFailuresAndRolledBackChangesLeaveNoEvent() {
        createAda("ada.dup@example.com");
        int creates = LogRows.events(tenantName, "user.lifecycle.create").size();
        Reply duplicate = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "ADA.DUP@example.com"));
        assertEquals(409, duplicate.status());
        assertEquals(creates, LogRows.events(tenantName, "user.lifecycle.create").size(), "the failed insert recorded no create");
        JsonNode rejected = LogRows.events(tenantName, "scimlog.scim.request.rejected").stream()
                .filter(e -> e.at("/transaction/id").asText().equals(duplicate.header("X-Request-Id"))).findFirst().orElseThrow();
        assertEquals("FAILURE", rejected.at("/outcome/result").asText());
        assertTrue(rejected.at("/outcome/reason").asText().startsWith("409 uniqueness: "), rejected.at("/outcome/reason").asText());
        assertEquals("uniqueness", rejected.at("/debugContext/debugData/scimType").asText());

        String missing = "6f1d4d5e-0000-4000-8000-00000000abcd";
        api.patch("/scim/v2/Users/" + missing, Map.of("schemas", List.of(PATCH), "Operations", List.of(
                Map.of("op", "replace", "value", Map.of("active", false)))));
        JsonNode notFound = LogRows.events(tenantName, "scimlog.scim.request.rejected").stream()
                .filter(e -> e.at("/target/0/id").asText().equals(missing)).findFirst().orElseThrow();
        assertTrue(notFound.at("/outcome/reason").asText().startsWith("404"));
        assertEquals("PATCH", notFound.at("/debugContext/debugData/httpMethod").asText());

        String id = createAda("ada.atomic@example.com");
        int before = eventsFor(id).size();
        Reply invalid = api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations", List.of(
                Map.of("op", "replace", "value", Map.of("active", false)),
                Map.of("op", "replace", "path", "active", "value", "not-a-boolean"))));
        assertEquals(400, invalid.status());
        List<JsonNode> after = eventsFor(id);
        assertEquals(before + 1, after.size(), "only the rejection: the deactivation rolled back with the PATCH");
        assertEquals("scimlog.scim.request.rejected", after.get(after.size() - 1).path("eventType").asText());
        assertTrue(api.get("/scim/v2/Users/" + id).json().path("active").asBoolean(), "still active");

        api.get("/scim/v2/Users?filter=" + Api.q("userName eq"));
        assertTrue(LogRows.events(tenantName, "scimlog.scim.request.rejected").stream()
                .anyMatch(e -> e.at("/debugContext/debugData/scimType").asText().equals("invalidFilter")));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        // this test's server trusts 127.0.0.1; another tenant's test server trusts nothing, but the rule is
        // the same: only hops vouched for by trusted proxies count. A forged chain ending in an untrusted
        // hop stops at that hop.
        Reply created = api.send("POST", "/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "forged@example.com"),
                Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.50"));
        JsonNode create = eventsFor(created.json().path("id").asText()).get(0);
        assertEquals("203.0.113.50", create.at("/client/ipAddress").asText(), "the untrusted hop's own claim is not believed");
        assertEquals(2, create.at("/request/ipChain").size());
    }

    @Test
    void theEventCatalogIsPublished() {
        Api reader = api.withToken(tenants.createTenantWithToken(tenantName, "catalog-reader",
                List.of(org.scimlog.security.Scopes.LOGS_READ)).secret());
        Reply catalog = reader.get("/api/v1/logs/event-types");
        assertEquals(200, catalog.status(), catalog::toString);
        List<String> ids = new java.util.ArrayList<>();
        catalog.json().forEach(t -> ids.add(t.path("eventType").asText()));
        assertTrue(ids.containsAll(List.of("user.lifecycle.create", "user.lifecycle.deactivate", "user.account.update_profile",
                "group.user_membership.add", "scimlog.scim.request.rejected")), ids::toString);
        assertTrue(ids.stream().filter(i -> !i.startsWith("user.") && !i.startsWith("group.") && !i.startsWith("system.") && !i.startsWith("app."))
                .allMatch(i -> i.startsWith("scimlog.")), "our own event types share one prefix");
        assertTrue(ids.containsAll(List.of("system.log.retention.held", "system.log.retention.forced")), ids::toString);
        assertEquals(403, api.get("/api/v1/logs/event-types").status(), "provisioning tokens cannot read the log");
    }
}
