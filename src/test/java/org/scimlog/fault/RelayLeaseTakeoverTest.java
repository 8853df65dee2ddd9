package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances on one database; the one holding the relay lease is killed (SIGKILL) under load. */
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
        ServerProcess a = stack.startServer("lease-a");
        ServerProcess b = stack.startServer("lease-b");
        Await.until("one instance relays and the other stands by", Duration.ofSeconds(60),
                () -> Set.of(role(a), role(b)).equals(Set.of("active", "standby")));
        ServerProcess active = role(a).equals("active") ? a : b;
        ServerProcess standby = active == a ? b : a;
        OktaLoad load = OktaLoad.start(() -> Stream.of(a, b).filter(ServerProcess::isAlive).map(ServerProcess::baseUrl).toList(),
                stack.token(), 6);
        try {
            Await.until("both instances have taken writes for a while", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= 150 && stack.streamHealth(active).path("lastPublishAt").isTextual());
            assertEquals("standby", role(standby), "the standby never relays while the active one holds the lease");
            active.kill();
            Await.until("the standby takes the lease over", Duration.ofSeconds(60), () -> role(standby).equals("active"));
            long afterTakeover = load.acknowledgedWrites();
            Await.until("writes go on through the survivor", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= afterTakeover + 100);
        } finally {
            load.close();
        }
        new NothingLost(stack, load).assertHolds(standby.baseUrl());
    }
}
