package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimlog.support.Api;

/**
 * SIGTERM (an orchestrator rolling a deployment) while clients write: requests already running finish (a
 * Bulk of a thousand creates in flight is answered in full), none is cut off with a 500, the process exits
 * on its own within the grace period, and after a restart every acknowledged write is stored with its events
 * and reaches Kafka in order. Read events still queued in the read-event buffer at SIGTERM are written before
 * the process exits.
 */
@Tag("fault")
@ExtendWith(FaultLogs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownTest {

    /** The server's grace period (30 s by default) plus the JVM's start of shutdown on a loaded machine. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);
    /** Long enough to still be running when SIGTERM comes (each operation is a transaction of its own). */
    private static final int BULK_OPERATIONS = 1000;

    private final FaultStack stack = new FaultStack();

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void aLongRequestInFlightAtSigtermIsAnsweredInFull() throws Exception {
        ServerProcess server = stack.startServer("sigterm-bulk");
        Api client = new Api(server.baseUrl(), stack.token());
        String prefix = "bulk-" + System.nanoTime();
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < BULK_OPERATIONS; i++) {
            operations.add(Map.of("method", "POST", "path", "/Users", "bulkId", "u" + i, "data",
                    Map.of("schemas", List.of(OktaLoad.USER), "userName", prefix + "-" + i + "@example.com")));
        }
        CompletableFuture<Api.Reply> bulk = CompletableFuture.supplyAsync(() -> client.post("/scim/v2/Bulk",
                Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"), "Operations", operations)));
        // the request is being worked on once its first users exist; then the orchestrator says stop
        Await.until("the Bulk request has begun", Duration.ofSeconds(120), () -> bulk.isDone() || usersNamed(client, prefix) > 0);
        int exit = server.terminate();

        Api.Reply reply = bulk.get(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(BULK_OPERATIONS, reply.json().path("Operations").size(), "every operation ran and was answered");
        reply.json().path("Operations").forEach(op -> assertEquals("201", op.path("status").asText(), op::toString));
        assertTrue(exit == 0 || exit == 143, "a clean exit, not " + exit);
        server.start();
        assertEquals(BULK_OPERATIONS, usersNamed(new Api(server.baseUrl(), stack.token()), prefix), "every user is stored");
    }

    /**
     * The read-event writer is held on a table lock while reads are answered, so their events are certainly queued
     * in the buffer when SIGTERM comes; the lock goes once the server has stopped accepting. Every read a client
     * got a 200 for must then have its event in the log.
     */
    @Test
    void readEventsQueuedAtSigtermAreWrittenBeforeTheProcessExits() throws Exception {
        ServerProcess server = stack.startServer("sigterm-reads");
        Api client = new Api(server.baseUrl(), stack.token());
        Api.Reply created = client.post("/scim/v2/Users", Map.of("schemas", List.of(OktaLoad.USER),
                "userName", "reader-" + System.nanoTime() + "@example.com"));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        List<String> readIds = new ArrayList<>();
        int exit;
        try (Connection lock = stack.postgres().connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                // blocks every insert into the log (the writer's), not the reads themselves
                s.execute("LOCK TABLE log_event IN SHARE ROW EXCLUSIVE MODE");
            }
            for (int i = 0; i < 40; i++) {
                Api.Reply read = client.get("/scim/v2/Users/" + id);
                assertEquals(200, read.status(), read::toString);
                readIds.add(read.header("X-Request-Id"));
            }
            CompletableFuture<Integer> terminated = CompletableFuture.supplyAsync(server::terminate);
            Await.until("the server stopped accepting requests", Duration.ofSeconds(60),
                    () -> terminated.isDone() || server.status("/health") != 200);
            lock.rollback();
            exit = terminated.get(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        assertTrue(exit == 0 || exit == 143, "a clean exit, not " + exit);
        try (Connection c = stack.postgres().connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM log_event WHERE event_type = 'scimlog.scim.read' AND transaction_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", readIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(readIds.size(), rs.getInt(1), "read events written before the exit");
            }
        }
    }

    private static int usersNamed(Api client, String prefix) {
        Api.Reply reply = client.get("/scim/v2/Users?count=0&filter=" + Api.q("userName sw \"" + prefix + "\""));
        return reply.status() == 200 ? reply.json().path("totalResults").asInt() : 0;
    }

    @Test
    void inFlightRequestsFinishAndNothingIsLost() {
        ServerProcess server = stack.startServer("sigterm");
        OktaLoad load = OktaLoad.start(() -> List.of(server.baseUrl()), stack.token(), 6);
        try {
            Await.until("the load has written for a while", Duration.ofSeconds(120), () -> load.acknowledgedWrites() >= 150);
            long started = System.nanoTime();
            int exit = server.terminate();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(EXIT_WITHIN) < 0, "exited after " + took);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited with the signal's status
            assertTrue(exit == 0 || exit == 143, "a clean exit, not " + exit);
            long beforeRestart = load.acknowledgedWrites();
            server.start();
            Await.until("writes are acknowledged again after the restart", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= beforeRestart + 50);
        } finally {
            load.close();
        }
        List<OktaLoad.Response> serverErrors = load.responses().stream().filter(r -> r.status() >= 500 && r.status() != 503).toList();
        assertEquals(List.of(), serverErrors, "shutting down cuts no request off with a server error");
        new NothingLost(stack, load).assertHolds(server.baseUrl());
    }
}
