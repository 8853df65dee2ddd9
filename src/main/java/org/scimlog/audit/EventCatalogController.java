package org.scimlog.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.security.Scopes;

/** GET /api/v1/logs/event-types: the catalog of event types this server records. */
@Controller("/api/v1/logs/event-types")
@Secured({Scopes.LOGS_READ, Scopes.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class EventCatalogController {

    private final String catalog;

    public EventCatalogController(List<EventKindSource> declared) {
        List<EventKind> kinds = new ArrayList<>(List.of(EventType.values()));
        declared.forEach(source -> kinds.addAll(source.eventKinds()));
        ArrayNode types = JsonNodeFactory.instance.arrayNode();
        for (EventKind type : kinds) {
            types.addObject()
                    .put("eventType", type.id())
                    .put("severity", type.severity())
                    .put("displayMessage", type.displayMessage())
                    .put("description", type.description());
        }
        this.catalog = types.toString();
    }

    @Get
    public String list() {
        return catalog;
    }
}
