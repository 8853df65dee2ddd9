package org.scimlog.audit.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Retention's meters, in Prometheus as {@code scimlog_log_retention_held_partitions},
 * {@code scimlog_log_retention_held_oldest_age_seconds} (age of the oldest held day, from its start),
 * {@code scimlog_log_retention_dropped_partitions_total} (every day dropped, forced or not),
 * {@code scimlog_log_retention_forced_drops_total} and {@code scimlog_log_retention_lost_events_total{reader}}.
 */
final class RetentionMetrics {

    private final MeterRegistry registry;
    private final Counter forcedDrops;
    private final Counter drops;

    RetentionMetrics(MeterRegistry registry, Supplier<List<RetentionHold>> holds, Clock clock) {
        this.registry = registry;
        Gauge.builder("scimlog.log.retention.held.partitions", holds, h -> h.get().size())
                .description("Days of the System Log past retention, kept because a reader has not passed them")
                .strongReference(true)
                .register(registry);
        Gauge.builder("scimlog.log.retention.held.oldest.age", holds, h -> h.get().stream()
                        .mapToDouble(hold -> Duration.between(hold.day().atStartOfDay(ZoneOffset.UTC).toInstant(),
                                clock.instant()).toSeconds())
                        .max().orElse(0))
                .baseUnit("seconds")
                .description("Age of the oldest held day of the System Log")
                .strongReference(true)
                .register(registry);
        forcedDrops = Counter.builder("scimlog.log.retention.forced.drops")
                .description("Held days dropped at the hard limit although a reader had not passed them")
                .register(registry);
        drops = Counter.builder("scimlog.log.retention.dropped.partitions")
                .description("Days of the System Log dropped by retention (forced drops included)")
                .register(registry);
    }

    void dropped() {
        drops.increment();
    }

    void forcedDrop(String reader, long lostEvents) {
        Counter.builder("scimlog.log.retention.lost.events").tag("reader", reader)
                .description("Events dropped at the retention hard limit before this reader passed them")
                .register(registry).increment(lostEvents);
    }

    void forcedDrop() {
        forcedDrops.increment();
    }
}
