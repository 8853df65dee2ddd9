package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.support.Api;
import org.scimlog.support.CommitHorizon;

/**
 * q over a few thousand events: a common word's page is found without reading every match (checked on the
 * statement's plan as executed, not on time), and every page, common word or rare, is the right one. With
 * at most 50 matches read in one statement, each way a page is found is taken: the ordered walk ("okta",
 * "failure"), all matches at once (a user's creations, a few events; a word on none), slice by slice (a
 * user's name, some 75 events; an event type on some 3 % of them).
 */
@MicronautTest(transactional = false)
@Property(name = "scimlog.log.q-rare-matches", value = "50")
class KeywordSearchPlanTest extends LogServerTest {

    private static final int EVENTS = 3_000;

    @Inject
    LogSeeder seeder;

    private LogTenant tenant;
    private Instant now;

    @BeforeAll
    void seed() {
        tenant = newLogTenant();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // one day back from now: the events span two daily partitions, so the index is asked day by day
        seeder.seed(tenant.id(), EVENTS, 40, now, Duration.ofDays(1), done -> { });
        CommitHorizon.awaitPassedEverythingCommitted();
    }

    @Test
    void aCommonWordWithLimitOneReadsAFewEventsNotEveryMatch() throws SQLException {
        assertEquals(EVENTS, count("okta"), "every seeded event has the word");
        LogQuery.Bounded query = new LogQuery.Bounded(now.minus(Duration.ofDays(2)), now.plusSeconds(1),
                SortOrder.DESCENDING, null, KeywordSearch.toSql("okta").orElseThrow(), 1);
        LogEventReader.PageStatement statement = LogEventReader.boundedPage(tenant.id(), query, query.since(),
                query.until(), 2, KeywordSearch.walkBudget(2));

        long read = rowsReadFromTheLog(statement);

        assertTrue(read <= 10, "read " + read + " events of the log for a page of one; " + EVENTS + " match");
        Api.Reply page = tenant.api().get("/api/v1/logs?q=okta&limit=1&sortOrder=DESCENDING");
        assertEquals(1, page.json().size());
        assertTrue(links(page).containsKey("next"));
    }

    @Test
    void everyPageOfAWordOfAnyFrequencyIsRightInBothOrders() {
        for (String word : List.of("okta", "failure", "user.lifecycle.create", "user7@example.com", "nosuchword",
                "okta failure 409", "user7@example.com user.lifecycle.create", "user.lifecycle.activate")) {
            long expected = count(word.split(" "));
            for (String order : List.of("ASCENDING", "DESCENDING")) {
                List<JsonNode> all = allPages("/api/v1/logs?limit=100&until=" + q(now.plusSeconds(1).toString())
                        + "&sortOrder=" + order + "&q=" + q(word));
                assertEquals(expected, all.size(), word + " " + order);
                assertEquals(all.size(), new HashSet<>(uuidsOf(all)).size(), "no event twice");
                for (int i = 1; i < all.size(); i++) {
                    int c = all.get(i - 1).path("published").asText().compareTo(all.get(i).path("published").asText());
                    assertTrue(order.equals("ASCENDING") ? c <= 0 : c >= 0, word + " in " + order + " order");
                }
            }
        }
    }

    @Test
    void pollingWithACommonWordGivesFullPagesInCommitOrder() {
        Api.Reply first = tenant.api().get("/api/v1/logs?limit=5&q=okta&since=" + q(now.minus(Duration.ofDays(2)).toString()));
        assertEquals(5, first.json().size());
        Api.Reply second = tenant.api().get(relative(links(first).get("next")));
        assertEquals(5, second.json().size());
        assertTrue(new HashSet<>(uuids(first.json())).stream().noneMatch(uuids(second.json())::contains));
    }

    private List<JsonNode> allPages(String path) {
        List<JsonNode> events = new ArrayList<>();
        String next = path;
        while (next != null) {
            Api.Reply reply = tenant.api().get(next);
            assertEquals(200, reply.status(), reply::toString);
            reply.json().forEach(events::add);
            String link = links(reply).get("next");
            next = link == null ? null : relative(link);
        }
        return events;
    }

    private long count(String... keywords) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM log_event WHERE tenant_id = ? AND keywords @> ?")) {
            ps.setObject(1, tenant.id());
            ps.setArray(2, c.createArrayOf("text", keywords));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows the scans of log_event's partitions returned while the statement ran (EXPLAIN ANALYZE). */
    private static long rowsReadFromTheLog(LogEventReader.PageStatement statement) throws SQLException {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql())) {
            SqlParameters.bind(c, ps, statement.parameters());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rowsOfLogScans(Api.json(rs.getString(1)).get(0).path("Plan"));
            }
        }
    }

    private static long rowsOfLogScans(JsonNode plan) {
        long rows = plan.path("Relation Name").asText().startsWith("log_event")
                ? plan.path("Actual Rows").asLong() * Math.max(1, plan.path("Actual Loops").asLong()) : 0;
        for (JsonNode child : plan.path("Plans")) {
            rows += rowsOfLogScans(child);
        }
        return rows;
    }
}
