package org.scimlog.audit.stream;

import java.util.List;
import org.scimlog.audit.chain.CommittedEvent;

/**
 * Runs after Kafka acknowledged a batch and before the relay saves its position: the window in which a
 * crash makes the relay send the batch again. Production has none; tests put a crash here to prove that
 * such a crash re-sends and never skips.
 */
@FunctionalInterface
public interface AcknowledgedBatchHook {

    void acknowledged(List<CommittedEvent> batch);
}
