package org.scimlog.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.scimlog.audit.Actor;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Keywords;
import org.scimlog.audit.LogEventJson;
import org.scimlog.json.JsonCodec;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.CommitHorizon;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of the /api/v1/logs tests: a fresh tenant per test with a logs.read token, and ways to put events
 * into its log (AuditLog.append in a transaction, or a row with a chosen published time).
 */
abstract class LogServerTest extends ScimServerTest {

    @Inject
    protected AuditLog auditLog;
    @Inject
    protected TransactionOperations<Connection> transactions;

    /** A tenant of its own, so a test sees exactly the events it wrote. */
    protected record LogTenant(UUID id, String name, Api api) {
    }

    protected LogTenant newLogTenant() {
        String name = "l-" + UUID.randomUUID().toString().substring(0, 12);
        var issued = tenants.createTenantWithToken(name, "siem", List.of(Scopes.LOGS_READ));
        return new LogTenant(issued.tenantId(), name, new Api(server.getURI().toString(), issued.secret()));
    }

    protected static RequestContext context(UUID tenantId, String requestId) {
        Actor actor = new Actor("00T" + requestId, "ApiToken", "okta-provisioning", "Okta provisioning (tenant)");
        return new RequestContext(tenantId, actor, requestId, "POST", "/scim/v2/Users", "Okta SCIM Client 1.0.0",
                "203.0.113.9", List.of("203.0.113.9"), "API_TOKEN", Map.of());
    }

    protected static EventDraft userCreated(String userId, String userName) {
        return EventDraft.success(EventType.USER_CREATE, List.of(Target.of(userId, "User", userName, userName)), Map.of());
    }

    protected static EventDraft rejected(String reason) {
        return new EventDraft(EventType.SCIM_REJECTED, Outcome.failure(reason), List.of(), Map.of());
    }

    /**
     * Appends in one committed transaction, as the directory does, and returns the events as stored once a
     * poller can see them (the commit-order horizon has passed them).
     */
    protected List<ObjectNode> append(UUID tenantId, String requestId, EventDraft... drafts) {
        List<ObjectNode> events = appendWithoutWaiting(tenantId, requestId, drafts);
        CommitHorizon.awaitPassedEverythingCommitted();
        return events;
    }

    /** Appends in one committed transaction; for tests that hold the horizon back on purpose. */
    protected List<ObjectNode> appendWithoutWaiting(UUID tenantId, String requestId, EventDraft... drafts) {
        return transactions.executeWrite(status ->
                auditLog.append(status.getConnection(), context(tenantId, requestId), List.of(drafts)));
    }

    protected ObjectNode append(UUID tenantId, EventDraft draft) {
        return append(tenantId, "req" + UUID.randomUUID().toString().substring(0, 8), draft).get(0);
    }

    /**
     * A row with a chosen published time, written the way AuditLog writes it; for ordering and retention
     * tests, which need published values that AuditLog's clock would not give. Returns once pollers can see it.
     */
    protected ObjectNode insertPublishedAt(UUID tenantId, Instant published, EventDraft draft) {
        return insertPublishedAt(tenantId, published, "req" + UUID.randomUUID().toString().substring(0, 8), draft);
    }

    /** As above, in request {@code requestId} (whose actor is "00T" + requestId). */
    protected ObjectNode insertPublishedAt(UUID tenantId, Instant published, String requestId, EventDraft draft) {
        UUID uuid = UUID.randomUUID();
        RequestContext context = context(tenantId, requestId);
        ObjectNode event = LogEventJson.forRequest(context, new JsonCodec()).build(uuid, published, draft);
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                            target_ids, transaction_id, keywords, body)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, uuid);
            ps.setTimestamp(3, Timestamp.from(published));
            ps.setString(4, draft.type().id());
            ps.setString(5, draft.type().severity());
            ps.setString(6, draft.outcome().result());
            ps.setString(7, context.actor().id());
            // as AuditLog writes it: the ids there are (a refused create's target has none)
            ps.setArray(8, c.createArrayOf("text", draft.targets().stream().map(Target::id).filter(Objects::nonNull).toArray()));
            ps.setString(9, context.requestId());
            ps.setArray(10, c.createArrayOf("text", Keywords.of(event).toArray()));
            ps.setString(11, event.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        CommitHorizon.awaitPassedEverythingCommitted();
        return event;
    }

    protected static Connection connection() throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl());
    }

    protected static List<String> uuids(JsonNode events) {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("uuid").asText()));
        return ids;
    }

    protected static List<String> uuidsOf(List<? extends JsonNode> events) {
        return events.stream().map(e -> e.path("uuid").asText()).toList();
    }

    /** The Link header values of a reply, by relation; Okta sends one header line per relation. */
    protected static Map<String, String> links(Api.Reply reply) {
        Map<String, String> links = new HashMap<>();
        for (String value : reply.raw().headers().allValues("Link")) {
            for (String link : value.split(",(?=\\s*<)")) {
                String trimmed = link.trim();
                String url = trimmed.substring(1, trimmed.indexOf('>'));
                String rel = trimmed.substring(trimmed.indexOf("rel=\"") + 5, trimmed.lastIndexOf('"'));
                links.put(rel, url);
            }
        }
        return links;
    }

    /** The path and query of an absolute link, for the test client that prefixes the server URL. */
    protected String relative(String url) {
        assertTrue(url.startsWith(server.getURI().toString()), url);
        return url.substring(server.getURI().toString().length());
    }

    protected static void assertOktaError(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        JsonNode body = reply.json();
        assertEquals(code, body.path("errorCode").asText(), reply::toString);
        assertEquals(code, body.path("errorLink").asText());
        assertTrue(body.path("errorSummary").asText().length() > 0, reply::toString);
        assertTrue(body.path("errorId").asText().startsWith("oae"), reply::toString);
        assertTrue(body.path("errorCauses").isArray(), reply::toString);
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
    }
}
