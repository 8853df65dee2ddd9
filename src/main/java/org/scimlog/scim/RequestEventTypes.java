package org.scimlog.scim;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.scimlog.audit.PendingEvent;
import org.scimlog.audit.RecordedEvents;

/**
 * Notes on the current request which event types it committed, so {@link ScimRequestMetrics} can name its
 * lifecycle operation from what happened rather than from the URL. Events are reported on the thread that
 * committed them, which for a SCIM write is the request's own; events written elsewhere (the read-event writer,
 * background jobs) find no request and are ignored.
 */
@Singleton
public class RequestEventTypes implements RecordedEvents {

    private static final String ATTRIBUTE = "scimlog.committedEventTypes";

    @Override
    public void recorded(List<PendingEvent> events) {
        ServerRequestContext.currentRequest().ifPresent(request -> {
            Set<String> types = of(request);
            events.forEach(e -> types.add(e.eventType()));
            request.setAttribute(ATTRIBUTE, types);
        });
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Set.class).map(s -> (Set<String>) s)
                .orElseGet(ConcurrentHashMap::newKeySet);
    }
}
