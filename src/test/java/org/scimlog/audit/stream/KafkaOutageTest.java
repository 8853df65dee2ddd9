package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scimlog.launch.LocalKafka;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;
import org.scimlog.support.TopicRecords.Delivered;

/** The broker goes down while concurrent SCIM writes go on, long enough for the producer's batches to expire, then comes back. */
@MicronautTest(transactional = false)
class KafkaOutageTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private final LocalKafka broker = TestKafka.own();
    private final String topic = TestKafka.uniqueTopic();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(broker.bootstrapServers(), topic));
        // passed straight through to the producer: notice the outage in seconds
        p.put("scimlog.stream.kafka.request.timeout.ms", "2000");
        p.put("scimlog.stream.kafka.delivery.timeout.ms", "4000");
        p.put("scimlog.stream.kafka.max.block.ms", "3000");
        p.put("scimlog.stream.kafka.default.api.timeout.ms", "3000");
        return p;
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    private JsonNode streamHealth() {
        Reply health = new Api(api.baseUrl(), null).get("/health");
        return health.json().at("/details/systemLogStream");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        RelayProgress.await(what, condition);
    }

    @Test
    void writesSucceedDuringTheOutageAndEveryEventIsDeliveredInOrderAfterwards() {
        String first = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "before@example.com"))
                .json().path("id").asText();
        // Kafka acknowledged the first user's event (and whatever other test classes left unsent) before the outage
        RelayProgress.awaitAcknowledged(tenantName);

        broker.stop();
        List<String> ids = new ArrayList<>(writeConcurrently("outage", 4, 5));

        RelayProgress.await("health reports Kafka unreachable", () -> !streamHealth().at("/details/kafkaReachable").asBoolean(true),
                () -> "the stream's health: " + streamHealth());
        Reply health = new Api(api.baseUrl(), null).get("/health");
        assertEquals(200, health.status(), "the instance stays in service: " + health);
        assertEquals("DEGRADED", streamHealth().path("status").asText(), health::toString);
        Reply readiness = new Api(api.baseUrl(), null).get("/health/readiness");
        assertEquals(200, readiness.status(), "Kafka down is degraded, still ready for SCIM traffic: " + readiness);
        assertEquals("DEGRADED", readiness.json().at("/details/systemLogStream/status").asText(), readiness::toString);
        assertEquals(200, new Api(api.baseUrl(), null).get("/health/liveness").status(), "alive without Kafka");
        assertTrue(streamHealth().at("/details/lastError").asText().contains("failed"), health::toString);
        await("the backlog shows in the metrics", () -> metric("scimlog_stream_backlog_events") >= 20
                && metric("scimlog_stream_backlog_oldest_age_seconds") > 0);

        broker.start();
        // more writes while the backlog drains: they must come after it, user by user
        ids.addAll(writeConcurrently("recovery", 4, 3));
        RelayProgress.awaitAcknowledged(tenantName);
        List<String> written = LogRows.events(tenantName).stream().map(e -> e.path("uuid").asText()).toList();
        Predicate<List<Delivered>> allThere = read -> TopicRecords.uuids(read).containsAll(written);
        List<Delivered> records = TopicRecords.readUntil(broker.bootstrapServers(), topic, allThere, RelayProgress.DEADLINE);
        assertTrue(allThere.test(records), "every event written during the outage was delivered");
        for (String id : ids) {
            // a consumer keeps the first copy of each uuid: the order of first copies is the order it sees
            List<String> types = records.stream().filter(r -> r.key().endsWith(":" + id))
                    .filter(distinctBy(r -> r.header("uuid"))).map(r -> r.header("eventType")).toList();
            assertEquals(List.of("user.lifecycle.create", "user.account.update_profile"), types, "order for " + id);
        }
        assertTrue(records.stream().anyMatch(r -> r.key().endsWith(":" + first)));
        await("health is UP again", () -> "UP".equals(streamHealth().path("status").asText()));
        await("the backlog drained", () -> metric("scimlog_stream_backlog_events") == 0);
    }

    /** {@code writers} threads each create {@code usersEach} users and update each once; returns their ids. */
    private List<String> writeConcurrently(String prefix, int writers, int usersEach) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<String>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                written.add(pool.submit(() -> {
                    List<String> created = new ArrayList<>();
                    for (int i = 0; i < usersEach; i++) {
                        Reply user = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER),
                                "userName", prefix + writer + "-" + i + "@example.com"));
                        assertEquals(201, user.status(), "SCIM keeps working whatever Kafka does: " + user);
                        String id = user.json().path("id").asText();
                        Reply patched = api.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                                List.of(Map.of("op", "replace", "path", "displayName", "value", prefix + " " + i))));
                        assertEquals(200, patched.status(), patched::toString);
                        created.add(id);
                    }
                    return created;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> f : written) {
                ids.addAll(f.get());
            }
            return ids;
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("a writer failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private static <T> Predicate<T> distinctBy(java.util.function.Function<T, String> key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return item -> seen.add(key.apply(item));
    }

    private double metric(String name) {
        String text = new Api(api.baseUrl(), null).get("/prometheus").body();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
