package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/**
 * The requests of the SCIMLOG_RECORD_READS tests and the event types they leave in the tenant's log, in order:
 * a create, a refused create (duplicate userName), Okta's lookup by userName, a read by id, a read of an id that
 * does not exist (404), a list with a filter it cannot parse (400) and a refused .search (400).
 */
final class RecordedReads {

    private RecordedReads() {
    }

    /**
     * Sends them all in a tenant of their own (so other tests' events stay out) and returns the event types
     * recorded (sorted), once every queued read event is written.
     */
    static List<String> eventTypesAfterReadsAndWrites(ScimServerTest test, ReadEventBuffer buffer) {
        String tenantName = "r-" + UUID.randomUUID().toString().substring(0, 12);
        Api api = new Api(test.serverUrl(), test.tenants().createTenantWithToken(tenantName, "tests", List.of(Scopes.SCIM)).secret());
        String userName = UserFixtures.uniqueUserName("reads");
        Reply created = api.post("/scim/v2/Users", UserFixtures.oktaUser(userName, "Ada", "Lovelace"));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        Reply duplicate = api.post("/scim/v2/Users", UserFixtures.oktaUser(userName, "Ada", "Lovelace"));
        assertEquals(409, duplicate.status(), duplicate::toString);

        Reply lookup = api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
        assertEquals(200, lookup.status(), lookup::toString);
        assertEquals(1, lookup.json().path("totalResults").asInt(), lookup::toString);
        Reply byId = api.get("/scim/v2/Users/" + id);
        assertEquals(200, byId.status(), byId::toString);
        Reply missing = api.get("/scim/v2/Users/" + UUID.randomUUID());
        assertEquals(404, missing.status(), missing::toString);
        Reply badFilter = api.get("/scim/v2/Users?filter=" + Api.q("userName eq"));
        assertEquals(400, badFilter.status(), badFilter::toString);
        Reply badSearch = api.post("/scim/v2/Users/.search", java.util.Map.of(
                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", "userName zz \"x\""));
        assertEquals(400, badSearch.status(), badSearch::toString);

        // read events are written by a background writer: flush returns once every one queued so far is stored
        buffer.flush();
        // sorted: read events are written by their own writer, in an order of their own
        return LogRows.events(tenantName).stream().map(e -> e.path("eventType").asText()).sorted().toList();
    }
}
