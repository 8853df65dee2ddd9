package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimlog.support.Api;

/** PostgreSQL stops under load and starts again; scimlog keeps running throughout. */
@Tag("fault")
@ExtendWith(FaultLogs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageTest {

    /** No client may wait longer than this for an answer, database or not. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final FaultStack stack = new FaultStack();

    @AfterAll
    void stop() {
        stack.close();
    }

    private record HealthProbe(int status, long millis) {
    }

    private final List<HealthProbe> healthProbes = new ArrayList<>();

    /**
     * /health while PostgreSQL is away, kept for the assertions: the status (0: no answer) and how long it took.
     * False when it did not answer within the bound.
     */
    private boolean probeHealth(ServerProcess server) {
        long started = System.nanoTime();
        int status = server.healthStatus();
        long millis = (System.nanoTime() - started) / 1_000_000;
        healthProbes.add(new HealthProbe(status, millis));
        return status > 0 && millis <= ANSWER_BOUND.toMillis();
    }

    private static int failures(OktaLoad load) {
        return (int) load.responses().stream().filter(r -> !r.ok()).count();
    }

    @Test
    void clientsGetOnlySuccessesOrCleanUnavailableErrorsAndServiceResumesWithoutARestart() {
        ServerProcess server = stack.startServer("pg-outage");
        OktaLoad load = OktaLoad.start(() -> List.of(server.baseUrl()), stack.token(), 6);
        try {
            Await.until("the load has written for a while", Duration.ofSeconds(120), () -> load.acknowledgedWrites() >= 60);
            stack.postgres().stop();
            int failedBefore = failures(load);
            // over once clients have been turned away a dozen times, or as soon as /health misses its bound (a verdict)
            Await.until("clients have been answered during the outage", Duration.ofSeconds(180),
                    () -> !probeHealth(server) || failures(load) >= failedBefore + 12);
            // the orchestrator's view: not ready (no traffic) but alive (a restart would not bring PostgreSQL back)
            Await.until("readiness is DOWN while PostgreSQL is away", Duration.ofSeconds(30),
                    () -> server.status("/health/readiness") == 503);
            assertEquals(200, server.status("/health/liveness"), "liveness does not depend on PostgreSQL");
            stack.postgres().startAgain();
            long beforeRecovery = load.acknowledgedWrites();
            Await.until("writes are acknowledged again, without restarting scimlog", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= beforeRecovery + 100);
            Await.until("/health is UP again", Duration.ofSeconds(60), () -> server.healthStatus() == 200);
        } finally {
            load.close();
        }
        String summary = NothingLost.summary(load);
        for (OktaLoad.Response response : load.responses()) {
            assertTrue(response.ok() || response.status() == 503, "only 2xx or 503 while PostgreSQL is away, got "
                    + response + " (" + summary + ")");
            assertTrue(response.millis() <= ANSWER_BOUND.toMillis(), "every answer within " + ANSWER_BOUND.toSeconds()
                    + " s, got " + response + " (" + summary + ")");
            if (response.status() == 503) {
                JsonNode error = Api.json(response.body());
                assertTrue(error.path("schemas").toString().contains(SCIM_ERROR) && "503".equals(error.path("status").asText()),
                        "a 503 is a SCIM error: " + response);
                assertTrue(!response.body().contains("Exception") && !response.body().contains("SQL"),
                        "no internals in a 503: " + response);
            }
        }
        assertTrue(healthProbes.stream().allMatch(p -> p.millis() <= ANSWER_BOUND.toMillis()),
                "/health answers within " + ANSWER_BOUND.toSeconds() + " s while PostgreSQL is away: " + healthProbes);
        assertTrue(healthProbes.stream().anyMatch(p -> p.status() == 503),
                "/health says DOWN (503) while PostgreSQL is away, so a load balancer can take the instance out: " + healthProbes);
        assertTrue(server.isAlive(), "scimlog was not restarted");
        assertEquals(200, server.status("/health/readiness"), "ready again once PostgreSQL is back");
        assertEveryRequestLineNamesItsRequest(server);
        new NothingLost(stack, load).assertHolds(server.baseUrl());
    }

    /** The server's JSON log: every 503 a client got is a WARN line that carries the request's id (MDC). */
    private static void assertEveryRequestLineNamesItsRequest(ServerProcess server) {
        List<JsonNode> answered503 = new ArrayList<>();
        for (java.nio.file.Path log : server.logs()) {
            try {
                for (String line : java.nio.file.Files.readAllLines(log)) {
                    if (line.startsWith("{") && line.contains("answered 503")) {
                        answered503.add(Api.json(line));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(!answered503.isEmpty(), "no 'answered 503' line in " + server.logs());
        for (JsonNode line : answered503) {
            assertEquals("WARN", line.path("level").asText(), line::toString);
            assertTrue(line.path("requestId").asText().length() >= 20, "a request's line without its id: " + line);
        }
    }
}
