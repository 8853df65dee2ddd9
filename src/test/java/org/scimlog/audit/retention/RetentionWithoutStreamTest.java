package org.scimlog.audit.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.security.TenantStore;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/**
 * Streaming off: the relay's position (behind, since no relay runs) holds nothing, the sealer's does. The
 * test holds the sealer's advisory lock, as a second instance sealing would, so the sealer stands still
 * until the test lets it go.
 */
@MicronautTest(transactional = false)
class RetentionWithoutStreamTest extends ScimServerTest {

    @Inject
    LogRetention retention;
    @Inject
    ChainSealer sealer;
    @Inject
    CommitOrderReader reader;
    @Inject
    TenantStore tenantStore;

    /** The sealer's lock key (ChainSealer): while another session holds it, no sealer seals. */
    private static final long SEALER_LOCK = 7_340_001L;

    @Test
    void onlyTheSealerHoldsADayWhenStreamingIsOff() throws SQLException {
        UUID tenant = tenantStore.findTenant(tenantName).orElseThrow();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(9);
        retention.ensurePartitions(day, day);
        Position last;
        try (Connection sealerStopped = LogRows.connect()) {
            lock(sealerStopped, "pg_advisory_lock");
            last = OldDays.insertEvents(tenant, day, 2);
            assertFalse(OldDays.passed(reader, "chain-sealer", last), "the sealer stands still");
            assertHeldByTheSealerOnly(day, last);
            lock(sealerStopped, "pg_advisory_unlock");
        }
        OldDays.await("the sealer passed the day", () -> {
            sealer.sealBatch();
            return OldDays.passed(reader, "chain-sealer", last);
        });
        assertTrue(retention.dropExpired(Instant.now()).contains(day));
        assertFalse(OldDays.partitionExists(day));
    }

    private static void lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, SEALER_LOCK);
            ps.execute();
        }
    }

    private void assertHeldByTheSealerOnly(LocalDate day, Position last) {
        assertFalse(OldDays.passed(reader, "kafka-relay", last), "no relay runs, so its position is behind");

        List<LocalDate> dropped = retention.dropExpired(Instant.now());
        assertFalse(dropped.contains(day), dropped::toString);
        RetentionHold hold = retention.holds().stream().filter(h -> h.day().equals(day)).findFirst().orElseThrow();
        assertEquals(List.of("chain-sealer"), hold.heldBy(), "the relay is not a reader here");
        JsonNode event = LogRows.events(tenantName, "system.log.retention.held").get(0);
        assertEquals(2, event.at("/debugContext/debugData/unsealedEvents").asLong(), event::toString);
        assertTrue(event.at("/debugContext/debugData/unstreamedEvents").isMissingNode(), "no relay, no such count");
    }
}
