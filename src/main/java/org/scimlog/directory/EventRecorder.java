package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.RequestContext;

/**
 * Appends a write's events in its own transaction. Deleting a group of 100,000 members records 100,000
 * events, so they go to the log in slices that keep each JDBC batch (and its JSON) a bounded size.
 */
@Singleton
class EventRecorder {

    private static final int SLICE = 1000;

    private final AuditLog log;

    EventRecorder(AuditLog log) {
        this.log = log;
    }

    void record(Connection c, RequestContext context, List<EventDraft> drafts) throws SQLException {
        for (int from = 0; from < drafts.size(); from += SLICE) {
            log.append(c, context, drafts.subList(from, Math.min(drafts.size(), from + SLICE)));
        }
    }
}
