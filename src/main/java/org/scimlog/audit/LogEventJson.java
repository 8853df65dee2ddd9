package org.scimlog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.scimlog.json.DateTimeText;

/** Builds a LogEvent in Okta's shape, with null members written out as Okta does. */
public final class LogEventJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LogEventJson() {
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

    public static ObjectNode build(UUID uuid, Instant published, RequestContext context, EventDraft draft) {
        ObjectNode event = JSON.objectNode();
        ObjectNode actor = event.putObject("actor");
        actor.put("id", context.actor().id());
        actor.put("type", context.actor().type());
        actor.put("alternateId", context.actor().alternateId());
        actor.put("displayName", context.actor().displayName());
        actor.putNull("detailEntry");

        ObjectNode client = event.putObject("client");
        ObjectNode userAgent = client.putObject("userAgent");
        userAgent.put("rawUserAgent", context.userAgent());
        userAgent.putNull("os");
        userAgent.putNull("browser");
        client.putNull("zone");
        client.putNull("device");
        client.putNull("id");
        client.put("ipAddress", context.clientIp());
        client.putNull("geographicalContext");

        event.putNull("device");
        ObjectNode authentication = event.putObject("authenticationContext");
        authentication.putNull("authenticationProvider");
        authentication.putNull("credentialProvider");
        authentication.put("credentialType", context.credentialType());
        authentication.putNull("issuer");
        authentication.putNull("interface");
        authentication.put("authenticationStep", 0);
        authentication.putNull("externalSessionId");

        event.put("displayMessage", draft.type().displayMessage());
        event.put("eventType", draft.type().id());
        ObjectNode outcome = event.putObject("outcome");
        outcome.put("result", draft.outcome().result());
        outcome.put("reason", draft.outcome().reason());
        event.put("published", DateTimeText.of(published));
        ObjectNode security = event.putObject("securityContext");
        security.putNull("asNumber");
        security.putNull("asOrg");
        security.putNull("isp");
        security.putNull("domain");
        security.putNull("isProxy");
        event.put("severity", draft.type().severity());

        ObjectNode debugData = event.putObject("debugContext").putObject("debugData");
        debugData.put("requestId", context.requestId());
        debugData.put("requestUri", context.requestUri());
        debugData.put("httpMethod", context.httpMethod());
        for (Map.Entry<String, Object> entry : context.debugData().entrySet()) {
            debugData.set(entry.getKey(), value(entry.getValue()));
        }
        for (Map.Entry<String, Object> entry : draft.debugData().entrySet()) {
            debugData.set(entry.getKey(), value(entry.getValue()));
        }
        event.putNull("legacyEventType");
        ObjectNode transaction = event.putObject("transaction");
        transaction.put("type", "WEB");
        transaction.put("id", context.requestId());
        transaction.putObject("detail").put("requestApiTokenId", context.actor().id());
        event.put("uuid", uuid.toString());
        event.put("version", "0");

        ArrayNode ipChain = event.putObject("request").putArray("ipChain");
        for (String ip : context.ipChain()) {
            ObjectNode hop = ipChain.addObject();
            hop.put("ip", ip);
            hop.putNull("geographicalContext");
            hop.put("version", ip.contains(":") ? "V6" : "V4");
            hop.putNull("source");
        }

        ArrayNode targets = event.putArray("target");
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
        return event;
    }
}
