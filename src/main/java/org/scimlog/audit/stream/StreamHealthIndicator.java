package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.scimlog.audit.chain.CommitOrderReader.Backlog;
import org.scimlog.json.DateTimeText;

/**
 * {@code systemLogStream} in {@code /health}. Kafka unreachable, or a topic that differs from the settings,
 * is DEGRADED rather than DOWN: SCIM keeps working and events wait in PostgreSQL, so an instance must not be
 * taken out of a load balancer (or restarted) for it. The details say what is wrong and how far behind.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class StreamHealthIndicator implements HealthIndicator {

    static final String NAME = "systemLogStream";
    public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "works, but the System Log stream to Kafka is not keeping up", true, 500);

    private final StreamStatus status;
    private final BacklogMonitor backlog;
    private final StreamSettings settings;
    private final KafkaClientSettings kafka;

    public StreamHealthIndicator(StreamStatus status, BacklogMonitor backlog, StreamSettings settings,
                                 KafkaClientSettings kafka) {
        this.status = status;
        this.backlog = backlog;
        this.settings = settings;
        this.kafka = kafka;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        StreamStatus.Snapshot now = status.snapshot();
        Backlog behind = backlog.latest();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("relay", now.role().name().toLowerCase());
        details.put("topic", settings.topic());
        details.put("kafka", kafka.describe());
        details.put("kafkaReachable", now.kafkaReachable());
        details.put("backlogEvents", behind.events());
        details.put("backlogOldestAgeSeconds", behind.oldestAgeMillis() / 1000.0);
        if (now.lastPublishAt() != null) {
            details.put("lastPublishAt", DateTimeText.of(now.lastPublishAt()));
        }
        if (now.lastError() != null) {
            details.put("lastError", now.lastError());
            details.put("lastErrorAt", DateTimeText.of(now.lastErrorAt()));
        }
        if (!status.topicProblems().isEmpty()) {
            details.put("topicProblems", status.topicProblems());
        }
        boolean healthy = (now.kafkaReachable() || now.role() == RelayRole.STANDBY) && status.topicProblems().isEmpty();
        return Publishers.just(HealthResult.builder(NAME, healthy ? HealthStatus.UP : DEGRADED).details(details).build());
    }
}
