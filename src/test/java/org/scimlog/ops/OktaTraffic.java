package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;

/**
 * One pass of what Okta does to an app, each step checked: create, import, read, update, deactivate,
 * reactivate, a refused duplicate, a missing user, Group Push (create with a member, add, rename, delete),
 * a user delete and a request without a token. Every operation label of the SCIM metrics appears once.
 */
final class OktaTraffic {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String PASSWORD = "Tr4ffic-secret-" + UUID.randomUUID();

    private OktaTraffic() {
    }

    /** Returns the request ids of the requests made, in order. */
    static List<String> run(Api api, String serverUrl) {
        String userName = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Reply created = expect(201, api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", userName,
                "name", Map.of("givenName", "Ada", "familyName", "Lovelace"), "password", PASSWORD, "active", true)));
        String id = created.json().path("id").asText();
        Reply imported = expect(200, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\"")));
        Reply read = expect(200, api.get("/scim/v2/Users/" + id));
        Reply updated = expect(200, api.patch("/scim/v2/Users/" + id, patch("replace", "name.givenName", "Augusta")));
        Reply deactivated = expect(200, api.patch("/scim/v2/Users/" + id, patch("replace", "active", false)));
        Reply reactivated = expect(200, api.patch("/scim/v2/Users/" + id, patch("replace", "active", true)));
        Reply duplicate = expect(409, api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", userName,
                "password", PASSWORD)));
        Reply missing = expect(404, api.get("/scim/v2/Users/" + UUID.randomUUID()));
        Reply group = expect(201, api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP),
                "displayName", "Engineering " + userName, "members", List.of(Map.of("value", id)))));
        String groupId = group.json().path("id").asText();
        Reply renamed = expect(200, api.patch("/scim/v2/Groups/" + groupId,
                patch("replace", "displayName", "Eng " + userName)));
        Reply groupDeleted = expect(204, api.delete("/scim/v2/Groups/" + groupId));
        Reply deleted = expect(204, api.delete("/scim/v2/Users/" + id));
        Reply anonymous = expect(401, new Api(serverUrl, null).get("/scim/v2/Users"));
        return List.of(created, imported, read, updated, deactivated, reactivated, duplicate, missing, group, renamed,
                groupDeleted, deleted, anonymous).stream().map(r -> r.header("X-Request-Id")).toList();
    }

    static Map<String, Object> patch(String op, String path, Object value) {
        return Map.of("schemas", List.of(PATCH), "Operations", List.of(Map.of("op", op, "path", path, "value", value)));
    }

    private static Reply expect(int status, Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }
}
