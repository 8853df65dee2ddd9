package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database and one Kafka broker behind haproxy ({@code ops/haproxy.cfg}, as {@code ops/cluster}
 * runs them); the one holding the relay lease is killed (SIGKILL) under load sent to the balancer only. The other
 * takes the lease over and the clients go on through the balancer: every acknowledged write is stored with its
 * events, every event is on the topic in its resource's order ({@link NothingLost}).
 */
@Tag("fault")
@ExtendWith(FaultLogs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayLeaseTakeoverTest {

    private final FaultStack stack = new FaultStack();

    @AfterAll
    void stop() {
        stack.close();
    }

    private String role(ServerProcess server) {
        return stack.streamHealth(server).path("relay").asText();
    }

    @Test
    void theStandbyTakesOverAndNothingIsLostOrReordered() {
        // started side by side: on two busy cores a start is most of this test's time
        CompletableFuture<ServerProcess> second = CompletableFuture.supplyAsync(() -> stack.startServer("lease-b"));
        ServerProcess a = stack.startServer("lease-a");
        ServerProcess b = second.join();
        Await.until("one instance relays and the other stands by", Duration.ofSeconds(60),
                () -> Set.of(role(a), role(b)).equals(Set.of("active", "standby")));
        ServerProcess active = role(a).equals("active") ? a : b;
        ServerProcess standby = active == a ? b : a;
        LoadBalancer balancer = LoadBalancer.start(List.of(a, b));
        OktaLoad load = OktaLoad.start(() -> List.of(balancer.baseUrl()), stack.token(), 6);
        try {
            Await.until("both instances have taken writes for a while", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= 100 && stack.streamHealth(active).path("lastPublishAt").isTextual());
            assertEquals("standby", role(standby), "the standby never relays while the active one holds the lease");
            long killed = System.nanoTime();
            active.kill();
            Await.until("the standby takes the lease over", Duration.ofSeconds(60), () -> role(standby).equals("active"));
            System.out.printf("relay lease taken over %d ms after the SIGKILL; through haproxy so far: %d acknowledged, "
                    + "%d answered 502%n", (System.nanoTime() - killed) / 1_000_000, load.acknowledgedWrites(), load.count(502));
            long afterTakeover = load.acknowledgedWrites();
            Await.until("writes go on through the survivor", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= afterTakeover + 60);
        } finally {
            load.close();
            balancer.close();
        }
        // requests in flight on the killed instance: haproxy answers 502, or cuts the connection (status 0) when the
        // response had begun; neither was acknowledged, so NothingLost counts them as "may or may not have committed"
        load.responses().stream().filter(r -> r.status() == 0 || r.status() == 502).forEach(r -> System.out.println("unanswered: " + r));
        new NothingLost(stack, load).assertHolds(standby.baseUrl());
    }
}
