package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BadInputTest.assertError;
import static org.scimlog.scim.UnstorableTextTest.assertOktaError;
import static org.scimlog.scim.UnstorableTextTest.userJson;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * Inputs that used to fail as 500 or with the wrong error body: over-long indexed values, sorting by
 * meta.resourceType, dates PostgreSQL cannot hold, long URLs, bad percent-encoding, foreign origins and
 * JSON that does not parse. Each answer is the error body of the API the path belongs to.
 */
@MicronautTest(transactional = false)
class ClientErrorShapesTest extends ScimServerTest {

    private static final int INDEXED_LIMIT = 1024;

    private Api logs;

    @BeforeAll
    void logsToken() {
        logs = new Api(server.getURI().toString(),
                tenants.createTenantWithToken("l-" + tenantName, "siem", List.of(Scopes.LOGS_READ)).secret());
    }

    @Test
    void overLongIndexedUserAttributesAreInvalidValues() {
        String longName = "a".repeat(3000) + "@example.com";
        Reply reply = api.post("/scim/v2/Users", oktaUser(longName, "L", "N"));
        assertError(reply, 400, "invalidValue");
        assertTrue(reply.json().path("detail").asText().contains("userName"), reply::toString);

        Map<String, Object> body = new HashMap<>(oktaUser(uniqueUserName("ext"), "E", "X"));
        body.put("externalId", "x".repeat(10_000));
        reply = api.post("/scim/v2/Users", body);
        assertError(reply, 400, "invalidValue");
        assertTrue(reply.json().path("detail").asText().contains("externalId"), reply::toString);

        // four-byte characters: the limit is in bytes, which is what the index holds
        assertError(api.post("/scim/v2/Users", oktaUser("\uD83D\uDE00".repeat(700), "E", "M")), 400, "invalidValue");

        String exact = "b".repeat(INDEXED_LIMIT - 12) + "@example.com";
        assertEquals(201, api.post("/scim/v2/Users", oktaUser(exact, "A", "T")).status(), "the limit itself is accepted");

        String id = api.post("/scim/v2/Users", oktaUser(uniqueUserName("grow"), "G", "R")).json().path("id").asText();
        assertError(api.patch("/scim/v2/Users/" + id, UnstorableTextTest.patchJson(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + "c".repeat(5000) + "\"}")), 400, "invalidValue");
        assertError(api.patch("/scim/v2/Users/" + id, UnstorableTextTest.patchJson(
                "{\"op\":\"replace\",\"value\":{\"externalId\":\"" + "c".repeat(5000) + "\"}}")), 400, "invalidValue");
    }

    @Test
    void overLongGroupNamesAreInvalidValues() {
        Reply reply = api.post("/scim/v2/Groups", GroupFixtures.group("g".repeat(4000)));
        assertError(reply, 400, "invalidValue");
        assertTrue(reply.json().path("detail").asText().contains("displayName"), reply::toString);
        Map<String, Object> body = GroupFixtures.group(GroupFixtures.uniqueGroupName("ext"));
        body.put("externalId", "e".repeat(4000));
        assertError(api.post("/scim/v2/Groups", body), 400, "invalidValue");
        String id = GroupFixtures.createGroup(api, GroupFixtures.uniqueGroupName("long"));
        assertError(api.patch("/scim/v2/Groups/" + id, UnstorableTextTest.patchJson(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + "d".repeat(4000) + "\"}")), 400, "invalidValue");
    }

    @Test
    void hugeFilterLiteralsOnIndexedColumnsMatchNothing() {
        String huge = "h".repeat(9_000);
        for (String filter : List.of("userName eq \"" + huge + "\"", "externalId eq \"" + huge + "\"",
                "userName sw \"" + huge + "\"", "userName gt \"" + huge + "\"")) {
            Reply reply = api.post("/scim/v2/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                    + "\"filter\":\"" + filter.replace("\"", "\\\"") + "\"}");
            assertTrue(reply.status() < 500, reply::toString);
        }
        Reply groups = api.post("/scim/v2/Groups/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"displayName eq \\\"" + huge + "\\\"\"}");
        assertEquals(200, groups.status(), groups::toString);
    }

