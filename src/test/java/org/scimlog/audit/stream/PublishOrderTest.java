package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimlog.audit.chain.CommittedEvent;
import org.scimlog.launch.LocalKafka;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;
import org.scimlog.support.TopicRecords.Delivered;
import org.scimlog.support.Await;

/**
 * The publisher against a broker that is down when a batch starts and back while it is still being sent:
 * whatever part of a failed attempt Kafka kept, the first copy of each event on the topic must come in the
 * batch's order for each resource, because consumers keep the first copy of a uuid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishOrderTest {

    private static final UUID TENANT = UUID.randomUUID();
    private LocalKafka broker;

    @BeforeAll
    void startBroker() {
        broker = TestKafka.own();
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    private static CommittedEvent event(String userId, String type, long seq) {
        String body = "{\"uuid\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type
                + "\",\"target\":[{\"id\":\"" + userId + "\",\"type\":\"User\"}]}";
        return new CommittedEvent(TENANT, UUID.randomUUID(), Instant.now(), 100, seq, type, body);
    }

    private EventPublisher publisher(String topic) {
        StreamSettings settings = new StreamSettings(topic, 1, (short) 1, Duration.ofMillis(100), 5000,
                Duration.ofMillis(300), Duration.ofMillis(300));
        // a fresh producer waits max.block.ms for the topic's metadata on each send while the broker is away
        return new EventPublisher(settings, KafkaClientSettings.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "max.block.ms", "8000",
                "request.timeout.ms", "2000",
                "delivery.timeout.ms", "6000",
                "reconnect.backoff.max.ms", "200",
                "interceptor.classes", GatedSends.class.getName())));
    }

    @Test
    void recordsAfterAFailedOneAreNotSentSoTheFirstCopiesKeepEachResourcesOrder() throws Exception {
        String topic = TestKafka.uniqueTopic();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<CommittedEvent> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = "user-" + i;
            batch.add(event(user, "user.lifecycle.create", 2L * i));
            batch.add(event(user, "user.account.update_profile", 2L * i + 1));
        }

        try (EventPublisher publisher = publisher(topic)) {
            broker.stop();
            // the first send fails (no metadata while the broker is away); the second is held until it is back
            GatedSends.hold(1);
            CompletableFuture<Void> firstAttempt = CompletableFuture.runAsync(() -> publisher.publish(batch));
            await("the first record of the batch failed", () -> GatedSends.FAILURES.get() > 0);
            broker.start();
            GatedSends.release();
            Exception failure = assertThrows(Exception.class, () -> firstAttempt.get(2, TimeUnit.MINUTES));
            assertTrue(failure.getCause() instanceof KafkaUnavailableException, failure::toString);

            // the relay's retry: the same batch again, with a fresh producer, until Kafka acknowledges all of it
            publishUntilAcknowledged(publisher, batch);
        }

        Set<String> uuids = Set.copyOf(batch.stream().map(e -> e.uuid().toString()).toList());
        List<Delivered> records = TopicRecords.readUntil(broker.bootstrapServers(), topic,
                read -> TopicRecords.uuids(read).containsAll(uuids), Duration.ofSeconds(60));
        Map<String, List<String>> firstCopies = new LinkedHashMap<>();
        records.stream().map(r -> r.header("uuid")).distinct().forEach(uuid -> batch.stream()
                .filter(e -> e.uuid().toString().equals(uuid)).findFirst()
                .ifPresent(e -> firstCopies.computeIfAbsent(StreamRecords.key(e), k -> new ArrayList<>()).add(e.eventType())));
        assertEquals(3, firstCopies.size(), "every resource's events arrived: " + firstCopies);
        firstCopies.forEach((key, types) -> assertEquals(List.of("user.lifecycle.create", "user.account.update_profile"),
                types, "order of the first copies for " + key + " (topic: " + describe(records) + ")"));
    }

    private static void publishUntilAcknowledged(EventPublisher publisher, List<CommittedEvent> batch) {
        KafkaUnavailableException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                publisher.publish(batch);
                return;
            } catch (KafkaUnavailableException e) {
                last = e;
            }
        }
        throw new AssertionError("Kafka never acknowledged the batch after it came back", last);
    }

    private static String describe(List<Delivered> records) {
        return records.stream().map(r -> r.key().substring(r.key().indexOf(':') + 1) + "/" + r.header("eventType")).toList().toString();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }
}
