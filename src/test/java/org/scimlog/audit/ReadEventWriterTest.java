package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.LogRows;
import org.scimlog.support.OutputCapture;
import org.scimlog.support.ScimServerTest;

/**
 * The read-event writer outlives an event the database refuses: it drops that one event alone (logged
 * without its values, counted), writes the others of its batch, and keeps writing every later read event.
 */
@MicronautTest
class ReadEventWriterTest extends ScimServerTest {

    @Inject
    ReadEventBuffer buffer;
    @Inject
    AuditLog auditLog;
    @Inject
    MeterRegistry meters;

    @Test
    void anEventTheDatabaseRefusesIsDroppedAloneAndReadLoggingGoesOn() throws Exception {
        UUID tenantId = tenantId();
        // a NUL, which PostgreSQL cannot store in text or jsonb: whatever the entry points refuse, some
        // event will one day hold a value the database rejects, and it must cost only itself
        String secret = "Unwritable-7e2c" + '\u0000' + "S3cretValue91";
        RequestContext context = new RequestContext(tenantId, new Actor("a-1", "ApiToken", "tests", "tests"),
                "req-" + UUID.randomUUID(), "GET", "/scim/v2/Users", null, "127.0.0.1", List.of("127.0.0.1"),
                "API_TOKEN", Map.of());
        PendingEvent refused = auditLog.prepare(context.withDebug("filter", secret),
                List.of(EventDraft.success(EventType.SCIM_SEARCH, List.of(), Map.of()))).get(0);
        PendingEvent sameBatch = auditLog.prepare(context,
                List.of(EventDraft.success(EventType.SCIM_SEARCH, List.of(), Map.of()))).get(0);
        double droppedBefore = dropped();

        try (OutputCapture output = new OutputCapture()) {
            buffer.offer(refused);
            buffer.offer(sameBatch);
            assertTrue(Await.until(Duration.ofSeconds(20), () -> stored(sameBatch.uuid())),
                    "the refused event's batch neighbour is written");
            // a later read, through HTTP, is still logged by the writer
            Reply search = api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"nobody-" + UUID.randomUUID() + "\""));
            assertEquals(200, search.status(), search::toString);
            assertTrue(Await.until(Duration.ofSeconds(20), () -> LogRows.events(tenantName, EventType.SCIM_SEARCH.id())
                    .stream().anyMatch(e -> e.at("/debugContext/debugData/filter").asText().startsWith("userName eq"))),
                    () -> "read events are written after the refused one: " + LogRows.events(tenantName));

            assertFalse(stored(refused.uuid()));
            assertEquals(droppedBefore + 1, dropped(), "the dropped event is counted");
            String printed = output.text();
            assertTrue(printed.contains(refused.uuid().toString()), "the drop is logged, naming the event");
            assertFalse(printed.contains("S3cretValue91") || printed.contains("Unwritable-7e2c"),
                    "the refused event's values are printed nowhere:\n" + printed);
        }
        Reply health = new Api(api.baseUrl(), null).get("/health");
        assertEquals("UP", health.json().at("/details/backgroundJobs/status").asText(), health::toString);
        assertTrue(health.json().at("/details/backgroundJobs/details/read-event-writer/running").asBoolean(), health::toString);
    }

    private double dropped() {
        return meters.counter("scimlog.log.read.events.dropped").count();
    }

    private UUID tenantId() throws SQLException {
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE name = ?")) {
            ps.setString(1, tenantName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static boolean stored(UUID eventUuid) {
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM log_event WHERE uuid = ?")) {
            ps.setObject(1, eventUuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
