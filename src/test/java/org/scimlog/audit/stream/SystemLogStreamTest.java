package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantStore;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;
import org.scimlog.support.TopicRecords.Delivered;

/** A SCIM write, then what a Kafka consumer of the System Log topic receives. */
@MicronautTest(transactional = false)
class SystemLogStreamTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private final String topic = TestKafka.uniqueTopic();
    @Inject
    TenantStore tenantStore;

    @Override
    protected Map<String, String> extraProperties() {
        return StreamProperties.of(TestKafka.shared().bootstrapServers(), topic);
    }

    private Api logReader() {
        return api.withToken(tenants.rotateToken(tenantName, "siem", List.of(Scopes.LOGS_READ)).secret());
    }

    private String createUser(String userName) {
        Reply created = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", userName,
                "password", "Pa55word-not-streamed!", "active", true));
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    private List<Delivered> deliveredUntil(Predicate<List<Delivered>> done) {
        RelayProgress.awaitAcknowledged(tenantName);
        return TopicRecords.readUntil(TestKafka.shared().bootstrapServers(), topic, done, RelayProgress.DEADLINE);
    }

    @Test
    void aScimWriteReachesKafkaAsExactlyTheJsonTheLogApiReturns() {
        String id = createUser("stream.ada@example.com");
        Reply logged = logReader().get("/api/v1/logs?filter=" + Api.q("target.id eq \"" + id + "\" and eventType eq \"user.lifecycle.create\""));
        assertEquals(200, logged.status(), logged::toString);
        assertEquals(1, logged.json().size(), logged::toString);
        String uuid = logged.json().get(0).path("uuid").asText();

        List<Delivered> records = deliveredUntil(read -> TopicRecords.uuids(read).contains(uuid));
        Delivered record = records.stream().filter(r -> uuid.equals(r.header("uuid"))).findFirst().orElseThrow(
                () -> new AssertionError("event " + uuid + " never reached Kafka"));

        Reply one = logReader().get("/api/v1/logs?filter=" + Api.q("uuid eq \"" + uuid + "\""));
        assertEquals("[" + record.value() + "]", one.body(), "the record value is the API's JSON, byte for byte");
        String tenantId = tenantStore.findTenant(tenantName).orElseThrow().toString();
        assertEquals(tenantId + ":" + id, record.key(), "key = tenant and the first target's id");
        assertEquals(tenantId, record.header("tenantId"));
        assertEquals("user.lifecycle.create", record.header("eventType"));
        assertTrue(records.stream().noneMatch(r -> r.value().contains("Pa55word-not-streamed!")), "no password in the stream");
    }

    @Test
    void eventsAboutOneUserArriveInTheOrderTheyHappenedUnderConcurrentWriters() throws Exception {
        List<String> ids = List.of(createUser("order.a@example.com"), createUser("order.b@example.com"),
                createUser("order.c@example.com"));
        int writers = 6;
        int patchesPerWriter = 8;
        ConcurrentHashMap<String, Integer> versionOfName = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < patchesPerWriter; i++) {
                    String id = ids.get((writer + i) % ids.size());
                    String name = "w" + writer + "-" + i;
                    Reply patched = api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH),
                            "Operations", List.of(Map.of("op", "replace", "path", "displayName", "value", name))));
                    assertEquals(200, patched.status(), patched::toString);
                    versionOfName.put(name, Integer.parseInt(patched.json().at("/meta/version").asText().replaceAll("\\D", "")));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        int total = writers * patchesPerWriter;

        List<Delivered> records = deliveredUntil(read -> read.stream()
                .filter(r -> "user.account.update_profile".equals(r.header("eventType")))
                .filter(r -> versionOfName.containsKey(Api.json(r.value()).at("/target/0/changeDetails/to/displayName").asText()))
                .map(r -> r.header("uuid")).distinct().count() == total);
        for (String id : ids) {
            List<Integer> versions = records.stream()
                    .filter(r -> r.key().endsWith(":" + id) && "user.account.update_profile".equals(r.header("eventType")))
                    .map(r -> versionOfName.get(Api.json(r.value()).at("/target/0/changeDetails/to/displayName").asText()))
                    .toList();
            assertTrue(versions.size() >= 1, "updates of " + id + " delivered");
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i) > versions.get(i - 1), "user " + id + " updates out of order: " + versions);
            }
            assertEquals(1, records.stream().filter(r -> r.key().endsWith(":" + id)).map(Delivered::partition).distinct().count(),
                    "one resource, one partition");
        }
    }

    @Test
    void healthAndPrometheusShowTheStreamToAnonymousCallers() {
        createUser("stream.metrics@example.com");
        Api anonymous = new Api(api.baseUrl(), null);
        RelayProgress.awaitAcknowledged(tenantName);
        Reply health = anonymous.get("/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.json().at("/details/systemLogStream/status").asText(), health::toString);
        assertEquals("active", health.json().at("/details/systemLogStream/details/relay").asText(), health::toString);
        assertEquals(topic, health.json().at("/details/systemLogStream/details/topic").asText());

        Reply metrics = anonymous.get("/prometheus");
        assertEquals(200, metrics.status(), metrics::toString);
        assertTrue(metrics.body().contains("scimlog_stream_backlog_events "), metrics.body());
        assertTrue(metrics.body().contains("scimlog_stream_backlog_oldest_age_seconds "), metrics.body());
        double published = metrics.body().lines().filter(l -> l.startsWith("scimlog_stream_published_events_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
        assertTrue(published >= 1, metrics.body());
    }
}
