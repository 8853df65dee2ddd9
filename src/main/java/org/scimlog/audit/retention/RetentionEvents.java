package org.scimlog.audit.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.audit.Actor;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.database.TimeOrderedIds;

/**
 * Retention's own System Log events, appended to each tenant whose events a decision is about: a tenant's
 * log readers learn that their day is held, or that events of theirs were lost, and nobody else's counts.
 * Okta-shaped like every other event; the actor is the system, as in Okta's own system events.
 */
final class RetentionEvents {

    static final Actor SYSTEM = new Actor("scimlog-retention", "SystemPrincipal", "system@scimlog", "scimlog System");
    static final String TARGET_TYPE = "SystemLogPartition";

    private final AuditLog log;

    RetentionEvents(AuditLog log) {
        this.log = log;
    }

    void append(Connection c, UUID tenantId, EventType type, RetentionHold hold, Map<String, Object> debugData)
            throws SQLException {
        String jobId = TimeOrderedIds.next().toString();
        RequestContext context = new RequestContext(tenantId, SYSTEM, jobId, null, null, null, null, List.of(), null, Map.of());
        Outcome outcome = type == EventType.RETENTION_FORCED
                ? Outcome.failure("the retention hard limit ended the hold of " + hold.day())
                : Outcome.SUCCESS;
        Target partition = Target.of(hold.partition(), TARGET_TYPE, hold.day().toString(), "System Log of " + hold.day());
        log.append(c, context, List.of(new EventDraft(type, outcome, List.of(partition), debugData)));
    }
}
