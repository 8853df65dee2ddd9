package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;
import org.scimlog.support.TopicRecords.Delivered;

/** The relay dies after Kafka acknowledged a batch but before it saved its position. */
@MicronautTest(transactional = false)
class RelayCrashTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private final String topic = TestKafka.uniqueTopic();

    @Inject
    CrashAfterAcknowledgement crash;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), topic));
        p.put("test.relay-crash", "true");
        return p;
    }

    @Test
    void theUnsavedBatchIsSentAgainAndNoEventIsMissing() {
        crash.arm();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, api.post("/scim/v2/Users", Map.of("schemas", List.of(USER),
                    "userName", "crash" + i + "@example.com")).status());
        }
        RelayProgress.awaitAcknowledged(tenantName);
        List<String> written = LogRows.events(tenantName).stream().map(e -> e.path("uuid").asText()).toList();
        List<Delivered> records = TopicRecords.readUntil(TestKafka.shared().bootstrapServers(), topic, read -> {
            Map<String, Long> seen = count(read);
            return !crash.unsavedUuids.isEmpty() && written.stream().allMatch(seen::containsKey)
                    && crash.unsavedUuids.stream().allMatch(u -> seen.getOrDefault(u, 0L) >= 2);
        }, RelayProgress.DEADLINE);

        Map<String, Long> seen = count(records);
        assertFalse(crash.unsavedUuids.isEmpty(), "the relay went through the crash point");
        for (String uuid : crash.unsavedUuids) {
            assertTrue(seen.getOrDefault(uuid, 0L) >= 2, "event " + uuid + " of the unsaved batch was sent again");
        }
        for (String uuid : written) {
            assertTrue(seen.containsKey(uuid), "event " + uuid + " reached Kafka");
        }
    }

    private static Map<String, Long> count(List<Delivered> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.header("uuid"), Collectors.counting()));
    }
}
