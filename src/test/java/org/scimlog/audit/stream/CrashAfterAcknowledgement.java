package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scimlog.audit.chain.CommittedEvent;

/** When armed, the relay "dies" once after Kafka acknowledged a batch and before its position was saved. */
@Singleton
@Requires(property = "test.relay-crash", value = "true")
class CrashAfterAcknowledgement implements AcknowledgedBatchHook {

    private final AtomicBoolean armed = new AtomicBoolean();
    final List<String> unsavedUuids = new CopyOnWriteArrayList<>();

    void arm() {
        armed.set(true);
    }

    @Override
    public void acknowledged(List<CommittedEvent> batch) {
        if (armed.compareAndSet(true, false)) {
            batch.forEach(event -> unsavedUuids.add(event.uuid().toString()));
            throw new IllegalStateException("simulated crash between Kafka's acknowledgement and the position update");
        }
    }
}
