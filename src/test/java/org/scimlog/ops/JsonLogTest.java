package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimlog.fault.ServerProcess;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;

/**
 * scimlog in serve mode, as its own process, writes JSON lines on stdout: every line parses, has an ISO time
 * with its zone, and every line a request causes carries that request's X-Request-Id; one access line per
 * request; no password or token anywhere; no INFO chatter from PostgreSQL's or Kafka's libraries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerProcess server;
    private String token;
    private final List<String> requestIds = new ArrayList<>();
    private final String badToken = "scimlog_" + UUID.randomUUID().toString().replace("-", "") + "x";
    private List<JsonNode> lines;

    @BeforeAll
    void serveAndProvision() throws IOException {
        Map<String, String> properties = ScimServerTest.testServerProperties();
        String tenant = "json-" + UUID.randomUUID().toString().substring(0, 8);
        String created = ServerProcess.command(properties, "tenant", "create", tenant, "--token-name", "okta");
        token = created.lines().filter(l -> l.startsWith("SCIM_TOKEN=")).map(l -> l.substring(11)).findFirst().orElseThrow();
        server = ServerProcess.start("json-log", properties);
        Api api = new Api(server.baseUrl(), token);
        requestIds.addAll(OktaTraffic.run(api, server.baseUrl()));
        Reply refused = new Api(server.baseUrl(), badToken).post("/scim/v2/Users",
                Map.of("schemas", List.of(OktaTraffic.USER), "userName", "x@example.com", "password", OktaTraffic.PASSWORD));
        assertEquals(401, refused.status());
        requestIds.add(refused.header("X-Request-Id"));
        String last = requestIds.get(requestIds.size() - 1);
        Await.until("the last request's access line is written", Duration.ofSeconds(30),
                () -> read().stream().anyMatch(l -> last.equals(l.path("requestId").asText()) && isAccess(l)));
        lines = read();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyLineIsAJsonObjectWithAZonedIsoTimestamp() {
        assertTrue(lines.size() > requestIds.size(), "lines: " + lines.size());
        for (JsonNode line : lines) {
            String time = line.path("@timestamp").asText();
            OffsetDateTime.parse(time); // throws unless ISO-8601 with an offset
            assertTrue(time.endsWith("Z") || time.matches(".*[+-]\\d\\d:\\d\\d"), time);
            assertFalse(line.path("level").asText().isEmpty(), line::toString);
            assertFalse(line.path("logger_name").asText().isEmpty(), line::toString);
        }
    }

    @Test
    void eachRequestHasOneAccessLineWithItsRequestIdAndNoQueryValues() {
        for (String id : requestIds) {
            List<JsonNode> access = lines.stream().filter(l -> id.equals(l.path("requestId").asText()) && isAccess(l)).toList();
            assertEquals(1, access.size(), "access lines of " + id + ": " + access);
            JsonNode line = access.get(0);
            assertTrue(line.path("status").asInt() >= 200, line::toString);
            assertTrue(line.path("path").asText().startsWith("/scim/v2/"), line::toString);
            assertTrue(line.path("durationMs").isNumber(), line::toString);
        }
        JsonNode imported = lines.stream().filter(l -> isAccess(l) && l.path("queryParameters").toString().contains("filter"))
                .findFirst().orElseThrow(() -> new AssertionError("no access line of the import"));
        assertFalse(imported.toString().contains("example.com"), "a query's values stay out: " + imported);
    }

    @Test
    void everyLineThatNamesARequestCarriesItsId() {
        for (JsonNode line : lines) {
            for (String id : requestIds) {
                if (line.path("message").asText().contains(id)) {
                    assertEquals(id, line.path("requestId").asText(), "a line about " + id + " without its id: " + line);
                }
            }
            String requestId = line.path("requestId").asText(null);
            if (requestId != null) {
                assertTrue(requestIds.contains(requestId), "a request id nobody sent: " + line);
            }
        }
    }

    @Test
    void noSecretAndNoLibraryChatterAtInfo() throws IOException {
        String text = Files.readString(server.logs().get(0), StandardCharsets.UTF_8);
        assertFalse(text.contains(OktaTraffic.PASSWORD), "a password in the log");
        assertFalse(text.contains(token), "a token in the log");
        assertFalse(text.contains(badToken), "a refused token in the log");
        for (JsonNode line : lines) {
            String logger = line.path("logger_name").asText();
            boolean library = logger.startsWith("org.apache.kafka") || logger.startsWith("kafka") || logger.startsWith("io.zonky")
                    || logger.startsWith("org.flywaydb") || logger.startsWith("com.zaxxer") || logger.startsWith("org.postgresql");
            assertFalse(library && line.path("level").asText().equals("INFO"), "library chatter: " + line);
        }
    }

    private static boolean isAccess(JsonNode line) {
        return line.path("logger_name").asText().equals("scimlog.access");
    }

    private List<JsonNode> read() {
        try {
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : Files.readAllLines(server.logs().get(0), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line);
                }
            }
            return parsed;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
