package org.scimlog.audit;

import java.util.List;
import java.util.Map;

/** One event to append: everything but the request facts, which come from the {@link RequestContext}. */
public record EventDraft(EventKind type, Outcome outcome, List<Target> targets, Map<String, Object> debugData) {

    public EventDraft {
        targets = List.copyOf(targets);
        debugData = Map.copyOf(debugData);
    }

    public static EventDraft success(EventKind type, List<Target> targets, Map<String, Object> debugData) {
        return new EventDraft(type, Outcome.SUCCESS, targets, debugData);
    }
}
