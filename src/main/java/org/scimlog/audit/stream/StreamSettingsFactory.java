package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Reads {@code scimlog.stream.*} into typed values once, at start. */
@Factory
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
class StreamSettingsFactory {

    static final String ENABLED = "scimlog.stream.enabled";

    @Singleton
    StreamSettings streamSettings(@Value("${scimlog.stream.topic:scimlog.system-log}") String topic,
                                  @Value("${scimlog.stream.partitions:6}") int partitions,
                                  @Value("${scimlog.stream.replication-factor:3}") short replicationFactor,
                                  @Value("${scimlog.stream.poll-interval:100ms}") Duration pollInterval,
                                  @Value("${scimlog.stream.batch-size:5000}") int batchSize,
                                  @Value("${scimlog.stream.takeover-interval:1s}") Duration takeoverInterval,
                                  @Value("${scimlog.stream.backlog-refresh:5s}") Duration backlogRefresh) {
        return new StreamSettings(topic, partitions, replicationFactor, pollInterval, batchSize, takeoverInterval,
                backlogRefresh);
    }

    @Singleton
    KafkaClientSettings kafkaClientSettings(Environment environment) {
        return KafkaClientSettings.from(environment.getProperties("scimlog.stream.kafka",
                io.micronaut.core.naming.conventions.StringConvention.RAW));
    }
}
