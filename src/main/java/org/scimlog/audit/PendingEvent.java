package org.scimlog.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A LogEvent built and ready to insert: the body (as a tree and as the JSON text stored) and the columns indexed beside it. */
public record PendingEvent(UUID tenantId, UUID uuid, Instant published, String eventType, String severity,
                           String outcomeResult, String actorId, List<String> targetIds, String transactionId,
                           List<String> keywords, ObjectNode body, String bodyText) {

    public PendingEvent {
        targetIds = List.copyOf(targetIds);
        keywords = List.copyOf(keywords);
    }
}
