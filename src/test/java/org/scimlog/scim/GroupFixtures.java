package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.support.Api;

/** Group request bodies shaped like Okta's and Entra ID's, and small helpers over the HTTP API. */
final class GroupFixtures {

    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private GroupFixtures() {
    }

    static String uniqueGroupName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> group(String displayName, String... memberIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("schemas", List.of(GROUP));
        body.put("displayName", displayName);
        body.put("members", members(memberIds));
        return body;
    }

    static List<Map<String, Object>> members(String... ids) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (String id : ids) {
            members.add(Map.of("value", id));
        }
        return members;
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new HashMap<>();
        operation.put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.put("value", value);
        }
        return operation;
    }

    static String createUser(Api api, String prefix) {
        Api.Reply created = api.post("/scim/v2/Users",
                UserFixtures.oktaUser(UserFixtures.uniqueUserName(prefix), "Given", prefix));
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    static String createGroup(Api api, String name, String... memberIds) {
        Api.Reply created = api.post("/scim/v2/Groups", group(name, memberIds));
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    /** The member ids of a group as GET returns them. */
    static List<String> memberIds(Api api, String groupId) {
        Api.Reply got = api.get("/scim/v2/Groups/" + groupId);
        assertEquals(200, got.status(), got::toString);
        return got.json().path("members").findValuesAsText("value");
    }

    static List<String> ids(JsonNode listResponse) {
        List<String> ids = new ArrayList<>();
        listResponse.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
