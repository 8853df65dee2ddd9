package org.scimlog.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.security.Scopes;
import org.scimlog.support.ScimServerTest;

/**
 * The sealer and the Kafka relay page through the whole log in commit order, batch after batch. Events spread
 * over a week of daily partitions must come back merged in (txid, seq) order, each exactly once, whatever the
 * batch size.
 */
@MicronautTest(transactional = false)
class CommitOrderReaderTest extends ScimServerTest {

    private static final int EVENTS = 3000;

    @Inject
    CommitOrderReader reader;
    @Inject
    LogSeeder seeder;
    @Inject
    DataSource dataSource;
    @Inject
    LogRetention retention;

    @Test
    void batchesFollowCommitOrderAcrossDailyPartitionsWithNothingSkippedOrRepeated() throws Exception {
        UUID tenant = tenants.createTenantWithToken("c-" + UUID.randomUUID().toString().substring(0, 12), "tests",
                List.of(Scopes.SCIM)).tenantId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        retention.ensurePartitions(today.minusDays(7), today);
        seeder.seed(tenant, EVENTS, 50, Instant.now(), Duration.ofDays(6), done -> { });

        List<CommittedEvent> read = new ArrayList<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            Position position = Position.START;
            List<CommittedEvent> batch;
            do {
                batch = reader.next(c, position, 250);
                assertTrue(batch.size() <= 250, "batch of " + batch.size());
                read.addAll(batch);
                if (!batch.isEmpty()) {
                    CommittedEvent last = batch.get(batch.size() - 1);
                    position = new Position(last.txid(), last.seq());
                }
            } while (!batch.isEmpty());
        }

        for (int i = 1; i < read.size(); i++) {
            CommittedEvent before = read.get(i - 1);
            CommittedEvent after = read.get(i);
            assertTrue(after.txid() > before.txid() || after.txid() == before.txid() && after.seq() > before.seq(),
                    "event " + i + " (txid " + after.txid() + ", seq " + after.seq() + ") comes after (txid "
                            + before.txid() + ", seq " + before.seq() + ")");
        }
        Set<UUID> ours = new HashSet<>();
        Set<Instant> days = new HashSet<>();
        for (CommittedEvent event : read) {
            if (event.tenantId().equals(tenant)) {
                assertTrue(ours.add(event.uuid()), "read twice: " + event.uuid());
                days.add(event.published().truncatedTo(java.time.temporal.ChronoUnit.DAYS));
            }
        }
        assertEquals(EVENTS, ours.size(), "read " + read.size() + " events in all");
        assertTrue(days.size() > 3, "the seeded events span several daily partitions: " + days);
    }
}
