package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.LogMaintenance;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/** The keyword index's pending list is merged by the background job, and searches find events either side of it. */
@MicronautTest(transactional = false)
class KeywordIndexUpkeepTest extends ScimServerTest {

    @Inject
    KeywordIndexUpkeep upkeep;

    @Override
    protected Map<String, String> extraProperties() {
        // the test merges when it chooses to (the first scheduled merge comes one interval after start, too)
        return Map.of("scimlog.log.keyword-merge-interval", "1h");
    }

    @Test
    void newKeywordsWaitInThePendingListUntilMergedAndAreFoundBeforeAndAfter() throws Exception {
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
        }
        // autovacuum flushes pending lists too, whenever it visits a busy partition; it would race this test's merge
        LogMaintenance.autovacuum(false);
        try {
            pendingKeywordsAreMergedByTheJob();
        } finally {
            LogMaintenance.autovacuum(true);
        }
    }

    @Test
    void aWriteWithMoreThanFourMegabytesOfKeywordsOnlyAppendsToThePendingList() throws Exception {
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
            upkeep.merge();
            c.setAutoCommit(false);
            try {
                // what a group pushed with 10,000 members writes: 10,000 events of 40 keywords, in one transaction
                s.execute("""
                        INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result,
                                               target_ids, keywords, body)
                        SELECT gen_random_uuid(), gen_random_uuid(), now(), 'group.user_membership.add', 'INFO',
                               'SUCCESS', '{}', array(SELECT 'keyword-' || n || '-' || k FROM generate_series(1, 40) k),
                               '{}' FROM generate_series(1, 10000) n""");
                try (ResultSet rs = s.executeQuery("""
                        SELECT sum((pgstatginindex(inhrelid::regclass)).pending_pages)
                          FROM pg_inherits WHERE inhparent = 'log_event_keywords_idx'::regclass""")) {
                    rs.next();
                    long pendingMegabytes = rs.getLong(1) * 8 / 1024;
                    // with PostgreSQL's default of 4 MB the insert would have merged the list itself, inline
                    assertTrue(pendingMegabytes > 4, "all still pending, left to the job: " + pendingMegabytes + " MB");
                }
            } finally {
                c.rollback();
            }
        }
    }

    private void pendingKeywordsAreMergedByTheJob() throws Exception {
        upkeep.merge();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, api.send("POST", "/scim/v2/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"merge.%d@example.com"}"""
                    .formatted(i), Map.of()).status());
        }
        assertTrue(pendingKeywords() > 0, "new events' keywords are appended to the pending list");
        long found = eventsWithKeyword("merge.3@example.com");
        assertTrue(found > 0, "found while still pending");

        assertTrue(upkeep.merge() > 0, "the merge reports the pages it merged");
        assertEquals(0, pendingKeywords());
        assertEquals(found, eventsWithKeyword("merge.3@example.com"), "still found once merged into the index");
    }

    private static long pendingKeywords() throws SQLException {
        return single("""
                SELECT coalesce(sum((pgstatginindex(inhrelid::regclass)).pending_tuples), 0)
                  FROM pg_inherits WHERE inhparent = 'log_event_keywords_idx'::regclass""", null);
    }

    private static long eventsWithKeyword(String keyword) throws SQLException {
        return single("SELECT count(*) FROM log_event WHERE keywords @> ARRAY[?]::text[]", keyword);
    }

    private static long single(String sql, String parameter) throws SQLException {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
