package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BadInputTest.assertError;
import static org.scimlog.scim.BulkFixtures.BULK_REQUEST;
import static org.scimlog.scim.BulkFixtures.assertFailed;
import static org.scimlog.scim.BulkFixtures.bulk;
import static org.scimlog.scim.BulkFixtures.operation;
import static org.scimlog.scim.BulkFixtures.results;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/** A bulk request that cannot be read is refused whole; an operation that cannot be run fails alone. */
@MicronautTest(transactional = false)
class BulkBadInputTest extends ScimServerTest {

    private static final int MAX_OPERATIONS = 5;
    private static final int MAX_PAYLOAD = 4000;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.scim.bulk.max-operations", Integer.toString(MAX_OPERATIONS),
                "scimlog.scim.bulk.max-payload-bytes", Integer.toString(MAX_PAYLOAD));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | Operations=all                                                | invalidSyntax",
            "an array                 | [{\"method\":\"DELETE\"}]                                     | invalidSyntax",
            "no schemas               | {\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidSyntax",
            "a PatchOp schema         | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidSyntax",
            "schemas a string         | {\"schemas\":\"" + BULK_REQUEST + "\",\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidSyntax",
            "Operations missing       | {\"schemas\":[\"" + BULK_REQUEST + "\"]}                        | invalidSyntax",
            "Operations an object     | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":{\"method\":\"DELETE\"}} | invalidSyntax",
            "Operations null          | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":null}     | invalidSyntax",
            "Operations empty         | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[]}       | invalidSyntax",
            "an operation a string    | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[\"DELETE /Users/x\"]} | invalidSyntax",
            "failOnErrors zero        | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"failOnErrors\":0,\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidValue",
            "failOnErrors a word      | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"failOnErrors\":\"one\",\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidValue",
            "failOnErrors a fraction  | {\"schemas\":[\"" + BULK_REQUEST + "\"],\"failOnErrors\":1.5,\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\"}]} | invalidValue",
    })
    void unreadableRequestIsRefusedWhole(String why, String body, String scimType) {
        assertError(api.post("/scim/v2/Bulk", body), 400, scimType);
    }

    @Test
    void emptyBodyAndWrongMediaTypeAreRefused() {
        assertError(api.send("POST", "/scim/v2/Bulk", "", Map.of()), 400, "invalidSyntax");
        assertError(api.send("POST", "/scim/v2/Bulk", "<bulk/>", Map.of("Content-Type", "application/xml")), 415, null);
        assertError(api.withToken(null).post("/scim/v2/Bulk", bulk(operation("DELETE", "/Users/x", null, null))), 401, null);
        assertError(api.get("/scim/v2/Bulk"), 405, null);
    }

    @Test
    void attributeNamesAreCaseInsensitive() {
        String body = "{\"SCHEMAS\":[\"" + BULK_REQUEST + "\"],\"operations\":[{\"Method\":\"DELETE\",\"PATH\":\"/Users/x\"}]}";
        Reply reply = api.post("/scim/v2/Bulk", body);
        assertEquals(200, reply.status(), reply::toString);
        assertFailed(reply.json().at("/Operations/0"), 404, null);
    }

    @Test
    void moreOperationsThanTheLimitIs413NamingIt() {
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i <= MAX_OPERATIONS; i++) {
            operations.add(operation("DELETE", "/Users/x" + i, null, null));
        }
        Map<String, Object> body = Map.of("schemas", List.of(BULK_REQUEST), "Operations", operations);
        Reply reply = api.post("/scim/v2/Bulk", body);
        assertError(reply, 413, null);
        assertTrue(reply.json().path("detail").asText().contains("maxOperations (" + MAX_OPERATIONS + ")"), reply::toString);

        Map<String, Object> atLimit = Map.of("schemas", List.of(BULK_REQUEST), "Operations", operations.subList(0, MAX_OPERATIONS));
        assertEquals(200, api.post("/scim/v2/Bulk", atLimit).status(), "the limit itself is allowed");
    }

    @Test
    void aLargerPayloadThanTheLimitIs413NamingIt() {
        String userName = uniqueUserName("big");
        Map<String, Object> user = new HashMap<>(oktaUser(userName, "B", "Ig"));
        user.put("nickName", "x".repeat(MAX_PAYLOAD));
        Reply reply = api.post("/scim/v2/Bulk", bulk(operation("POST", "/Users", "big", user)));
        assertError(reply, 413, null);
        assertTrue(reply.json().path("detail").asText().contains("maxPayloadSize (" + MAX_PAYLOAD + " bytes)"), reply::toString);
        assertEquals(0, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\"")).json()
                .path("totalResults").asInt(), "nothing of it ran");
    }

    @Test
    void serviceProviderConfigAdvertisesTheConfiguredLimits() {
        JsonNode bulk = api.withToken(null).get("/scim/v2/ServiceProviderConfig").json().path("bulk");
        assertTrue(bulk.path("supported").asBoolean());
        assertEquals(MAX_OPERATIONS, bulk.path("maxOperations").asInt());
        assertEquals(MAX_PAYLOAD, bulk.path("maxPayloadSize").asInt());
    }

    @Test
    void eachBadOperationFailsAloneWith400AndTheRestRun() {
        String good = uniqueUserName("good");
        List<JsonNode> first = results(api, bulk(
                operation("GET", "/Users", "get", null),
                operation("post", "/Users", "lower", oktaUser(uniqueUserName("l"), "L", "L")),
                operation("POST", "/Schemas", "schemas", oktaUser(uniqueUserName("s"), "S", "S")),
                operation("POST", "/Users", "good", oktaUser(good, "G", "Ood")),
                operation("POST", "/Users", "good", oktaUser(uniqueUserName("again"), "A", "Gain"))));
        assertFailed(first.get(0), 400, "invalidSyntax");
        assertTrue(first.get(0).at("/response/detail").asText().contains("Operations[0]"), "names the operation");
        assertEquals("get", first.get(0).path("bulkId").asText());
        assertFailed(first.get(1), 400, "invalidSyntax");
        assertFailed(first.get(2), 400, "invalidPath");
        assertEquals("201", first.get(3).path("status").asText(), first.get(3)::toString);
        assertFailed(first.get(4), 400, "invalidValue");
        assertTrue(first.get(4).at("/response/detail").asText().contains("Operations[3]"), "names the first use");

        String id = GroupFixtures.createUser(api, "target");
        Map<String, Object> deactivate = patch(Map.of("op", "replace", "value", Map.of("active", false)));
        List<JsonNode> second = results(api, bulk(
                operation("POST", "/Users/" + id, "at-resource", oktaUser(uniqueUserName("r"), "R", "R")),
                operation("PUT", "/Users", null, oktaUser(uniqueUserName("p"), "P", "P")),
                operation("PATCH", "/Users/" + id, null, null),
                operation("PUT", "/Users/" + id, null, "userName=x"),
                operation("POST", "/Users", null, oktaUser(uniqueUserName("n"), "N", "N"))));
        assertFailed(second.get(0), 400, "invalidPath");
        assertFailed(second.get(1), 400, "invalidPath");
        assertFailed(second.get(2), 400, "invalidSyntax");
        assertTrue(second.get(2).path("location").asText().endsWith("/Users/" + id), "a failed PATCH names its target");
        assertFailed(second.get(3), 400, "invalidSyntax");
        assertFailed(second.get(4), 400, "invalidSyntax");
        assertTrue(second.get(4).at("/response/detail").asText().contains("bulkId"));

        List<JsonNode> third = results(api, bulk(
                Map.of("method", 7, "path", "/Users/" + id),
                Map.of("path", "/Users/" + id),
                Map.of("method", "DELETE"),
                Map.of("method", "DELETE", "path", "/Users/" + id + "/extra"),
                Map.of("method", "PATCH", "path", "/Users/" + id, "data", deactivate)));
        assertFailed(third.get(0), 400, "invalidSyntax");
        assertFailed(third.get(1), 400, "invalidSyntax");
        assertFailed(third.get(2), 400, "invalidSyntax");
        assertFailed(third.get(3), 400, "invalidPath");
        assertEquals("200", third.get(4).path("status").asText(), third.get(4)::toString);
        assertEquals(1, api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + good + "\""))
                .json().path("totalResults").asInt());
    }

    @Test
    void operationRefusalsAreInTheSystemLog() {
        results(api, bulk(operation("GET", "/Users/6f1d4d5e-0000-4000-8000-0000000000aa", null, null)));
        JsonNode rejected = LogRows.events(tenantName, "scimlog.scim.request.rejected").stream()
                .filter(e -> e.path("target").toString().contains("6f1d4d5e-0000-4000-8000-0000000000aa"))
                .findFirst().orElseThrow();
        assertEquals("400", rejected.at("/debugContext/debugData/httpStatus").asText());
        assertEquals("invalidSyntax", rejected.at("/debugContext/debugData/scimType").asText());
        assertEquals(0, rejected.at("/debugContext/debugData/bulkOperation").asInt());
    }
}
