package org.scimlog.audit.stream;

import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.scimlog.audit.chain.CommittedEvent;

/**
 * Sends a batch of events and returns only once Kafka has acknowledged every one of them (acks=all), so
 * the caller may then record its position. After any failure the producer is thrown away: an idempotent
 * producer whose batches expired may have bumped its epoch or lost its sequence state, and a fresh one
 * re-sending the whole batch is the simple way to keep order (at the price of duplicates, which consumers
 * drop by uuid).
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class EventPublisher implements AutoCloseable {

    private final StreamSettings settings;
    private final KafkaClientSettings kafka;
    private Producer<String, String> producer;

    public EventPublisher(StreamSettings settings, KafkaClientSettings kafka) {
        this.settings = settings;
        this.kafka = kafka;
    }

    /** @throws KafkaUnavailableException when any event of the batch was not acknowledged */
    public synchronized void publish(List<CommittedEvent> batch) {
        Producer<String, String> current = producer();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        try {
            for (CommittedEvent event : batch) {
                acknowledgements.add(current.send(StreamRecords.of(settings.topic(), event)));
            }
            current.flush();
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
        } catch (ExecutionException | KafkaException e) {
            discardProducer();
            throw KafkaUnavailableException.from("publishing " + batch.size() + " events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw KafkaUnavailableException.from("publishing " + batch.size() + " events", e);
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.producer());
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
