package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Every refusal is a SCIM error body with the right status and scimType, never a 500 or a stack trace. */
@MicronautTest(transactional = false)
class BadInputTest extends ScimServerTest {

    private String userId;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.max-request-size", "65536");
    }

    @BeforeAll
    void oneUser() {
        userId = api.post("/scim/v2/Users", oktaUser(uniqueUserName("bad"), "B", "I")).json().path("id").asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated JSON            | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\"  | invalidSyntax",
            "not JSON                  | userName=ada                                     | invalidSyntax",
            "array instead of object   | [1,2,3]                                          | invalidSyntax",
            "duplicate member          | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"userName\":\"b\"} | invalidSyntax",
            "trailing garbage          | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\"} x | invalidSyntax",
            "missing schemas           | {\"userName\":\"a\"}                              | invalidSyntax",
            "schemas not an array      | {\"schemas\":\"" + USER + "\",\"userName\":\"a\"} | invalidSyntax",
            "undeclared extension URN  | {\"schemas\":[\"" + USER + "\",\"urn:acme:params:scim:schemas:extension:acme:2.0:User\"],\"userName\":\"a\"} | invalidSyntax",
            "undeclared extension data | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"urn:acme:x:User\":{\"a\":1}} | invalidSyntax",
            "unknown attribute         | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"favouriteColour\":\"red\"} | invalidValue",
            "unknown sub-attribute     | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"name\":{\"nick\":\"x\"}} | invalidValue",
            "missing userName          | {\"schemas\":[\"" + USER + "\"],\"displayName\":\"a\"} | invalidValue",
            "userName a number         | {\"schemas\":[\"" + USER + "\"],\"userName\":42}   | invalidValue",
            "active a word             | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"active\":\"yes\"} | invalidValue",
            "emails not an array       | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"emails\":{\"value\":\"a@b.c\"}} | invalidValue",
            "name not an object        | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"name\":\"Ada\"} | invalidValue",
            "two primary emails        | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"emails\":[{\"value\":\"a@b.c\",\"primary\":true},{\"value\":\"b@b.c\",\"primary\":true}]} | invalidValue",
            "null inside array         | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"emails\":[null]} | invalidValue",
            "password not a string     | {\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"password\":12345} | invalidValue",
    })
    void malformedCreateIsA400WithScimType(String why, String body, String scimType) {
        Reply reply = api.post("/scim/v2/Users", body);
        assertError(reply, 400, scimType);
    }

    @Test
    void emptyBodyIsInvalidSyntax() {
        assertError(api.send("POST", "/scim/v2/Users", "", Map.of()), 400, "invalidSyntax");
    }

    @Test
    void deeplyNestedJsonIsRefusedNotACrash() {
        String deep = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(api.post("/scim/v2/Users", deep), 400, "invalidSyntax");
    }

    @Test
    void readOnlyAttributesAreIgnoredOnCreate() {
        Map<String, Object> body = new HashMap<>(oktaUser(uniqueUserName("ro"), "R", "O"));
        body.put("id", "chosen-by-client");
        body.put("meta", Map.of("created", "1999-01-01T00:00:00Z"));
        body.put("groups", List.of(Map.of("value", "g1")));
        Reply reply = api.post("/scim/v2/Users", body);
        assertEquals(201, reply.status(), reply::toString);
        assertFalse(reply.json().path("id").asText().equals("chosen-by-client"));
        assertFalse(reply.json().at("/meta/created").asText().startsWith("1999"));
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String huge = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"title\":\"" + "x".repeat(200_000) + "\"}";
        assertError(api.post("/scim/v2/Users", huge), 413, null);
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Reply reply = api.send("POST", "/scim/v2/Users", "<user/>", Map.of("Content-Type", "application/xml"));
        assertError(reply, 415, null);
    }

    @Test
    void plainApplicationJsonIsAccepted() {
        String body = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + uniqueUserName("json") + "\"}";
        assertEquals(201, api.send("POST", "/scim/v2/Users", body, Map.of("Content-Type", "application/json")).status());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertError(api.get("/scim/v2/Nope"), 404, null);
        assertError(api.send("DELETE", "/scim/v2/Users", null, Map.of()), 405, null);
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        assertError(api.get("/scim/v2/Users/00919288221112222"), 404, null);
        assertError(api.get("/scim/v2/Users/6f1d4d5e-0000-4000-8000-000000000000"), 404, null);
        assertError(api.put("/scim/v2/Users/6f1d4d5e-0000-4000-8000-000000000000",
                oktaUser(uniqueUserName("ghost"), "G", "H")), 404, null);
        assertError(api.patch("/scim/v2/Users/nope", patch(Map.of("op", "replace", "value", Map.of("active", false)))), 404, null);
    }

    @Test
    void missingOrWrongTokenIs401WithBearerChallenge() {
        Reply anonymous = api.withToken(null).get("/scim/v2/Users");
        assertError(anonymous, 401, null);
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"), anonymous.raw().headers().toString());
        assertError(api.withToken("scimlog_" + "A".repeat(43)).get("/scim/v2/Users"), 401, null);
        assertError(api.withToken("not-even-close").get("/scim/v2/Users"), 401, null);
        Reply basic = api.withToken(null).send("GET", "/scim/v2/Users", null, Map.of("Authorization", "Basic YTpi"));
        assertError(basic, 401, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no schemas        | {\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]} | invalidSyntax",
            "no operations     | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}  | invalidSyntax",
            "unknown op        | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"merge\",\"path\":\"title\",\"value\":\"x\"}]} | invalidSyntax",
            "bad path          | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}]} | invalidPath",
            "unknown attribute | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"x\"}]} | invalidPath",
            "remove no path    | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\"}]} | noTarget",
            "wrong type        | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]} | invalidValue",
            "read-only id      | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]} | mutability",
            "read-only groups  | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}]} | mutability",
            "replace no target | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"pager\\\" or type eq \\\"fax\\\"].value\",\"value\":\"x@y.z\"}]} | noTarget",
    })
    void malformedPatchIsA400WithScimType(String why, String body, String scimType) {
        Reply before = api.get("/scim/v2/Users/" + userId);
        assertError(api.patch("/scim/v2/Users/" + userId, body), 400, scimType);
        assertEquals(before.json().at("/meta/version").asText(), api.get("/scim/v2/Users/" + userId).json().at("/meta/version").asText(),
                "a refused PATCH changes nothing");
    }

    @Test
    void patchRemovingUserNameIsRefused() {
        Reply reply = api.patch("/scim/v2/Users/" + userId, patch(Map.of("op", "remove", "path", "userName")));
        assertEquals(400, reply.status(), reply::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "startIndex word | startIndex=abc",
            "count word      | count=ten",
            "sortOrder       | sortOrder=sideways",
            "sortBy unknown  | sortBy=shoeSize",
            "attributes bad  | attributes=emails[type eq \"work\"]",
    })
    void badListParametersAre400(String why, String query) {
        String[] kv = query.split("=", 2);
        Reply reply = api.get("/scim/v2/Users?" + kv[0] + "=" + Api.q(kv[1]));
        assertError(reply, 400, "invalidValue");
    }

    static void assertError(Reply reply, int status, String scimType) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", reply.json().at("/schemas/0").asText(), reply::toString);
        assertEquals(Integer.toString(status), reply.json().path("status").asText());
        assertTrue(reply.json().path("status").isTextual(), "status is a string (RFC 7644 §3.12)");
        if (scimType != null) {
            assertEquals(scimType, reply.json().path("scimType").asText(), reply::toString);
        }
        assertFalse(reply.json().path("detail").asText().isBlank());
        assertFalse(reply.body().contains("Exception"), "no exception names or stack traces: " + reply.body());
        assertFalse(reply.body().contains("\tat "), reply::body);
        assertTrue(reply.header("Content-Type").startsWith("application/scim+json"), reply.header("Content-Type"));
    }
}