    @Test
    void filterDatesAreBoundAsUtcWithinPostgresRange() {
        // PostgreSQL refuses offsets beyond 15:59; RFC 3339 allows up to 23:59
        Reply farOffset = api.get("/scim/v2/Users?filter=" + Api.q("meta.lastModified lt \"2024-01-01T00:00:00+17:59\""));
        assertEquals(200, farOffset.status(), farOffset::toString);
        for (String outside : List.of("9999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+14:00")) {
            assertError(api.get("/scim/v2/Users?filter=" + Api.q("meta.created gt \"" + outside + "\"")), 400, "invalidFilter");
        }
        assertError(api.get("/scim/v2/Groups?filter=" + Api.q("meta.lastModified ge \"9999-12-31T23:59:59-18:00\"")), 400, "invalidFilter");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"meta.resourceType", "meta.created", "meta.lastModified", "meta.location", "meta.version", "meta",
            "urn:ietf:params:scim:schemas:core:2.0:User:meta.resourceType"})
    void sortingByMetaAttributesIsNeverA500(String sortBy) {
        api.post("/scim/v2/Users", oktaUser(uniqueUserName("sort"), "S", "O"));
        Reply root = api.post("/scim/v2/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"sortBy\":\"" + sortBy + "\"}");
        if (root.status() != 200) {
            assertError(root, 400, "invalidValue");
        }
        for (String endpoint : List.of("/scim/v2/Users", "/scim/v2/Groups")) {
            Reply reply = api.get(endpoint + "?sortBy=" + Api.q(sortBy));
            if (reply.status() != 200) {
                assertError(reply, 400, "invalidValue");
            }
            Reply search = api.post(endpoint + "/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                    + "\"sortBy\":\"" + sortBy + "\",\"sortOrder\":\"descending\"}");
            if (search.status() != 200) {
                assertError(search, 400, "invalidValue");
            }
        }
    }

    @Test
    void sortingByResourceTypeListsEveryResource() {
        api.post("/scim/v2/Users", oktaUser(uniqueUserName("rt"), "R", "T"));
        Reply plain = api.get("/scim/v2/Users?count=1000");
        Reply sorted = api.get("/scim/v2/Users?count=1000&sortBy=meta.resourceType");
        assertEquals(200, sorted.status(), sorted::toString);
        assertEquals(plain.json().path("totalResults").asInt(), sorted.json().path("totalResults").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"until=%2B999999999-01-01T00:00:00Z", "since=-999999999-01-01T00:00:00Z",
            "since=0000-01-01T00:00:00Z", "until=10000-01-01T00:00:00Z", "until=2024-13-01T00:00:00Z", "until=yesterday"})
    void datesPostgresCannotHoldAreOktaErrors(String parameter) {
        assertOktaError(logs.get("/api/v1/logs/verify?" + parameter), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs?" + parameter), 400, "E0000001");
    }

    @Test
    void overLongUrlsAre414InTheShapeOfTheirApi() throws IOException {
        String padding = "x".repeat(9000);
        RawReply okta = raw("GET /api/v1/logs?q=" + padding + " HTTP/1.1", logs.token());
        assertEquals(414, okta.status(), okta::toString);
        assertOktaRaw(okta, 414);

        RawReply scim = raw("GET /scim/v2/Users?filter=" + padding + " HTTP/1.1", api.token());
        assertEquals(414, scim.status(), scim::toString);
        assertEquals("414", Api.json(scim.body()).path("status").asText(), scim::toString);
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", Api.json(scim.body()).at("/schemas/0").asText());

        RawReply beyondNetty = raw("GET /api/v1/logs?q=" + "y".repeat(70_000) + " HTTP/1.1", logs.token());
        assertEquals(414, beyondNetty.status(), beyondNetty::toString);
        assertFalse(beyondNetty.body().isBlank(), beyondNetty::toString);
    }

    @Test
    void badPercentEncodingIsA400InTheShapeOfItsApi() throws IOException {
        RawReply okta = raw("GET /api/v1/logs?q=%E0%A4%A HTTP/1.1", logs.token());
        assertOktaRaw(okta, 400);
        assertEquals("E0000001", okta.json().path("errorCode").asText(), okta::toString);
        RawReply oktaPath = raw("GET /api/v1/logs%G1 HTTP/1.1", logs.token());
        assertTrue(oktaPath.status() == 400 || oktaPath.status() == 404, oktaPath::toString);
        assertFalse(oktaPath.json().path("errorCode").isMissingNode(), oktaPath::toString);

        RawReply scim = raw("GET /scim/v2/Users?filter=%E0%A4%A HTTP/1.1", api.token());
        assertEquals(400, scim.status(), scim::toString);
        assertEquals("400", Api.json(scim.body()).path("status").asText(), scim::toString);
    }

    @Test
    void aForeignOriginGetsAnErrorBodyOfItsApi() {
        Reply okta = logs.get("/api/v1/logs", Map.of("Origin", "https://evil.example"));
        assertOktaError(okta, 403, "E0000006");
        Reply scim = api.get("/scim/v2/Users", Map.of("Origin", "https://evil.example"));
        assertError(scim, 403, null);
        Reply preflight = api.send("OPTIONS", "/scim/v2/Users", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET"));
        assertTrue(preflight.status() < 500, preflight::toString);
    }

    @Test
    void jsonParseErrorsSayWhereWithoutNamingInternals() {
        for (String body : List.of(
                userJson("\"userName\":\"a\"} 42"),
                userJson("\"userName\":\"a\",\"userName\":\"b\""),
                userJson("\"userName\":S3cretPassw0rd"),
                userJson("\"userName\":\"a\",\"name\":" + "{\"x\":".repeat(40) + "1" + "}".repeat(40)),
                "{\"schemas\":[\"x\"],\"userName\":\"\\q\"}",
                "{\"schemas\":[\"x\"],\"userName\":\"a",
                "{\"userName\":1e99999999999}")) {
            Reply reply = api.post("/scim/v2/Users", body);
            assertError(reply, 400, "invalidSyntax");
            String detail = reply.json().path("detail").asText();
            assertTrue(detail.contains("line 1, column") || detail.contains("nested") || detail.contains("number"), detail);
            for (String internal : List.of("jackson", "Jackson", "`", "DeserializationFeature", "StreamReadConstraints",
                    "JsonNode", "S3cretPassw0rd", "VALUE_")) {
                assertFalse(detail.contains(internal), detail);
            }
        }
    }

    @Test
    void unstorableTextInHeadersIsNeverA500() throws IOException {
        String body = userJson("\"userName\":\"" + uniqueUserName("ua") + "\"");
        for (String header : List.of("User-Agent: curl\u0000x", "User-Agent: \uD800", "X-Forwarded-For: 10.0.0.1\u0000")) {
            RawReply write = raw("POST /scim/v2/Users HTTP/1.1", api.token(), header, body);
            assertTrue(write.status() == 201 || write.status() == 400, header + ": " + write);
            RawReply read = raw("GET /scim/v2/Users?count=1 HTTP/1.1", api.token(), header, null);
            assertTrue(read.status() == 200 || read.status() == 400, header + ": " + read);
        }
    }

    private record RawReply(int status, String head, String body) {
        com.fasterxml.jackson.databind.JsonNode json() {
            return Api.json(body);
        }
    }

    private static void assertOktaRaw(RawReply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.json().path("errorCode").asText().startsWith("E0000"), reply::toString);
        assertFalse(reply.json().path("errorSummary").asText().isBlank(), reply::toString);
        assertTrue(reply.json().path("errorId").isTextual(), reply::toString);
        assertTrue(reply.head().toLowerCase().contains("content-type: application/json"), reply::toString);
        assertTrue(reply.head().startsWith("HTTP/1.1"), reply::toString);
    }

    /** Sends a request line as-is (java.net.http would encode or refuse it). */
    private RawReply raw(String requestLine, String token) throws IOException {
        return raw(requestLine, token, null, null);
    }

    private RawReply raw(String requestLine, String token, String header, String body) throws IOException {
        URI uri = server.getURI();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            out.write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + (header == null ? "" : "\r\n" + header)
                    + (body == null ? "" : "\r\nContent-Type: application/scim+json\r\nContent-Length: " + content.length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String answer = split < 0 ? "" : response.substring(split + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                answer = dechunk(answer);
            }
            return new RawReply(status, head, answer);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
