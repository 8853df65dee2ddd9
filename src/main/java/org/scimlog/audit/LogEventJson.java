package org.scimlog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import org.scimlog.json.DateTimeText;
import org.scimlog.json.JsonCodec;

/**
 * Builds the LogEvents of one request in Okta's shape, with null members written out as Okta does.
 * <p>
 * The members that come from the request alone (actor, client, authentication and security context,
 * transaction, request) are built once and shared by every event of the request, and their JSON text is
 * written once: a group created with 10,000 members records 10,000 events that differ only in their target,
 * and building and writing those members again for each was a third of the CPU the write spent.
 */
public final class LogEventJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RequestContext context;
    private final JsonCodec json;
    private final ObjectNode actor;
    private final ObjectNode client;
    private final ObjectNode authentication;
    private final ObjectNode security;
    private final ObjectNode transaction;
    private final ObjectNode request;
    /** debugContext of the events that add no debugData of their own; built at first use. */
    private ObjectNode requestDebugContext;
    /** Each shared member, by identity, and its JSON text (null until first written). */
    private final Map<JsonNode, String> sharedText = new IdentityHashMap<>();

    private LogEventJson(RequestContext context, JsonCodec json) {
        this.context = context;
        this.json = json;
        this.actor = actor(context);
        this.client = client(context);
        this.authentication = authentication(context);
        this.security = security();
        this.transaction = transaction(context);
        this.request = request(context);
        for (JsonNode part : new JsonNode[] {actor, client, authentication, security, transaction, request}) {
            sharedText.put(part, null);
        }
    }

    /** The builder of the events of the request {@code context} describes. */
    public static LogEventJson forRequest(RequestContext context, JsonCodec json) {
        return new LogEventJson(context, json);
    }

    /** debugData values are strings, numbers, booleans, instants, lists of those, or JSON trees. */
    private static JsonNode value(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Number number) {
            return JSON.numberNode(number.longValue());
        }
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Instant instant) {
            return JSON.textNode(DateTimeText.of(instant));
        }
        if (value instanceof Iterable<?> values) {
            ArrayNode array = JSON.arrayNode();
            values.forEach(v -> array.add(value(v)));
            return array;
        }
        return value == null ? JSON.nullNode() : JSON.textNode(value.toString());
    }

    public ObjectNode build(UUID uuid, Instant published, EventDraft draft) {
        ObjectNode event = JSON.objectNode();
        event.set("actor", actor);
        event.set("client", client);
        event.putNull("device");
        event.set("authenticationContext", authentication);
        event.put("displayMessage", draft.type().displayMessage());
        event.put("eventType", draft.type().id());
        ObjectNode outcome = event.putObject("outcome");
        outcome.put("result", draft.outcome().result());
        outcome.put("reason", draft.outcome().reason());
        event.put("published", DateTimeText.of(published));
        event.set("securityContext", security);
        event.put("severity", draft.type().severity());
        event.set("debugContext", draft.debugData().isEmpty() ? requestDebugContext() : debugContext(draft));
        event.putNull("legacyEventType");
        event.set("transaction", transaction);
        event.put("uuid", uuid.toString());
        event.put("version", "0");
        event.set("request", request);
        event.set("target", targets(draft));
        return event;
    }

    /** The event as JSON text; the members it shares with the request's other events are written once. */
    public String text(ObjectNode event) {
        return json.writeObject(event, member -> sharedText.containsKey(member)
                ? sharedText.computeIfAbsent(member, json::writeString)
                : null);
    }

    private ObjectNode requestDebugContext() {
        if (requestDebugContext == null) {
            requestDebugContext = debugContext(null);
            sharedText.put(requestDebugContext, null);
        }
        return requestDebugContext;
    }

    private ObjectNode debugContext(EventDraft draft) {
        ObjectNode debugContext = JSON.objectNode();
        ObjectNode debugData = debugContext.putObject("debugData");
        debugData.put("requestId", context.requestId());
        debugData.put("requestUri", context.requestUri());
        debugData.put("httpMethod", context.httpMethod());
        for (Map.Entry<String, Object> entry : context.debugData().entrySet()) {
            debugData.set(entry.getKey(), value(entry.getValue()));
        }
        if (draft != null) {
            for (Map.Entry<String, Object> entry : draft.debugData().entrySet()) {
                debugData.set(entry.getKey(), value(entry.getValue()));
            }
        }
        return debugContext;
    }

    private static ArrayNode targets(EventDraft draft) {
        ArrayNode targets = JSON.arrayNode();
        for (Target target : draft.targets()) {
            ObjectNode node = targets.addObject();
            node.put("id", target.id());
            node.put("type", target.type());
            node.put("alternateId", target.alternateId());
            node.put("displayName", target.displayName());
            node.putNull("detailEntry");
            if (target.changedFrom() != null || target.changedTo() != null) {
                ObjectNode changes = node.putObject("changeDetails");
                changes.set("from", target.changedFrom() == null ? JSON.objectNode() : target.changedFrom());
                changes.set("to", target.changedTo() == null ? JSON.objectNode() : target.changedTo());
            }
        }
        return targets;
    }

    private static ObjectNode actor(RequestContext context) {
        ObjectNode actor = JSON.objectNode();
        actor.put("id", context.actor().id());
        actor.put("type", context.actor().type());
        actor.put("alternateId", context.actor().alternateId());
        actor.put("displayName", context.actor().displayName());
        actor.putNull("detailEntry");
        return actor;
    }

    private static ObjectNode client(RequestContext context) {
        ObjectNode client = JSON.objectNode();
        ObjectNode userAgent = client.putObject("userAgent");
        userAgent.put("rawUserAgent", context.userAgent());
        userAgent.putNull("os");
        userAgent.putNull("browser");
        client.putNull("zone");
        client.putNull("device");
        client.putNull("id");
        client.put("ipAddress", context.clientIp());
        client.putNull("geographicalContext");
        return client;
    }

    private static ObjectNode authentication(RequestContext context) {
        ObjectNode authentication = JSON.objectNode();
        authentication.putNull("authenticationProvider");
        authentication.putNull("credentialProvider");
        authentication.put("credentialType", context.credentialType());
        authentication.putNull("issuer");
        authentication.putNull("interface");
        authentication.put("authenticationStep", 0);
        authentication.putNull("externalSessionId");
        return authentication;
    }

    private static ObjectNode security() {
        ObjectNode security = JSON.objectNode();
        security.putNull("asNumber");
        security.putNull("asOrg");
        security.putNull("isp");
        security.putNull("domain");
        security.putNull("isProxy");
        return security;
    }

    private static ObjectNode transaction(RequestContext context) {
        ObjectNode transaction = JSON.objectNode();
        transaction.put("type", "WEB");
        transaction.put("id", context.requestId());
        transaction.putObject("detail").put("requestApiTokenId", context.actor().id());
        return transaction;
    }

    private static ObjectNode request(RequestContext context) {
        ObjectNode request = JSON.objectNode();
        ArrayNode ipChain = request.putArray("ipChain");
        for (String ip : context.ipChain()) {
            ObjectNode hop = ipChain.addObject();
            hop.put("ip", ip);
            hop.putNull("geographicalContext");
            hop.put("version", ip.contains(":") ? "V6" : "V4");
            hop.putNull("source");
        }
        return request;
    }
}
