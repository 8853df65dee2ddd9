package org.scimlog.audit.stream;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka producer interceptor (configured through {@code interceptor.classes}, as an operator could) that
 * lets a test see the outcome of each send and hold one send back until the test lets it go: the real
 * producer does everything else. Kafka instantiates it by class name, hence the static state.
 */
public class GatedSends implements ProducerInterceptor<String, String> {

    static final AtomicInteger SENDS = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();
    static volatile int heldSend = -1;
    static volatile CountDownLatch gate = new CountDownLatch(0);

    /** Holds the send with this index (0-based, counted over every producer) until {@link #release()}. */
    static void hold(int sendIndex) {
        SENDS.set(0);
        FAILURES.set(0);
        gate = new CountDownLatch(1);
        heldSend = sendIndex;
    }

    static void release() {
        gate.countDown();
    }

    @Override
    public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
        if (SENDS.getAndIncrement() == heldSend) {
            try {
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never released the held send");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            FAILURES.incrementAndGet();
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
