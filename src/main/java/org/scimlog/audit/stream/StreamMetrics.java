package org.scimlog.audit.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The stream's meters, in Prometheus as {@code scimlog_stream_backlog_events},
 * {@code scimlog_stream_backlog_oldest_age_seconds}, {@code scimlog_stream_published_events_total},
 * {@code scimlog_stream_send_errors_total{reason}} (a batch that Kafka did not acknowledge: {@code kafka_unavailable},
 * or {@code relay_failure} for anything else, after which the relay starts over from its saved position) and
 * {@code scimlog_stream_relay_active} (1 on the one instance that holds the relay lease, 0 on standbys).
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class StreamMetrics {

    private final Counter published;
    private final Counter kafkaUnavailable;
    private final Counter relayFailures;

    public StreamMetrics(MeterRegistry registry, BacklogMonitor backlog, StreamStatus status) {
        Gauge.builder("scimlog.stream.backlog.events", backlog, b -> b.latest().events())
                .description("System Log events committed but not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("scimlog.stream.backlog.oldest.age", backlog, b -> b.latest().oldestAgeMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest System Log event not yet acknowledged by Kafka")
                .register(registry);
        published = Counter.builder("scimlog.stream.published.events")
                .description("System Log events acknowledged by Kafka (re-sends after a crash count again)")
                .register(registry);
        kafkaUnavailable = sendErrors(registry, "kafka_unavailable");
        relayFailures = sendErrors(registry, "relay_failure");
        Gauge.builder("scimlog.stream.relay.active", status, s -> s.snapshot().role() == RelayRole.ACTIVE ? 1 : 0)
                .description("1 when this instance holds the relay lease and streams the System Log, 0 on a standby")
                .register(registry);
    }

    private static Counter sendErrors(MeterRegistry registry, String reason) {
        return Counter.builder("scimlog.stream.send.errors").tag("reason", reason)
                .description("Relay rounds that failed to get a batch acknowledged by Kafka (the batch is sent again)")
                .register(registry);
    }

    void kafkaUnavailable() {
        kafkaUnavailable.increment();
    }

    void relayFailed() {
        relayFailures.increment();
    }

    void published(int events) {
        published.increment(events);
    }
}
