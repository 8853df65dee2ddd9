package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topic exists with seven days of retention and deletion (not compaction: every event
 * matters, not the last per key). A topic that already exists with other settings is left as it is,
 * because an operator may have chosen them, and the differences are reported instead.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    static final long RETENTION_MS = Duration.ofDays(7).toMillis();
    static final String CLEANUP_POLICY = TopicConfig.CLEANUP_POLICY_DELETE;

    private final StreamSettings settings;
    private final KafkaClientSettings kafka;

    public TopicProvisioner(StreamSettings settings, KafkaClientSettings kafka) {
        this.settings = settings;
        this.kafka = kafka;
    }

    /** @throws KafkaUnavailableException when the cluster cannot be reached or refuses */
    public TopicReport ensureTopic() {
        String topic = settings.topic();
        try (Admin admin = Admin.create(kafka.admin())) {
            TopicReport report = describe(admin, topic)
                    .map(existing -> new TopicReport(topic, false, differences(admin, existing)))
                    .orElseGet(() -> create(admin, topic));
            report.mismatches().forEach(problem -> LOG.warn("Kafka topic {} differs from scimlog.stream settings "
                    + "and is left unchanged: {}", topic, problem));
            return report;
        }
    }

    private Optional<TopicDescription> describe(Admin admin, String topic) {
        try {
            return Optional.of(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw KafkaUnavailableException.from("describing topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaUnavailableException.from("describing topic " + topic, e);
        }
    }

    private TopicReport create(Admin admin, String topic) {
        NewTopic newTopic = new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION_MS),
                        TopicConfig.CLEANUP_POLICY_CONFIG, CLEANUP_POLICY));
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            LOG.info("created Kafka topic {} ({} partitions, replication factor {})", topic, settings.partitions(),
                    settings.replicationFactor());
            return new TopicReport(topic, true, List.of());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // another instance created it between our look and our create: check it like any existing topic
                return describe(admin, topic).map(existing -> new TopicReport(topic, false, differences(admin, existing)))
                        .orElseThrow(() -> KafkaUnavailableException.from("creating topic " + topic, e));
            }
            throw KafkaUnavailableException.from("creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaUnavailableException.from("creating topic " + topic, e);
        }
    }

    private List<String> differences(Admin admin, TopicDescription existing) {
        List<String> problems = new ArrayList<>();
        int partitions = existing.partitions().size();
        if (partitions != settings.partitions()) {
            problems.add("partitions is " + partitions + ", configured " + settings.partitions());
        }
        int replicas = existing.partitions().get(0).replicas().size();
        if (replicas != settings.replicationFactor()) {
            problems.add("replication factor is " + replicas + ", configured " + settings.replicationFactor());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, existing.name());
        Config config;
        try {
            config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        } catch (ExecutionException e) {
            throw KafkaUnavailableException.from("reading the configuration of topic " + existing.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaUnavailableException.from("reading the configuration of topic " + existing.name(), e);
        }
        String retention = config.get(TopicConfig.RETENTION_MS_CONFIG).value();
        if (!Long.toString(RETENTION_MS).equals(retention)) {
            problems.add("retention.ms is " + retention + ", expected " + RETENTION_MS + " (7 days)");
        }
        String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!CLEANUP_POLICY.equals(cleanup)) {
            problems.add("cleanup.policy is " + cleanup + ", expected " + CLEANUP_POLICY);
        }
        return problems;
    }
}
