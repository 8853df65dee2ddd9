package org.scimlog.fault;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server process is killed (SIGKILL) while clients write concurrently, then started again on the same database. */
@Tag("fault")
@ExtendWith(FaultLogs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCrashTest {

    private final FaultStack stack = new FaultStack();

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillAndEveryEventReachesKafkaInOrder() {
        ServerProcess server = stack.startServer("crash");
        OktaLoad load = OktaLoad.start(() -> List.of(server.baseUrl()), stack.token(), 6);
        try {
            Await.until("the load has written for a while", Duration.ofSeconds(120), () -> load.acknowledgedWrites() >= 150);
            server.kill();
            long beforeRestart = load.acknowledgedWrites();
            server.start();
            Await.until("writes are acknowledged again after the restart", Duration.ofSeconds(120),
                    () -> load.acknowledgedWrites() >= beforeRestart + 100);
        } finally {
            load.close();
        }
        new NothingLost(stack, load).assertHolds(server.baseUrl());
    }
}
