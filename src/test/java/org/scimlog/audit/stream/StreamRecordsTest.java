package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.chain.CommittedEvent;

class StreamRecordsTest {

    private static final UUID TENANT = UUID.fromString("6f1c2a34-0000-4000-8000-000000000001");
    private static final UUID EVENT = UUID.fromString("0b5e9c1d-0000-4000-8000-000000000002");

    private static CommittedEvent event(String body) {
        return new CommittedEvent(TENANT, EVENT, Instant.parse("2026-01-01T00:00:00Z"), 10, 20, "user.lifecycle.create", body);
    }

    @Test
    void theRecordCarriesTheStoredBodyUntouchedWithKeyAndHeaders() {
        String body = "{\"uuid\": \"" + EVENT + "\", \"target\": [{\"id\": \"u-1\", \"type\": \"User\"}, {\"id\": \"g-1\"}]}";
        ProducerRecord<String, String> record = StreamRecords.of("topic", event(body));
        assertEquals(body, record.value());
        assertEquals(TENANT + ":u-1", record.key());
        assertEquals(EVENT.toString(), new String(record.headers().lastHeader("uuid").value(), StandardCharsets.UTF_8));
        assertEquals(TENANT.toString(), new String(record.headers().lastHeader("tenantId").value(), StandardCharsets.UTF_8));
        assertEquals("user.lifecycle.create", new String(record.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aTargetNestedElsewhereInTheEventIsNotMistakenForTheEventsTarget() {
        String body = "{\"debugContext\": {\"debugData\": {\"target\": [{\"id\": \"wrong\"}]}}, \"actor\": {\"id\": \"a\"},"
                + " \"target\": [{\"type\": \"User\", \"changeDetails\": {\"to\": {\"id\": \"also-wrong\"}}, \"id\": \"right\"}]}";
        assertEquals(TENANT + ":right", StreamRecords.key(event(body)));
    }

    @Test
    void eventsWithoutATargetShareTheTenantsNoneKey() {
        assertEquals(TENANT + ":none", StreamRecords.key(event("{\"eventType\": \"scimlog.scim.search\", \"target\": []}")));
        assertEquals(TENANT + ":none", StreamRecords.key(event("{\"target\": null}")));
        assertEquals(TENANT + ":none", StreamRecords.key(event("{\"eventType\": \"x\"}")));
        assertEquals(TENANT + ":none", StreamRecords.key(event("{\"target\": [{\"id\": null}]}")));
        assertEquals(TENANT + ":none", StreamRecords.key(event("[]")));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedRatherThanKeyedWrongly() {
        assertThrows(UncheckedIOException.class, () -> StreamRecords.key(event("{\"target\": [{\"id\" \"u\"")));
    }
}
