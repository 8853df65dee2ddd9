package org.scimlog.audit;

import java.util.List;

/** Contributes event kinds beyond {@link EventType} to the event catalog (a bean; any number of them). */
public interface EventKindSource {

    List<EventKind> eventKinds();
}
