package org.scimlog.audit.stream;

import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.scimlog.audit.chain.CommittedEvent;

/**
 * Sends a batch of events and returns only once Kafka has acknowledged every one of them (acks=all), so
 * the caller may then record its position. After any failure the producer is thrown away and the caller
 * sends the whole batch again with a fresh one (duplicates, which consumers drop by uuid, keeping the first).
 *
 * <p>That re-send keeps each resource's order only if a failed attempt left, per partition, a gap-free
 * prefix of the batch on the topic: a consumer that keeps the first copy of a uuid must never meet an event
 * before the one ahead of it. So nothing after a failed record may be sent. Two ways it otherwise would: a
 * fresh producer whose {@code send} fails for want of metadata while the broker is away, followed by a send
 * that succeeds once it is back (reproduced by {@code PublishOrderTest}); and a producer batch that expires
 * ({@code delivery.timeout.ms}) after which the idempotent producer bumps its epoch and delivers the batches
 * behind it. Hence: no further {@code send} once a failure is known, and the producer is closed with a zero
 * timeout from the callback of the first failure, which the I/O thread runs before it sends anything else
 * (Kafka's own remedy, see {@link KafkaProducer#close(Duration)}).
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
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        try {
            for (CommittedEvent event : batch) {
                if (firstFailure.get() != null) {
                    break;
                }
                acknowledgements.add(current.send(StreamRecords.of(settings.topic(), event), (metadata, failure) -> {
                    if (failure != null && firstFailure.compareAndSet(null, failure)) {
                        current.close(Duration.ZERO);
                    }
                }));
            }
            if (firstFailure.get() == null) {
                current.flush();
            }
            if (firstFailure.get() != null) {
                throw new ExecutionException(firstFailure.get());
            }
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
        } catch (ExecutionException | KafkaException | IllegalStateException e) {
            // IllegalStateException: a send raced with the close in the callback of an earlier record's failure
            discardProducer();
            Throwable cause = firstFailure.get() != null ? firstFailure.get() : e;
            throw KafkaUnavailableException.from("publishing " + batch.size() + " events", cause);
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
