package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.CheckpointKeys;
import org.scimlog.audit.chain.CheckpointSigner;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.CommitHorizon;
import org.scimlog.support.LogEvents;
import org.scimlog.support.LogMaintenance;
import org.scimlog.support.ScimServerTest;

/**
 * Two tenants, and every endpoint and parameter of one tried with the other's ids and credentials: reads, writes,
 * filters, {@code .search} (per type and at the root), group members, Bulk, list cursors, the log API with its
 * filters, search and next links, the aggregate, the checkpoints and verify, the operator API. The stranger gets
 * 404s, empty lists and its own numbers only; the owner's data and log are untouched, and none of the stranger's
 * requests lands in the owner's log.
 */
@MicronautTest(transactional = false)
class TenantIsolationTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String OWNER_CREDENTIAL = "owner-okta";
    private static final String SINCE = java.time.Instant.now().minus(Duration.ofDays(1)).toString();

    @Inject
    ChainSealer sealer;
    @Inject
    CheckpointSigner signer;
    @Inject
    ReadEventBuffer readEvents;

    /** The owner: its user, a second one (for a next page), a group holding the user. */
    private Api owner;
    private String ownerName;
    private String userId;
    private String groupId;
    /** The stranger: the same kind of credential in another tenant, with a user and a group of its own. */
    private Api stranger;
    private String strangerName;
    private String strangerGroupId;
    private final List<String> strangerRequestIds = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("scimlog.log.checkpoint.signing-key", CheckpointKeys.pem(CheckpointKeys.generate().getPrivate()));
        // the test signs when it needs a checkpoint
        p.put("scimlog.log.checkpoint.interval", "1h");
        return p;
    }

    @BeforeAll
    void twoTenants() {
        ownerName = "iso-own-" + UUID.randomUUID().toString().substring(0, 8);
        strangerName = "iso-str-" + UUID.randomUUID().toString().substring(0, 8);
        owner = api.withToken(tenants.createTenantWithToken(ownerName, OWNER_CREDENTIAL, List.of(Scopes.SCIM, Scopes.LOGS_READ)).secret());
        stranger = api.withToken(tenants.createTenantWithToken(strangerName, "stranger-okta", List.of(Scopes.SCIM, Scopes.LOGS_READ)).secret());
        userId = created(owner.post("/scim/v2/Users", user("iso.ada@example.com")));
        created(owner.post("/scim/v2/Users", user("iso.grace@example.com")));
        groupId = created(owner.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "iso-admins",
                "members", List.of(Map.of("value", userId)))));
        created(stranger.post("/scim/v2/Users", user("iso.mallory@example.com")));
        strangerGroupId = created(stranger.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "iso-theirs")));
    }

    private static Map<String, Object> user(String userName) {
        return Map.of("schemas", List.of(USER), "userName", userName, "name", Map.of("givenName", "G", "familyName", "F"),
                "emails", List.of(Map.of("value", userName, "type", "work", "primary", true)), "active", true);
    }

    private static String created(Reply reply) {
        assertEquals(201, reply.status(), reply.toString());
        return reply.json().path("id").asText();
    }

    /** A stranger's request, its request id kept to look for it in both logs at the end. */
    private Reply probe(String method, String path, Object body) {
        Reply reply = stranger.send(method, path, body, Map.of());
        assertTrue(reply.status() < 500, method + " " + path + ": " + reply);
        assertNotNull(reply.header("X-Request-Id"), method + " " + path);
        strangerRequestIds.add(reply.header("X-Request-Id"));
        // (the log API may quote the stranger's own filters naming them; its answers are checked by actor)
        assertFalse(path.startsWith("/scim/") && (reply.body().contains("iso.ada@example.com") || reply.body().contains("iso-admins")),
                method + " " + path + " shows the owner's data: " + reply);
        return reply;
    }

    private String ownerVersion(String path) {
        Reply reply = owner.get(path);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().path("meta").path("version").asText();
    }

    @Test
    void theOwnersResourcesAreNotFoundByIdForReadingOrWriting() {
        String userVersion = ownerVersion("/scim/v2/Users/" + userId);
        String groupVersion = ownerVersion("/scim/v2/Groups/" + groupId);
        for (String path : List.of("/scim/v2/Users/" + userId, "/scim/v2/Groups/" + groupId,
                "/scim/v2/Users/" + userId + "?attributes=userName,groups", "/scim/v2/Groups/" + groupId + "?attributes=members",
                "/scim/v2/Groups/" + groupId + "?excludedAttributes=members")) {
            assertEquals(404, probe("GET", path, null).status(), path);
        }
        Map<String, Object> deactivate = Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(404, probe("PATCH", "/scim/v2/Users/" + userId, deactivate).status());
        assertEquals(404, probe("PUT", "/scim/v2/Users/" + userId, user("iso.ada@example.com")).status());
        assertEquals(404, probe("PATCH", "/scim/v2/Groups/" + groupId, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "remove", "path", "members[value eq \"" + userId + "\"]")))).status());
        assertEquals(404, probe("PUT", "/scim/v2/Groups/" + groupId, Map.of("schemas", List.of(GROUP), "displayName", "taken")).status());
        assertEquals(404, probe("DELETE", "/scim/v2/Users/" + userId, null).status());
        assertEquals(404, probe("DELETE", "/scim/v2/Groups/" + groupId, null).status());

        assertEquals(userVersion, ownerVersion("/scim/v2/Users/" + userId), "the owner's user is unchanged");
        assertEquals(groupVersion, ownerVersion("/scim/v2/Groups/" + groupId), "the owner's group is unchanged");
        assertEquals(userId, owner.get("/scim/v2/Groups/" + groupId).json().path("members").get(0).path("value").asText());
    }

    @Test
    void filtersAndSearchesFindNothingOfTheOwnersWhateverTheyName() {
        List<String> userFilters = List.of("id eq \"" + userId + "\"", "userName eq \"iso.ada@example.com\"",
                "userName sw \"iso.\" and not (userName eq \"iso.mallory@example.com\")", "emails[type eq \"work\"].value co \"ada\"",
                "groups.value eq \"" + groupId + "\"", "groups[value eq \"" + groupId + "\"]");
        for (String filter : userFilters) {
            assertEquals(0, probe("GET", "/scim/v2/Users?filter=" + q(filter), null).json().path("totalResults").asInt(), filter);
            assertEquals(0, probe("POST", "/scim/v2/Users/.search", Map.of("schemas", List.of(SEARCH), "filter", filter))
                    .json().path("totalResults").asInt(), ".search " + filter);
        }
        for (String filter : List.of("id eq \"" + groupId + "\"", "displayName eq \"iso-admins\"", "members.value eq \"" + userId + "\"",
                "members[value eq \"" + userId + "\"]")) {
            assertEquals(0, probe("GET", "/scim/v2/Groups?filter=" + q(filter), null).json().path("totalResults").asInt(), filter);
            assertEquals(0, probe("POST", "/scim/v2/Groups/.search", Map.of("schemas", List.of(SEARCH), "filter", filter))
                    .json().path("totalResults").asInt(), ".search " + filter);
        }
        assertEquals(0, probe("POST", "/scim/v2/.search", Map.of("schemas", List.of(SEARCH), "filter", "id eq \"" + userId
                + "\" or id eq \"" + groupId + "\"")).json().path("totalResults").asInt(), "the root .search");
        JsonNode everything = probe("GET", "/scim/v2/Users?count=1000", null).json();
        assertEquals(1, everything.path("totalResults").asInt(), "the stranger's own user only: " + everything);
        assertEquals(1, probe("POST", "/scim/v2/.search", Map.of("schemas", List.of(SEARCH), "count", 1000))
                .json().path("Resources").findValuesAsText("id").stream().filter(strangerGroupId::equals).count());
    }

    @Test
    void theOwnersUsersCannotBecomeMembersOfTheStrangersGroups() {
        Reply createdWithMember = probe("POST", "/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "iso-grab",
                "members", List.of(Map.of("value", userId))));
        assertEquals(400, createdWithMember.status(), createdWithMember.toString());
        Reply added = probe("PATCH", "/scim/v2/Groups/" + strangerGroupId, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", userId))))));
        assertEquals(400, added.status(), added.toString());
        Reply replaced = probe("PUT", "/scim/v2/Groups/" + strangerGroupId, Map.of("schemas", List.of(GROUP), "displayName", "iso-theirs",
                "members", List.of(Map.of("value", userId))));
        assertEquals(400, replaced.status(), replaced.toString());
        Reply removed = probe("PATCH", "/scim/v2/Groups/" + strangerGroupId, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "remove", "path", "members[value eq \"" + userId + "\"]"))));
        assertTrue(removed.status() == 200 || removed.status() == 204, removed.toString());
        JsonNode theirs = probe("GET", "/scim/v2/Groups/" + strangerGroupId, null).json();
        assertTrue(theirs.path("members").isMissingNode() || theirs.path("members").isEmpty(), theirs.toString());
        JsonNode ownersUser = owner.get("/scim/v2/Users/" + userId).json();
        assertEquals(List.of(groupId), ownersUser.path("groups").findValuesAsText("value"), "the owner's user is in the owner's group only");
    }

    @Test
    void bulkOperationsOnTheOwnersIdsFailOneByOne() {
        String userVersion = ownerVersion("/scim/v2/Users/" + userId);
        List<Map<String, Object>> operations = List.of(
                Map.of("method", "PUT", "path", "/Users/" + userId, "data", user("iso.ada@example.com")),
                Map.of("method", "PATCH", "path", "/Users/" + userId, "data", Map.of("schemas", List.of(PATCH), "Operations",
                        List.of(Map.of("op", "replace", "path", "active", "value", false)))),
                Map.of("method", "PATCH", "path", "/Groups/" + groupId, "data", Map.of("schemas", List.of(PATCH), "Operations",
                        List.of(Map.of("op", "remove", "path", "members")))),
                Map.of("method", "DELETE", "path", "/Users/" + userId),
                Map.of("method", "DELETE", "path", "/Groups/" + groupId),
                Map.of("method", "POST", "path", "/Groups", "bulkId", "grab", "data", Map.of("schemas", List.of(GROUP),
                        "displayName", "iso-bulk-grab", "members", List.of(Map.of("value", userId)))));
        Reply reply = probe("POST", "/scim/v2/Bulk", Map.of("schemas", List.of(BULK), "Operations", operations));
        assertEquals(200, reply.status(), reply.toString());
        List<String> statuses = new ArrayList<>();
        reply.json().path("Operations").forEach(result -> statuses.add(result.path("status").asText()));
        assertEquals(List.of("404", "404", "404", "404", "404", "400"), statuses, reply.toString());
        assertEquals(userVersion, ownerVersion("/scim/v2/Users/" + userId));
        assertEquals(1, owner.get("/scim/v2/Groups/" + groupId).json().path("members").size());
    }

    @Test
    void theOwnersCursorsLeadTheStrangerOnlyToItsOwnResources() {
        Reply first = owner.get("/scim/v2/Users?count=1&cursor=&sortBy=userName");
        assertEquals(200, first.status(), first.toString());
        String next = first.json().path("nextCursor").asText();
        assertFalse(next.isEmpty(), first.toString());
        Reply followed = probe("GET", "/scim/v2/Users?count=1&sortBy=userName&cursor=" + q(next), null);
        assertTrue(followed.status() == 200 || followed.status() == 400, followed.toString());
        assertFalse(followed.body().contains("iso.grace@example.com"), followed.toString());
        Reply searched = probe("POST", "/scim/v2/Users/.search", Map.of("schemas", List.of(SEARCH), "count", 1, "sortBy", "userName",
                "cursor", next));
        assertFalse(searched.body().contains("iso.grace@example.com"), searched.toString());
    }

    @Test
    void theLogApiTheAggregateCheckpointsAndVerifyShowTheStrangerOnlyItsOwnLog() {
        readEvents.flush();
        CommitHorizon.awaitPassedEverythingCommitted();
        for (String query : List.of("filter=" + q("target.id eq \"" + userId + "\""), "filter=" + q("target.id eq \"" + groupId + "\""),
                "q=iso.ada", "q=" + ownerName, "filter=" + q("actor.alternateId eq \"okta\" and target.alternateId eq \"iso.ada@example.com\""),
                "since=" + SINCE + "&limit=1000", "sortOrder=DESCENDING&limit=1000")) {
            Reply logs = probe("GET", "/api/v1/logs?" + query, null);
            assertEquals(200, logs.status(), query + ": " + logs);
            // the stranger's own refused requests about the owner's ids are its events; nothing the owner did is
            for (JsonNode event : logs.json()) {
                assertFalse(OWNER_CREDENTIAL.equals(event.path("actor").path("alternateId").asText()), query + ": the owner's event " + event);
            }
        }
        // the owner's next link, followed by the stranger
        Reply ownerPage = owner.get("/api/v1/logs?limit=1");
        String nextUrl = ownerPage.raw().headers().allValues("Link").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .filter(v -> v.contains("rel=\"next\"")).map(v -> v.substring(v.indexOf('<') + 1, v.indexOf('>')))
                .findFirst().orElseThrow(() -> new AssertionError("no next link: " + ownerPage.raw().headers().map()));
        Reply followed = probe("GET", nextUrl.substring(nextUrl.indexOf("/api/")), null);
        assertTrue(followed.status() == 200 || followed.status() == 400, followed.toString());
        assertFalse(followed.body().contains(OWNER_CREDENTIAL), followed.toString());

        // the aggregate counts the stranger's events only, whatever it filters on
        Reply aggregate = probe("GET", "/api/v1/logs/aggregate?since=" + SINCE + "", null);
        assertEquals(200, aggregate.status(), aggregate.toString());
        assertFalse(aggregate.body().contains(OWNER_CREDENTIAL) || aggregate.body().contains("iso.grace@example.com"), aggregate.toString());
        assertTrue(aggregate.json().path("total").asInt() <= LogEvents.of(strangerName, null).size(),
                "no more than the stranger's own events: " + aggregate.json().path("total"));
        Reply ownersActor = probe("GET", "/api/v1/logs/aggregate?since=" + SINCE + "&filter="
                + q("actor.alternateId eq \"" + OWNER_CREDENTIAL + "\""), null);
        assertEquals(200, ownersActor.status(), ownersActor.toString());
        assertEquals(0, ownersActor.json().path("total").asInt(), ownersActor.toString());

        // sealed and signed: each tenant gets its own checkpoints and verifies its own chain
        LogMaintenance.sealEverythingCommitted(sealer::sealBatch);
        assertTrue(Await.until(Duration.ofMinutes(1), () -> {
            signer.signNow();
            return owner.get("/api/v1/logs/checkpoints").json().size() > 0 && stranger.get("/api/v1/logs/checkpoints").json().size() > 0;
        }), "both tenants have a checkpoint");
        JsonNode ownCheckpoints = owner.get("/api/v1/logs/checkpoints").json();
        JsonNode theirCheckpoints = probe("GET", "/api/v1/logs/checkpoints?afterChainSeq=0&limit=1000", null).json();
        String ownerTenantId = ownCheckpoints.get(0).path("tenantId").asText();
        assertFalse(ownerTenantId.isEmpty(), ownCheckpoints.toString());
        for (JsonNode checkpoint : theirCheckpoints) {
            assertFalse(ownerTenantId.equals(checkpoint.path("tenantId").asText()), "the owner's checkpoint: " + checkpoint);
        }
        Reply ownVerify = owner.get("/api/v1/logs/verify");
        Reply theirVerify = probe("GET", "/api/v1/logs/verify?since=" + SINCE + "", null);
        assertEquals("intact", theirVerify.json().path("result").asText(), theirVerify.toString());
        assertTrue(theirVerify.json().path("checkedEvents").asInt() <= LogEvents.of(strangerName, null).size(), theirVerify.toString());
        assertEquals("intact", ownVerify.json().path("result").asText(), ownVerify.toString());
    }

    @Test
    void aTenantHeaderOrTheOperatorApiReachesNothingOfAnotherTenant() {
        Reply withHeader = stranger.get("/scim/v2/Users/" + userId, Map.of("X-Scimlog-Tenant", ownerName));
        assertEquals(404, withHeader.status(), "the tenant comes from the credential, never from a header");
        strangerRequestIds.add(withHeader.header("X-Request-Id"));
        Reply logsWithHeader = stranger.get("/api/v1/logs?filter=" + q("target.id eq \"" + userId + "\""), Map.of("X-Scimlog-Tenant", ownerName));
        assertTrue(logsWithHeader.status() == 200 || logsWithHeader.status() == 401, logsWithHeader.toString());
        assertFalse(logsWithHeader.body().contains("iso.ada@example.com"), logsWithHeader.toString());
        for (String path : List.of("/api/v1/admin/tenants", "/api/v1/admin/tenants/" + ownerName,
                "/api/v1/admin/tenants/" + ownerName + "/credentials")) {
            Reply admin = probe("GET", path, null);
            assertEquals(403, admin.status(), path + ": " + admin);
            assertEquals("E0000006", admin.json().path("errorCode").asText(), admin.toString());
        }
        assertEquals(403, probe("POST", "/api/v1/admin/tenants/" + ownerName + "/lifecycle/disable", "").status());
        assertEquals(403, probe("DELETE", "/api/v1/admin/tenants/" + ownerName + "/credentials/" + OWNER_CREDENTIAL, null).status());
        assertEquals(200, owner.get("/scim/v2/Users/" + userId).status(), "the owner's credential still works");
    }

    @Test
    void noneOfTheStrangersRequestsLandsInTheOwnersLog() {
        int from = strangerRequestIds.size();
        theOwnersResourcesAreNotFoundByIdForReadingOrWriting();
        bulkOperationsOnTheOwnersIdsFailOneByOne();
        List<String> probes = List.copyOf(strangerRequestIds.subList(from, strangerRequestIds.size()));
        readEvents.flush();
        CommitHorizon.awaitPassedEverythingCommitted();
        List<String> ownersRequests = LogEvents.of(ownerName, null).stream().map(e -> e.path("transaction").path("id").asText()).toList();
        List<String> strangersRequests = LogEvents.of(strangerName, null).stream().map(e -> e.path("transaction").path("id").asText()).toList();
        for (String requestId : strangerRequestIds) {
            assertFalse(ownersRequests.contains(requestId), "the stranger's request " + requestId + " is in the owner's log");
        }
        assertTrue(strangersRequests.containsAll(probes), "the stranger's refused reads and writes are in its own log");
    }
}
