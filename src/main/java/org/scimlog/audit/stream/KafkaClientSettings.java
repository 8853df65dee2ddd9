package org.scimlog.audit.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client configuration for an operator's Kafka cluster: every {@code scimlog.stream.kafka.<name>} property is
 * handed to the producer and the admin client as {@code <name>} (bootstrap servers, SASL, SSL, timeouts...).
 * Its values may hold secrets (JAAS configuration, key store passwords), so only {@link #describe()} is
 * ever logged, and it shows values only of the settings known to be harmless.
 */
public final class KafkaClientSettings {

    /** Settings whose values are safe to print; every other value is shown as its name only. */
    private static final Set<String> PRINTABLE = Set.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
            "compression.type", "linger.ms", "batch.size", "client.id");

    private final Map<String, String> passedThrough;
    private final Set<String> ignored;

    private KafkaClientSettings(Map<String, String> passedThrough, Set<String> ignored) {
        this.passedThrough = passedThrough;
        this.ignored = ignored;
    }

    /**
     * Keeps the names Kafka's clients know. Micronaut also derives dashed variants of names set through
     * environment variables ({@code bootstrap-servers}); those are dropped rather than passed on.
     */
    public static KafkaClientSettings from(Map<String, Object> properties) {
        Set<String> known = new TreeSet<>(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Map<String, String> kept = new TreeMap<>();
        Set<String> ignored = new TreeSet<>();
        properties.forEach((name, value) -> {
            if (value != null && known.contains(name)) {
                kept.put(name, value.toString());
            } else if (!known.contains(name)) {
                ignored.add(name);
            }
        });
        return new KafkaClientSettings(Map.copyOf(kept), Set.copyOf(ignored));
    }

    public static KafkaClientSettings of(Map<String, String> properties) {
        return from(new HashMap<>(properties));
    }

    public String bootstrapServers() {
        return passedThrough.getOrDefault(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    }

    /**
     * At-least-once without reordering: idempotence keeps retried batches in order per partition; acks=all
     * waits for every in-sync replica. Those two cannot be overridden; compression, batching and timeouts can. Timeouts are short so an outage is noticed (and reported) in seconds
     * instead of minutes; the relay retries the unacknowledged batch until Kafka is back.
     */
    public Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "scimlog-stream-relay");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        config.putAll(only(ProducerConfig.configNames()));
        // the delivery guarantee is not a tuning knob: these win over anything passed through
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    public Map<String, Object> admin() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "scimlog-stream-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        config.putAll(only(AdminClientConfig.configNames()));
        return config;
    }

    /** For logs and health: the servers and protocol, and only the names of the other settings. */
    public String describe() {
        StringBuilder text = new StringBuilder("bootstrap.servers=").append(bootstrapServers());
        passedThrough.forEach((name, value) -> {
            if (!name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                text.append(", ").append(name).append(PRINTABLE.contains(name) ? "=" + value : "=(set)");
            }
        });
        return text.toString();
    }

    /** Names under scimlog.stream.kafka that no Kafka client knows (typos, or derived variants). */
    public Set<String> ignored() {
        return ignored;
    }

    private Map<String, String> only(Set<String> names) {
        Map<String, String> subset = new HashMap<>();
        passedThrough.forEach((name, value) -> {
            if (names.contains(name)) {
                subset.put(name, value);
            }
        });
        return subset;
    }
}
