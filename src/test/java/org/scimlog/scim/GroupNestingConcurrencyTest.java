package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.memberIds;
import static org.scimlog.scim.GroupFixtures.members;
import static org.scimlog.scim.GroupFixtures.op;
import static org.scimlog.scim.GroupFixtures.uniqueGroupName;
import static org.scimlog.scim.UserFixtures.patch;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/**
 * Concurrent writes to groups that refer to each other: whatever order PostgreSQL grants the locks in, one
 * nesting wins and the other is a 400 (a cycle), and no request is a 500 (a deadlock). The requests of a
 * round start together, released by one latch, many rounds over.
 */
@MicronautTest(transactional = false)
class GroupNestingConcurrencyTest extends ScimServerTest {

    private static final int ROUNDS = 25;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void nestingTwoGroupsInEachOtherAtOnceLetsExactlyOneWin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = createGroup(api, uniqueGroupName("a"));
            String b = createGroup(api, uniqueGroupName("b"));
            List<Reply> replies = together(
                    () -> api.patch("/scim/v2/Groups/" + b, patch(op("add", "members", members(a)))),
                    () -> api.patch("/scim/v2/Groups/" + a, patch(op("add", "members", members(b)))));
            List<Integer> statuses = replies.stream().map(Reply::status).sorted().toList();
            assertEquals(List.of(200, 400), statuses, "round " + round + ": " + replies);
            Reply refused = replies.stream().filter(r -> r.status() == 400).findFirst().orElseThrow();
            assertEquals("invalidValue", refused.json().path("scimType").asText(), refused::toString);
            int nestings = memberIds(api, a).size() + memberIds(api, b).size();
            assertEquals(1, nestings, "round " + round + ": exactly one nesting is stored");
        }
    }

    @Test
    void nestingAGroupWhileItIsDeletedIsNeverA500() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String parent = createGroup(api, uniqueGroupName("p"));
            String child = createGroup(api, uniqueGroupName("c"));
            String other = createGroup(api, uniqueGroupName("o"));
            api.patch("/scim/v2/Groups/" + other, patch(op("add", "members", members(child))));
            List<Reply> replies = together(
                    () -> api.patch("/scim/v2/Groups/" + parent, patch(op("add", "members", members(child)))),
                    () -> api.delete("/scim/v2/Groups/" + child));
            assertEquals(204, replies.get(1).status(), "round " + round + ": " + replies);
            int added = replies.get(0).status();
            assertTrue(added == 200 || added == 400, "round " + round + ": " + replies);
            assertEquals(List.of(), memberIds(api, parent), "round " + round + ": a deleted group is nobody's member");
        }
    }

    /** Runs the requests at the same moment (as far as threads allow) and returns their replies in order. */
    @SafeVarargs
    private List<Reply> together(Supplier<Reply>... requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.length);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        for (Supplier<Reply> request : requests) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return request.get();
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS));
        go.countDown();
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> future : futures) {
            replies.add(future.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }
}
