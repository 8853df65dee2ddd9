package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.ChainVerification;
import org.scimlog.audit.chain.ChainVerifier;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.launch.Console;
import org.scimlog.launch.LogCommand;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.CommitHorizon;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/** The log is append-only in the database itself, and tampering behind the application's back is detected. */
@MicronautTest(transactional = false)
class TamperEvidenceTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    @Inject
    ChainSealer sealer;
    @Inject
    ChainVerifier verifier;
    @Inject
    LogRetention retention;

    /** The tenant of the newest event: the tenant the test just wrote through. */
    private UUID tenantId(Api client) {
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement("SELECT e.tenant_id FROM log_event e ORDER BY e.seq DESC LIMIT 1")) {
            var rs = ps.executeQuery();
            rs.next();
            return rs.getObject(1, UUID.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Seals everything committed so far. The sealer reads only below the commit-order horizon, and a round of
     * the scheduled sealer may hold its lock when this one tries, so it seals until its position has passed
     * every committed event.
     */
    private void sealAll() {
        CommitHorizon.awaitPassedEverythingCommitted();
        Instant deadline = Instant.now().plusSeconds(60);
        while (sealer.sealBatch() > 0 || committedEventsPastTheSealer()) {
            assertTrue(Instant.now().isBefore(deadline), "the sealer did not pass the committed events in time");
        }
    }

    private static boolean committedEventsPastTheSealer() {
        try (Connection c = LogRows.connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("""
                     SELECT EXISTS (SELECT 1 FROM log_event e
                       LEFT JOIN log_reader_position p ON p.reader = 'chain-sealer'
                      WHERE e.txid < pg_snapshot_xmin(pg_current_snapshot())
                        AND (p.reader IS NULL OR (e.txid, e.seq) > (p.last_txid, p.last_seq)))""")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChainVerification verifyNow(UUID tenant) {
        return verifier.verify(tenant, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plusSeconds(60));
    }

    private Api freshTenantWithEvents(int users) {
        Api client = otherTenant();
        for (int i = 0; i < users; i++) {
            client.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "chain" + i + "@example.com"));
        }
        return client;
    }

    @Test
    void updateAndDeleteAreRefusedByTheDatabase() throws SQLException {
        api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "immutable@example.com"));
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE log_event SET severity = 'DEBUG'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM log_event"));
            assertTrue(delete.getMessage().contains("append-only"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM log_seal"));
        }
    }

    @Test
    void theApplicationRoleCannotChangeTheLogEvenWithTheTriggerGone() throws SQLException {
        api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "grants@example.com"));
        try (Connection admin = LogRows.connect(); Statement s = admin.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_login') THEN "
                    + "CREATE ROLE scimlog_login LOGIN PASSWORD 'x' IN ROLE scimlog_app; END IF; END $$");
        }
        String url = TestDatabase.jdbcUrl().replace("user=postgres", "user=scimlog_login&password=x");
        try (Connection app = java.sql.DriverManager.getConnection(url); Statement s = app.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM log_event");
            rs.next();
            assertTrue(rs.getLong(1) > 0, "the application role reads the log");
            SQLException update = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE log_event SET severity = 'X'"));
            assertTrue(update.getMessage().contains("permission denied"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("ALTER TABLE log_event DISABLE TRIGGER log_event_append_only"),
                    "not the owner: cannot switch the trigger off");
            assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE log_event"));
        }
    }

    @Test
    void chainVerifiesIntactThenDetectsAnAlteredAndARemovedEvent() throws SQLException {
        Api client = freshTenantWithEvents(5);
        UUID tenant = tenantId(client);
        sealAll();
        ChainVerification intact = verifyNow(tenant);
        assertTrue(intact.intact(), () -> String.valueOf(intact));
        assertEquals(5, intact.checkedEvents());
        assertEquals(0, intact.unsealedEvents());

        String victim;
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT uuid FROM log_event WHERE tenant_id = '" + tenant + "' ORDER BY seq OFFSET 2 LIMIT 1");
            rs.next();
            victim = rs.getString(1);
            // behind the application's back: a superuser switches the guard off and rewrites history
            s.execute("ALTER TABLE log_event DISABLE TRIGGER log_event_append_only");
            s.executeUpdate("UPDATE log_event SET body = jsonb_set(body, '{outcome,result}', '\"FAILURE\"') WHERE uuid = '" + victim + "'");
            s.execute("ALTER TABLE log_event ENABLE TRIGGER log_event_append_only");
        }
        ChainVerification altered = verifyNow(tenant);
        assertFalse(altered.intact());
        assertEquals(victim, altered.firstBrokenUuid());
        assertEquals("the event was altered", altered.problem());
        assertEquals(2, altered.checkedEvents());

        Api other = freshTenantWithEvents(3);
        UUID otherTenant = tenantId(other);
        sealAll();
        String removed;
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT uuid FROM log_event WHERE tenant_id = '" + otherTenant + "' ORDER BY seq LIMIT 1");
            rs.next();
            removed = rs.getString(1);
            s.execute("ALTER TABLE log_event DISABLE TRIGGER log_event_append_only");
            s.executeUpdate("DELETE FROM log_event WHERE uuid = '" + removed + "'");
            s.execute("ALTER TABLE log_event ENABLE TRIGGER log_event_append_only");
        }
        ChainVerification gone = verifyNow(otherTenant);
        assertFalse(gone.intact());
        assertEquals(removed, gone.firstBrokenUuid());
        assertEquals("the event was removed", gone.problem());
    }

    @Test
    void verifyEndpointAndCommandReport() {
        Api client = freshTenantWithEvents(2);
        UUID tenant = tenantId(client);
        sealAll();
        String tenantName;
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT name FROM tenant WHERE id = '" + tenant + "'");
            rs.next();
            tenantName = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Api reader = client.withToken(tenants.createTenantWithToken(tenantName, "siem", List.of(Scopes.LOGS_READ)).secret());
        Api.Reply reply = reader.get("/api/v1/logs/verify");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("intact", reply.json().path("result").asText());
        assertTrue(reply.json().path("checkedEvents").asInt() >= 2);
        assertEquals(403, client.get("/api/v1/logs/verify").status(), "a provisioning token may not read the log");
        Api.Reply badDate = reader.get("/api/v1/logs/verify?since=yesterday");
        assertEquals(400, badDate.status());
        assertEquals("E0000001", badDate.json().path("errorCode").asText(), "an Okta error like the log query's");
        assertFalse(badDate.json().path("errorId").asText().isEmpty());

        System.setProperty("datasources.default.url", TestDatabase.jdbcUrl());
        System.setProperty("datasources.default.username", "postgres");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = LogCommand.run(new String[] {"verify", tenantName},
                    new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
            assertEquals(0, exit, out::toString);
            JsonNode result = Api.json(out.toString(StandardCharsets.UTF_8));
            assertEquals("intact", result.path("result").asText());
        } finally {
            System.clearProperty("datasources.default.url");
            System.clearProperty("datasources.default.username");
        }
    }

    @Test
    void retentionDropsWholeOldDaysAndTheChainStillVerifiesFromTheAnchor() throws SQLException {
        Api client = freshTenantWithEvents(1);
        UUID tenant = tenantId(client);
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        retention.ensurePartitions(old, old);
        Instant oldInstant = old.atTime(12, 0).toInstant(ZoneOffset.UTC);
        // an event from 10 days ago (as if written then), sealed into the chain before today's events
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                       target_ids, transaction_id, keywords, body)
                VALUES (?, ?, ?, 'user.lifecycle.create', 'INFO', 'SUCCESS', 'a', '{}', 'r', '{}', '{"old": true}')""")) {
            ps.setObject(1, tenant);
            ps.setObject(2, UUID.randomUUID());
            ps.setTimestamp(3, java.sql.Timestamp.from(oldInstant));
            ps.executeUpdate();
        }
        sealAll();
        client.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "after-drop@example.com"));
        sealAll();

        List<LocalDate> dropped = retention.dropExpired(Instant.now());
        assertTrue(dropped.contains(old), dropped::toString);
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM log_event WHERE published < now() - interval '7 days'");
            rs.next();
            assertEquals(0, rs.getLong(1), "nothing past retention remains");
            var anchors = s.executeQuery("SELECT count(*) FROM log_chain_anchor WHERE tenant_id = '" + tenant + "'");
            anchors.next();
            assertEquals(1, anchors.getLong(1));
        }
        ChainVerification afterDrop = verifyNow(tenant);
        assertTrue(afterDrop.intact(), () -> String.valueOf(afterDrop));
        assertEquals(2, afterDrop.checkedEvents());
    }
}
