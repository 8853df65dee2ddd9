package org.scimlog.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System Log meters: {@code scimlog_log_events_total{type,outcome}} counts events once they are durable (a
 * rolled-back write's events never count, a write retried after a deadlock counts once), and
 * {@code scimlog_log_recording_seconds{mode}} is what writing them cost: {@code transaction} inside a SCIM write's
 * own transaction, {@code alone} for a refusal's own transaction, {@code read_batch} for the read-event writer's
 * batches. Event types are the catalog's and the declared resource types' (bounded by configuration).
 * <p>
 * Each meter is built once and kept: Micrometer's builder makes an id, sorts its tags and looks the registry up on
 * every {@code register}, which per event and per write was a measurable part of a create's CPU. The maps stay
 * as small as the labels are bounded.
 */
@Singleton
public class EventMeters {

    public static final String MODE_TRANSACTION = "transaction";
    public static final String MODE_ALONE = "alone";
    public static final String MODE_READ_BATCH = "read_batch";

    private static final Logger LOG = LoggerFactory.getLogger(EventMeters.class);

    private final MeterRegistry registry;
    private final List<RecordedEvents> listeners;
    /** Counters by event type, then by outcome. */
    private final Map<String, Map<String, Counter>> events = new ConcurrentHashMap<>();
    private final Map<String, Timer> recording = new ConcurrentHashMap<>();

    public EventMeters(MeterRegistry registry, List<RecordedEvents> listeners) {
        this.registry = registry;
        this.listeners = List.copyOf(listeners);
    }

    void recorded(List<PendingEvent> events) {
        for (PendingEvent event : events) {
            counter(event.eventType(), event.outcomeResult()).increment();
        }
        for (RecordedEvents listener : listeners) {
            try {
                listener.recorded(events);
            } catch (RuntimeException e) {
                // a listener only feeds metrics: it must never fail the write that has already committed
                LOG.warn("a recorded-events listener failed: {}", e.getClass().getName());
            }
        }
    }

    void recordingTook(String mode, long nanos) {
        recording.computeIfAbsent(mode, m -> Timer.builder("scimlog.log.recording")
                .description("Time spent inserting System Log events, by where they were written")
                .tag("mode", m)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                        Duration.ofMillis(100), Duration.ofMillis(500))
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String type, String outcome) {
        return events.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder("scimlog.log.events")
                        .description("System Log events stored, by event type and outcome")
                        .tag("type", type)
                        .tag("outcome", o)
                        .register(registry));
    }
}
