package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BadInputTest.assertError;
import static org.scimlog.scim.UserFixtures.ENTERPRISE;
import static org.scimlog.scim.UserFixtures.PATCH_OP;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/**
 * PostgreSQL's text and jsonb cannot hold NUL (U+0000), and UTF-8 cannot encode a lone surrogate (the driver
 * would store '?'). Wherever a client can put a string, such text is refused with a 400 that names where
 * it was, and nothing is stored.
 */
@MicronautTest(transactional = false)
class UnstorableTextTest extends ScimServerTest {

    /** The two kinds of unstorable text, as JSON escapes (the way a client sends them in a body or filter). */
    private static final List<String> ESCAPES = List.of("\\u0000", "\\ud800");

    private String userId;
    private String groupId;
    private Api logs;

    @BeforeAll
    void fixtures() {
        userId = api.post("/scim/v2/Users", oktaUser(uniqueUserName("nul"), "N", "U")).json().path("id").asText();
        groupId = api.post("/scim/v2/Groups", GroupFixtures.group(GroupFixtures.uniqueGroupName("nul")))
                .json().path("id").asText();
        logs = new Api(server.getURI().toString(),
                tenants.createTenantWithToken("l-" + userId.substring(0, 8), "siem", List.of(Scopes.LOGS_READ)).secret());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\u0000", "\\ud800", "\\udc00", "a\\ud800b"})
    void userBodyStringsAreRefused(String escape) {
        String userName = uniqueUserName("x");
        for (String body : List.of(
                userJson("\"userName\":\"" + userName + escape + "\""),
                userJson("\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"A" + escape + "\"}"),
                userJson("\"userName\":\"" + userName + "\",\"emails\":[{\"value\":\"a" + escape + "@b.c\"}]"),
                "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + userName + "\",\""
                        + ENTERPRISE + "\":{\"department\":\"D" + escape + "\"}}",
                userJson("\"userName\":\"" + userName + "\",\"title\":\"t" + escape + "\""))) {
            Reply reply = api.post("/scim/v2/Users", body);
            assertError(reply, 400, "invalidValue");
            assertTrue(reply.json().path("detail").asText().contains("at "), reply::toString);
        }
        assertEquals(0, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\""))
                .json().path("totalResults").asInt(), "nothing was stored");
    }

    @Test
    void groupBodyStringsAreRefused() {
        for (String escape : ESCAPES) {
            assertError(api.post("/scim/v2/Groups",
                    "{\"schemas\":[\"" + GroupFixtures.GROUP + "\"],\"displayName\":\"G" + escape + "\"}"), 400, "invalidValue");
            assertError(api.put("/scim/v2/Groups/" + groupId,
                    "{\"schemas\":[\"" + GroupFixtures.GROUP + "\"],\"displayName\":\"G" + escape + "\"}"), 400, "invalidValue");
        }
    }

    @Test
    void attributeNamesAreCheckedToo() {
        assertError(api.post("/scim/v2/Users", userJson("\"userName\":\"a\",\"ti\\u0000tle\":\"x\"")), 400, "invalidValue");
    }

    @Test
    void patchValuesAndPathsAreRefused() {
        String before = version();
        for (String escape : ESCAPES) {
            assertError(api.patch("/scim/v2/Users/" + userId, patchJson("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t" + escape + "\"}")),
                    400, "invalidValue");
            assertError(api.patch("/scim/v2/Users/" + userId, patchJson("{\"op\":\"replace\",\"value\":{\"title\":\"t" + escape + "\"}}")),
                    400, "invalidValue");
            assertError(api.patch("/scim/v2/Users/" + userId, patchJson("{\"op\":\"replace\",\"path\":\"title" + escape + "\",\"value\":\"t\"}")),
                    400, "invalidPath");
            assertError(api.patch("/scim/v2/Users/" + userId, patchJson(
                    "{\"op\":\"replace\",\"path\":\"emails[value eq \\\"x" + escape + "\\\"].type\",\"value\":\"t\"}")),
                    400, "invalidPath");
            assertError(api.patch("/scim/v2/Groups/" + groupId, patchJson(
                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + escape + "\"}]}")),
                    400, "invalidValue");
        }
        assertEquals(before, version(), "a refused PATCH changes nothing");
    }

    @Test
    void filterLiteralsAreInvalidFilters() {
        for (String escape : ESCAPES) {
            for (String filter : List.of("id eq \"x" + escape + "\"", "userName eq \"x" + escape + "\"",
                    "userName sw \"" + escape + "\"", "emails[value co \"" + escape + "\"]", "title" + escape + " pr")) {
                assertError(api.get("/scim/v2/Users?filter=" + Api.q(filter)), 400, "invalidFilter");
                String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":"
                        + jsonString(filter) + "}";
                assertError(api.post("/scim/v2/Users/.search", search), 400, "invalidFilter");
            }
            assertError(api.get("/scim/v2/Groups?filter=" + Api.q("displayName eq \"" + escape + "\"")), 400, "invalidFilter");
        }
    }

    @Test
    void aRawNulInAQueryParameterOrPathSegmentIsRefused() {
        assertError(api.get("/scim/v2/Users?filter=userName%20eq%20%22a%00%22"), 400, "invalidFilter");
        assertError(api.get("/scim/v2/Users?sortBy=userName%00"), 400, "invalidValue");
        assertError(api.get("/scim/v2/Groups?sortBy=%00"), 400, "invalidValue");
        assertError(api.get("/scim/v2/Users?attributes=userName%00"), 400, "invalidValue");
        assertError(api.get("/scim/v2/Users/x%00"), 400, "invalidValue");
        assertError(api.get("/scim/v2/Users/" + userId + "%00"), 400, "invalidValue");
        assertError(api.get("/scim/v2/Groups/%00"), 400, "invalidValue");
        assertError(api.send("DELETE", "/scim/v2/Users/%00", null, Map.of()), 400, "invalidValue");
    }

    @Test
    void logQueryParametersAreOktaErrors() {
        assertOktaError(logs.get("/api/v1/logs?q=a%00"), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs?filter=" + Api.q("eventType eq \"a\\u0000\"")), 400, "E0000053");
        assertOktaError(logs.get("/api/v1/logs?filter=" + Api.q("eventType eq \"a\\ud800\"")), 400, "E0000053");
        assertOktaError(logs.get("/api/v1/logs?filter=eventType%20eq%20%22a%00%22"), 400, "E0000053");
        assertOktaError(logs.get("/api/v1/logs?since=2024%00"), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs?after=a%00"), 400, "E0000001");
        assertEquals(200, logs.get("/api/v1/logs?q=ok").status());
    }

    @Test
    void aBulkOperationWithUnstorableTextFailsAloneAndTheOthersCommit() {
        String first = uniqueUserName("bulk1");
        String last = uniqueUserName("bulk2");
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":" + userJson("\"userName\":\"" + first + "\"") + "},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"\\u0000\",\"data\":" + userJson("\"userName\":\"" + uniqueUserName("b") + "\"") + "},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"c\",\"data\":" + userJson("\"userName\":\"x\\ud800\"") + "},"
                + "{\"method\":\"PATCH\",\"path\":\"/Users/" + userId + "\\u0000\",\"data\":" + patchJson("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t\"}") + "},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"d\",\"data\":" + userJson("\"userName\":\"" + last + "\"") + "}]}";
        Reply reply = api.post("/scim/v2/Bulk", body);
        assertEquals(200, reply.status(), reply::toString);
        JsonNode results = reply.json().path("Operations");
        assertEquals(5, results.size(), reply::toString);
        assertEquals("201", results.get(0).path("status").asText(), reply::toString);
        List<String> scimTypes = List.of("invalidValue", "invalidValue", "invalidPath");
        for (int i = 1; i <= 3; i++) {
            assertEquals("400", results.get(i).path("status").asText(), reply::toString);
            assertEquals(scimTypes.get(i - 1), results.get(i).at("/response/scimType").asText(), reply::toString);
        }
        assertEquals("201", results.get(4).path("status").asText(), reply::toString);
        assertEquals(1, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + last + "\"")).json().path("totalResults").asInt());
    }

    private String version() {
        return api.get("/scim/v2/Users/" + userId).json().at("/meta/version").asText();
    }

    static String userJson(String members) {
        return "{\"schemas\":[\"" + USER + "\"]," + members + "}";
    }

    static String patchJson(String operation) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operation + "]}";
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void assertOktaError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.json().path("errorCode").asText(), reply::toString);
        assertEquals(code, reply.json().path("errorLink").asText(), reply::toString);
        assertFalse(reply.json().path("errorSummary").asText().isBlank(), reply::toString);
        assertTrue(reply.json().path("errorId").isTextual(), reply::toString);
        assertTrue(reply.json().path("errorCauses").isArray(), reply::toString);
        assertFalse(reply.body().contains("Exception"), reply::body);
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
    }
}
