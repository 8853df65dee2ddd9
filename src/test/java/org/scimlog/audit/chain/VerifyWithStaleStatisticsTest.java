package org.scimlog.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.LogMaintenance;
import org.scimlog.support.ScimServerTest;

/**
 * A tenant's events usually arrive faster than autovacuum analyses them. Verifying its chain must then cost
 * what its events cost, not what the planner's stale statistics make of them: GET /api/v1/logs/verify answers
 * within the statement timeout every client request runs under, instead of a 503 after it (or, before that
 * timeout existed, a query running on for minutes).
 */
@MicronautTest(transactional = false)
class VerifyWithStaleStatisticsTest extends ScimServerTest {

    private static final int EVENTS = 20_000;
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    ChainSealer sealer;
    @Inject
    LogSeeder seeder;
    @Inject
    LogRetention retention;

    @Override
    protected Map<String, String> extraProperties() {
        // the production default, stated here because the test's bound is this limit
        return Map.of("scimlog.db.statement-timeout", STATEMENT_TIMEOUT.toSeconds() + "s");
    }

    @Test
    void twentyThousandUnanalysedEventsVerifyWithinTheStatementTimeout() throws Exception {
        LogMaintenance.autovacuum(false);
        try {
            TenantAdministration.IssuedCredential reader = tenants.createTenantWithToken(
                    "v-" + UUID.randomUUID().toString().substring(0, 12), "siem", List.of(Scopes.LOGS_READ));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            retention.ensurePartitions(today.minusDays(2), today);
            // over the last 30 hours, so the chain crosses a day partition
            seeder.seed(reader.tenantId(), EVENTS, 200, Instant.now().minusSeconds(1), Duration.ofHours(30), done -> { });
            LogMaintenance.sealEverythingCommitted(sealer::sealBatch);

            Api siem = new Api(server.getURI().toString(), reader.secret());
            long started = System.nanoTime();
            Api.Reply reply = siem.get("/api/v1/logs/verify");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("GET /api/v1/logs/verify over " + EVENTS + " unanalysed events: " + took.toMillis() + " ms");

            assertEquals(200, reply.status(), reply::toString);
            assertEquals("intact", reply.json().path("result").asText(), reply::toString);
            assertEquals(EVENTS, reply.json().path("checkedEvents").asInt(), reply::toString);
            assertEquals(0, reply.json().path("unsealedEvents").asInt(), reply::toString);
            assertTrue(took.compareTo(STATEMENT_TIMEOUT) < 0, "answered in " + took + ", not within " + STATEMENT_TIMEOUT);
        } finally {
            LogMaintenance.autovacuum(true);
        }
    }
}
