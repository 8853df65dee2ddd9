package org.scimlog.audit.chain;

import java.time.Instant;
import java.util.UUID;

/** A log event read in commit order: its position (txid, seq) and its stored body as canonical jsonb text. */
public record CommittedEvent(UUID tenantId, UUID uuid, Instant published, long txid, long seq, String eventType,
                             String body) {
}
