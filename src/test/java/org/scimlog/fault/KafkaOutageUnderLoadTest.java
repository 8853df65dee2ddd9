package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker is down for longer than the producer's delivery timeout while clients keep writing. */
@Tag("fault")
@ExtendWith(FaultLogs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageUnderLoadTest {

    private final FaultStack stack = new FaultStack();

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void everyEventIsDeliveredAfterTheOutageInPerResourceOrder() {
        ServerProcess server = stack.startServer("kafka-outage");
        OktaLoad load = OktaLoad.start(() -> List.of(server.baseUrl()), stack.token(), 6);
        try {
            Await.until("the load has written and the relay published", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= 60 && stack.streamHealth(server).path("lastPublishAt").isTextual());
            stack.kafka().stop();
            Instant stopped = Instant.now();
            long beforeOutage = load.acknowledgedWrites();
            // the outage is the scenario itself: it must outlast several delivery timeouts, with writes going on
            Await.until("the relay reports Kafka unreachable, several delivery timeouts into the outage, with writes acknowledged",
                    Duration.ofSeconds(120), () -> !stack.streamHealth(server).path("kafkaReachable").asBoolean(true)
                            && Instant.now().isAfter(stopped.plusMillis(3L * FaultStack.DELIVERY_TIMEOUT_MS))
                            && load.acknowledgedWrites() >= beforeOutage + 100);
            stack.kafka().start();
            Await.until("the relay reaches Kafka again", Duration.ofSeconds(120),
                    () -> stack.streamHealth(server).path("kafkaReachable").asBoolean(false));
            long afterOutage = load.acknowledgedWrites();
            Await.until("writes go on after the outage", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= afterOutage + 50);
        } finally {
            load.close();
        }
        List<OktaLoad.Response> failed = load.responses().stream().filter(r -> !r.ok()).limit(5).toList();
        assertTrue(failed.isEmpty(), "SCIM is not affected by a Kafka outage: " + failed + " (" + NothingLost.summary(load) + ")");
        new NothingLost(stack, load).assertHolds(server.baseUrl());
    }
}
