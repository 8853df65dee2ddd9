package org.scimlog.audit.stream;

import java.time.Duration;

/**
 * How the System Log is streamed to Kafka.
 *
 * @param topic             the topic every event goes to
 * @param partitions        partitions when the relay creates the topic
 * @param replicationFactor replication factor when the relay creates the topic
 * @param pollInterval      pause between looks at the log when it has nothing new: the floor of commit-to-Kafka latency
 * @param batchSize         events read, sent and acknowledged before the position is saved
 * @param takeoverInterval  how often a standby instance tries to become the active relay
 * @param backlogRefresh    how often the backlog metrics are recomputed (a count over the unsent events)
 */
public record StreamSettings(String topic, int partitions, short replicationFactor, Duration pollInterval,
                             int batchSize, Duration takeoverInterval, Duration backlogRefresh) {

    public StreamSettings {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("scimlog.stream.topic must not be blank");
        }
        if (partitions < 1 || replicationFactor < 1 || batchSize < 1) {
            throw new IllegalArgumentException("scimlog.stream partitions, replication-factor and batch-size must be at least 1");
        }
    }
}
