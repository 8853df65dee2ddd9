package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.json.JsonCodec;

/**
 * The events of one request share the members that come from the request, and those are written as text
 * once: the text stored must still be each event exactly, whatever the order events are written in and
 * whether an event adds debugData of its own.
 */
class LogEventJsonTest {

    private final JsonCodec json = new JsonCodec();
    private final RequestContext context = new RequestContext(UUID.randomUUID(),
            new Actor("00T1", "ApiToken", "okta", "Okta (demo)"), "req-1", "POST", "/scim/v2/Groups",
            "Okta SCIM Client 1.0.0", "203.0.113.9", List.of("198.51.100.1", "2001:db8::1"), "API_TOKEN",
            Map.of("httpStatus", 201));

    @Test
    void eachEventsTextIsThatEventWhenEventsShareTheRequestsMembers() throws Exception {
        LogEventJson builder = LogEventJson.forRequest(context, json);
        Instant published = Instant.parse("2026-11-30T15:27:07Z");
        ObjectNode ada = builder.build(UUID.randomUUID(), published, membership("ada", "Ada Lovelace"));
        ObjectNode grace = builder.build(UUID.randomUUID(), published, EventDraft.success(EventType.USER_UPDATE_PROFILE,
                List.of(Target.of("grace", "User", "grace@example.com", "Grace Hopper")), Map.of("changed", List.of("title"))));
        ObjectNode alan = builder.build(UUID.randomUUID(), published, membership("alan", "Alan Turing"));

        for (ObjectNode event : List.of(alan, ada, grace, alan)) {
            // compared as read back: a tree holds a status as a long, text read back as an int
            assertEquals(json.read(json.writeString(event)), json.read(builder.text(event)), "the same as writing the tree whole");
        }
        assertEquals("Alan Turing", json.read(builder.text(alan)).at("/target/0/displayName").asText());
        assertEquals("[\"title\"]", json.read(builder.text(grace)).at("/debugContext/debugData/changed").toString());
        assertNotEquals(json.read(builder.text(ada)).at("/debugContext"), json.read(builder.text(grace)).at("/debugContext"));
        assertEquals("2026-11-30T15:27:07.000Z", json.read(builder.text(ada)).get("published").asText());
        assertEquals("V6", json.read(builder.text(ada)).at("/request/ipChain/1/version").asText());
    }

    private static EventDraft membership(String id, String name) {
        return EventDraft.success(EventType.GROUP_MEMBER_ADD,
                List.of(Target.of(id, "User", id + "@example.com", name), Target.of("g1", "UserGroup", "Engineering", "Engineering")),
                Map.of());
    }
}
