package org.scimlog.audit;

import java.util.List;

/**
 * Told about events once they are durable (a write's after its transaction committed, a refusal's and a read's
 * once inserted), on the thread that wrote them. The HTTP layer implements it to learn which lifecycle operation
 * a request turned out to be, without the audit package knowing about requests.
 */
public interface RecordedEvents {

    void recorded(List<PendingEvent> events);
}
