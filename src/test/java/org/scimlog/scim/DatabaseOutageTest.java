package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TcpProxy;

/**
 * While PostgreSQL cannot be reached, or a statement runs past its limit, clients get a clean 503 with
 * Retry-After in bounded time (never a 500, never a hang), /health says so promptly, and service resumes by
 * itself. The database sits behind a TCP forwarder the test cuts: the network to it goes down.
 */
@MicronautTest(transactional = false)
class DatabaseOutageTest extends ScimServerTest {

    private static final Pattern HOST_PORT = Pattern.compile("//([^:/]+):(\\d+)/");
    private static final Duration BOUND = Duration.ofSeconds(8);

    /** Left open after the tests: the application context closes after them and writes its last events through it. */
    private TcpProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        String url = properties.get("datasources.default.url");
        Matcher m = HOST_PORT.matcher(url);
        assertTrue(m.find(), url);
        proxy = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
        properties.put("datasources.default.url", m.replaceFirst("//127.0.0.1:" + proxy.port() + "/"));
        properties.put("scimlog.db.statement-timeout", "1s");
        properties.put("scimlog.db.connect-timeout", "1s");
        properties.put("datasources.default.connection-timeout", "2000");
        properties.put("scimlog.security.token-cache-seconds", "600");
        return properties;
    }

    @Test
    void aStatementPastTheLimitAnswers503AndStopsInPostgres() throws Exception {
        String logsToken = tenants.createTenantWithToken("l-" + tenantName.substring(2), "tests",
                List.of(Scopes.SCIM, Scopes.LOGS_READ)).secret();
        Api logs = api.withToken(logsToken);
        assertEquals(200, api.get("/scim/v2/Users").status());
        assertEquals(200, logs.get("/api/v1/logs/verify").status());
        try (Connection blocker = LogRows.connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // the requests' statements wait behind these locks past their 1 s limit
                s.execute("LOCK TABLE scim_user, log_seal IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            Reply scim = api.get("/scim/v2/Users");
            assertClean503(scim, start);
            assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", scim.json().at("/schemas/0").asText(), scim::toString);

            start = System.nanoTime();
            Reply okta = logs.get("/api/v1/logs/verify");
            assertClean503(okta, start);
            assertEquals("E0000009", okta.json().path("errorCode").asText(), okta::toString);
            assertTrue(okta.json().has("errorId"), okta::toString);
            blocker.rollback();
        }
        assertEquals(200, api.get("/scim/v2/Users").status());
    }

    @Test
    void whilePostgresIsUnreachableRequestsAnswer503InBoundedTimeAndServiceResumes() throws Exception {
        assertEquals(200, api.get("/scim/v2/Users").status(), "the token is cached before the outage");
        Api anonymous = api.withToken(null);
        proxy.cut();
        try {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<long[]>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                replies.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    Reply reply = n % 2 == 0 ? api.get("/scim/v2/Users?count=1")
                            : api.post("/scim/v2/Users", UserFixtures.oktaUser(UserFixtures.uniqueUserName("down"), "A", "B"));
                    return new long[] {reply.status(), System.nanoTime() - start,
                            reply.header("Retry-After") == null ? 0 : 1};
                }));
            }
            for (Future<long[]> reply : replies) {
                long[] r = reply.get();
                assertEquals(503, r[0], "status while the database is away");
                assertTrue(Duration.ofNanos(r[1]).compareTo(BOUND) < 0, "answered in " + Duration.ofNanos(r[1]));
                assertEquals(1, r[2], "with Retry-After");
            }
            clients.shutdown();

            long start = System.nanoTime();
            Reply health = anonymous.get("/health");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "/health answered in " + took);
            assertEquals("DOWN", health.json().at("/details/database/status").asText(), health::toString);
        } finally {
            proxy.restore();
        }
        assertTrue(Await.until(Duration.ofSeconds(30), () -> api.get("/scim/v2/Users?count=1").status() == 200),
                "SCIM serves again once the database is reachable, without a restart");
        Reply health = anonymous.get("/health");
        assertEquals("UP", health.json().at("/details/database/status").asText(), health::toString);
        assertEquals("UP", health.json().at("/details/backgroundJobs/status").asText(),
                () -> "every background job outlived the outage: " + health);
    }

    private static void assertClean503(Reply reply, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("5", reply.header("Retry-After"), reply::toString);
        assertTrue(took.compareTo(BOUND) < 0, "answered in " + took);
        assertFalse(reply.body().contains("SQL") || reply.body().contains("Exception"), reply::toString);
    }
}
