package org.scimlog.audit.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.audit.stream.StreamRelay;
import org.scimlog.security.TenantStore;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;

/** Streaming on, the relay stopped (as during a long Kafka outage), days aged past the retention window. */
@MicronautTest(transactional = false)
class RetentionHoldTest extends ScimServerTest {

    private static final String HELD = "system.log.retention.held";
    private static final String FORCED = "system.log.retention.forced";

    @Inject
    LogRetention retention;
    @Inject
    StreamRelay relay;
    @Inject
    CommitOrderReader reader;
    @Inject
    TenantStore tenantStore;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), TestKafka.uniqueTopic()));
        p.put("scimlog.log.retention-hard-limit-days", "20");
        return p;
    }

    @Test
    void aDayTheRelayHasNotPassedIsKeptUntilItHasAndTheHardLimitEndsTheHoldLoudly() {
        relay.stop();
        UUID tenant = tenantStore.findTenant(tenantName).orElseThrow();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate heldDay = today.minusDays(10);
        LocalDate pastHardLimit = today.minusDays(25);
        retention.ensurePartitions(pastHardLimit, pastHardLimit);
        retention.ensurePartitions(heldDay, heldDay);
        Position lastLost = OldDays.insertEvents(tenant, pastHardLimit, 2);
        Position lastHeld = OldDays.insertEvents(tenant, heldDay, 3);
        OldDays.await("the sealer passed the old events", () -> OldDays.passed(reader, "chain-sealer", lastHeld)
                && OldDays.passed(reader, "chain-sealer", lastLost));
        assertFalse(OldDays.passed(reader, StreamRelay.READER, lastHeld), "the stopped relay is behind");

        List<LocalDate> dropped = retention.dropExpired(Instant.now());

        assertFalse(dropped.contains(heldDay), "a day the relay has not passed is kept: " + dropped);
        assertTrue(OldDays.partitionExists(heldDay));
        RetentionHold hold = retention.holds().stream().filter(h -> h.day().equals(heldDay)).findFirst().orElseThrow();
        assertEquals(List.of(StreamRelay.READER), hold.heldBy());
        JsonNode health = OldDays.health(api);
        assertEquals("DEGRADED", health.path("status").asText(), health::toString);
        JsonNode shown = findHeld(health, heldDay);
        assertEquals("kafka-relay", shown.path("heldBy").get(0).asText(), health::toString);
        // midnight, a whole second: written with three fraction digits like every instant scimlog writes
        assertEquals(heldDay.plusDays(8) + "T00:00:00.000Z", shown.path("heldSince").asText());
        assertEquals(200, new org.scimlog.support.Api(api.baseUrl(), null).get("/health").status(), "still in service");
        assertTrue(OldDays.metric(api, "scimlog_log_retention_held_partitions") >= 1);
        assertTrue(OldDays.metric(api, "scimlog_log_retention_held_oldest_age_seconds") >= 10 * 86_400);

        List<JsonNode> held = LogRows.events(tenantName, HELD);
        assertEquals(1, held.size(), held::toString);
        JsonNode heldEvent = held.get(0);
        assertEquals(OldDays.partition(heldDay), heldEvent.at("/target/0/id").asText());
        assertEquals("WARN", heldEvent.path("severity").asText());
        assertEquals("SystemPrincipal", heldEvent.at("/actor/type").asText());
        assertEquals(3, heldEvent.at("/debugContext/debugData/unstreamedEvents").asLong(), heldEvent::toString);
        assertEquals(0, heldEvent.at("/debugContext/debugData/unsealedEvents").asLong(), heldEvent::toString);
        assertEquals(heldDay.plusDays(8) + "T00:00:00.000Z", heldEvent.at("/debugContext/debugData/heldSince").asText());
        assertTrue(heldEvent.at("/debugContext/debugData/droppedAnywayFrom").asText().endsWith("T00:00:00.000Z"),
                heldEvent::toString);

        assertTrue(dropped.contains(pastHardLimit), "the hard limit ends the hold: " + dropped);
        assertFalse(OldDays.partitionExists(pastHardLimit));
        List<JsonNode> forced = LogRows.events(tenantName, FORCED);
        assertEquals(1, forced.size(), forced::toString);
        assertEquals("ERROR", forced.get(0).path("severity").asText());
        assertEquals("FAILURE", forced.get(0).at("/outcome/result").asText());
        assertEquals(2, forced.get(0).at("/debugContext/debugData/unstreamedEvents").asLong(), forced.get(0)::toString);
        assertEquals(OldDays.partition(pastHardLimit), forced.get(0).at("/target/0/id").asText());
        assertTrue(OldDays.metric(api, "scimlog_log_retention_forced_drops_total") >= 1);
        assertTrue(OldDays.metric(api, "scimlog_log_retention_lost_events_total{reader=\"kafka-relay\"") >= 2);

        retention.dropExpired(Instant.now());
        assertTrue(OldDays.partitionExists(heldDay), "still held on the next run");
        assertEquals(1, LogRows.events(tenantName, HELD).size(), "the hold is announced once, not on every run");

        relay.start();
        OldDays.await("the relay passed the held day", () -> OldDays.passed(reader, StreamRelay.READER, lastHeld));
        List<LocalDate> afterwards = retention.dropExpired(Instant.now());

        assertTrue(afterwards.contains(heldDay), afterwards::toString);
        assertFalse(OldDays.partitionExists(heldDay));
        assertTrue(retention.holds().stream().noneMatch(h -> h.day().equals(heldDay)));
        JsonNode after = OldDays.health(api);
        assertTrue(findHeldOrNull(after, heldDay) == null, after::toString);
        assertEquals(retention.holds().isEmpty() ? "UP" : "DEGRADED", after.path("status").asText(), after::toString);
        assertEquals(1, LogRows.events(tenantName, FORCED).size(), "a drop after the relay passed loses nothing");
    }

    private static JsonNode findHeld(JsonNode health, LocalDate day) {
        JsonNode found = findHeldOrNull(health, day);
        if (found == null) {
            throw new AssertionError(day + " not among the held partitions: " + health);
        }
        return found;
    }

    private static JsonNode findHeldOrNull(JsonNode health, LocalDate day) {
        for (JsonNode held : health.at("/details/heldPartitions")) {
            if (held.path("day").asText().equals(day.toString())) {
                return held;
            }
        }
        return null;
    }
}
