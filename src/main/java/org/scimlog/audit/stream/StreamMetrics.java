package org.scimlog.audit.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The stream's meters, in Prometheus as {@code scimlog_stream_backlog_events},
 * {@code scimlog_stream_backlog_oldest_age_seconds} and {@code scimlog_stream_published_events_total}.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class StreamMetrics {

    private final Counter published;

    public StreamMetrics(MeterRegistry registry, BacklogMonitor backlog) {
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
    }

    void published(int events) {
        published.increment(events);
    }
}
