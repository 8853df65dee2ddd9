package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.CommitHorizon;

/** Polling requests (no until, ascending): commit order, a next link on every page, nothing lost or repeated. */
@MicronautTest(transactional = false)
class LogPollingTest extends LogServerTest {

    @Test
    void anEmptyPollingPageStillHasANextLinkThatLaterYieldsNewEvents() {
        LogTenant tenant = newLogTenant();
        Reply empty = tenant.api().get("/api/v1/logs?limit=10");
        assertEquals(200, empty.status(), empty::toString);
        assertEquals(0, empty.json().size());
        String next = links(empty).get("next");
        assertTrue(next != null && next.contains("limit=10"), empty.raw().headers().toString());

        ObjectNode event = append(tenant.id(), userCreated("00u1", "ada"));
        Reply later = tenant.api().get(relative(next));

        assertEquals(List.of(event.path("uuid").asText()), uuids(later.json()));
        assertTrue(links(later).containsKey("next"));
    }

    @Test
    void theEmptyPageAtTheEndKeepsTheCursorItWasGiven() {
        LogTenant tenant = newLogTenant();
        append(tenant.id(), userCreated("00u1", "ada"));
        Reply first = tenant.api().get("/api/v1/logs");
        String next = links(first).get("next");

        Reply caughtUp = tenant.api().get(relative(next));

        assertEquals(0, caughtUp.json().size());
        assertEquals(next, links(caughtUp).get("next"), "nothing new: the same position again");
        assertEquals(next, links(caughtUp).get("self"));
    }

    @Test
    void pagesFollowCommitOrderNotPublishedOrder() {
        LogTenant tenant = newLogTenant();
        ObjectNode newer = insertPublishedAt(tenant.id(), Instant.now().minusSeconds(5), userCreated("a", "a"));
        ObjectNode older = insertPublishedAt(tenant.id(), Instant.now().minusSeconds(60), userCreated("b", "b"));

        Reply reply = tenant.api().get("/api/v1/logs?since=" + q(Instant.now().minusSeconds(120).toString()));

        assertEquals(List.of(newer.path("uuid").asText(), older.path("uuid").asText()), uuids(reply.json()));
    }

    @Test
    void aPageWithAfterReturnsLateCommitsWhosePublishedIsBeforeSince() {
        LogTenant tenant = newLogTenant();
        Instant since = Instant.now().minusSeconds(30);
        append(tenant.id(), userCreated("a", "a"));
        Reply first = tenant.api().get("/api/v1/logs?since=" + q(since.toString()));
        assertEquals(1, first.json().size());

        // Published before since, committed after the first page: a writer that was slow to commit.
        ObjectNode late = insertPublishedAt(tenant.id(), since.minusSeconds(600), userCreated("late", "late"));
        Reply second = tenant.api().get(relative(links(first).get("next")));

        assertEquals(List.of(late.path("uuid").asText()), uuids(second.json()));
    }

    @Test
    void anOpenTransactionHoldsBackLaterCommitsUntilItCommits() throws Exception {
        LogTenant tenant = newLogTenant();
        Reply start = tenant.api().get("/api/v1/logs");
        String next = links(start).get("next");
        try (Connection slow = connection()) {
            slow.setAutoCommit(false);
            List<ObjectNode> slowEvents = auditLog.append(slow, context(tenant.id(), "slow"),
                    List.of(userCreated("slow", "slow")));
            ObjectNode quick = appendWithoutWaiting(tenant.id(), "quick", userCreated("quick", "quick")).get(0);

            Reply whileOpen = tenant.api().get(relative(next));
            assertEquals(0, whileOpen.json().size(), "the quick event is past the horizon while the slow one is open");
            assertEquals(next, links(whileOpen).get("next"));

            slow.commit();
            CommitHorizon.awaitPassedEverythingCommitted();
            Reply afterCommit = tenant.api().get(relative(next));
            assertEquals(List.of(slowEvents.get(0).path("uuid").asText(), quick.path("uuid").asText()),
                    uuids(afterCommit.json()), "both, in the order their transactions began");
        }
    }

    @Test
    void aPollerUnderConcurrentWritersSeesEveryEventExactlyOnce() throws Exception {
        LogTenant tenant = newLogTenant();
        int writers = 4;
        int transactionsPerWriter = 15;
        int eventsPerTransaction = 2;
        Set<String> written = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        String next = links(tenant.api().get("/api/v1/logs?limit=7")).get("next");
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int t = 0; t < transactionsPerWriter; t++) {
                    try (Connection c = connection()) {
                        c.setAutoCommit(false);
                        List<ObjectNode> events = auditLog.append(c, context(tenant.id(), "w" + writer + "t" + t),
                                List.of(userCreated("w" + writer + "-" + t + "a", "a"), userCreated("w" + writer + "-" + t + "b", "b")));
                        // Sleeping before commit interleaves commits out of seq and published order.
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 12));
                        c.commit();
                        events.forEach(e -> written.add(e.path("uuid").asText()));
                    }
                }
                return null;
            }));
        }

        Map<String, Integer> seen = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int total = writers * transactionsPerWriter * eventsPerTransaction;
        while (seen.size() < total && Instant.now().isBefore(deadline)) {
            Reply page = tenant.api().get(relative(next));
            assertEquals(200, page.status(), page::toString);
            for (JsonNode event : page.json()) {
                seen.merge(event.path("uuid").asText(), 1, Integer::sum);
            }
            next = links(page).get("next");
            if (page.json().isEmpty()) {
                Thread.sleep(5);
            }
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();

        assertEquals(total, written.size());
        assertEquals(written, seen.keySet(), "every committed event, and nothing else");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "no event twice: " + seen);
        Reply afterwards = tenant.api().get(relative(next));
        assertEquals(0, afterwards.json().size());
    }
}
