package org.scimlog.audit.stream;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The relay's latest state as this instance sees it, for health: written by the relay thread, read by the
 * health endpoint.
 */
@Singleton
public class StreamStatus {

    /** One immutable reading, so health never sees half an update. */
    public record Snapshot(RelayRole role, boolean kafkaReachable, String lastError, Instant lastErrorAt,
                           Instant lastPublishAt, TopicReport topic) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(
            new Snapshot(RelayRole.STARTING, true, null, null, null, null));

    public Snapshot snapshot() {
        return current.get();
    }

    void role(RelayRole role) {
        current.updateAndGet(s -> new Snapshot(role, s.kafkaReachable(), s.lastError(), s.lastErrorAt(),
                s.lastPublishAt(), s.topic()));
    }

    void topic(TopicReport topic) {
        current.updateAndGet(s -> new Snapshot(s.role(), true, s.lastError(), s.lastErrorAt(), s.lastPublishAt(), topic));
    }

    void published() {
        current.updateAndGet(s -> new Snapshot(s.role(), true, s.lastError(), s.lastErrorAt(), Instant.now(), s.topic()));
    }

    void kafkaUnavailable(String error) {
        current.updateAndGet(s -> new Snapshot(s.role(), false, error, Instant.now(), s.lastPublishAt(), s.topic()));
    }

    void failed(String error) {
        current.updateAndGet(s -> new Snapshot(s.role(), s.kafkaReachable(), error, Instant.now(), s.lastPublishAt(),
                s.topic()));
    }

    List<String> topicProblems() {
        TopicReport topic = current.get().topic();
        return topic == null ? List.of() : topic.mismatches();
    }
}
