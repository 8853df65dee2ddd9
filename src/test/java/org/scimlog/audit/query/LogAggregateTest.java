package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.Target;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.audit.rollup.LogRollup;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogMaintenance;

/**
 * GET /api/v1/logs/aggregate: every count checked against the events written, before and after the rollup job
 * has counted them, with filters the rollup answers and filters only the events answer; its parameters, errors,
 * scope and tenant isolation as the log API's.
 */
@MicronautTest(transactional = false)
class LogAggregateTest extends LogServerTest {

    @Inject
    LogRollup rollup;
    @Inject
    LogSeeder seeder;

    /** What was written: when, by which actor, of which type, outcome and target. */
    private record Written(Instant published, String actorId, String eventType, String result, String targetId) {
    }

    private LogTenant tenant;
    private Instant base;
    private final List<Written> written = new ArrayList<>();

    @BeforeAll
    void writeHistory() {
        tenant = newLogTenant();
        base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String[] users = {"u-ada", "u-bob", "u-cy"};
        for (int i = 0; i < 40; i++) {
            Instant published = base.plusSeconds(i * 271L);
            String request = i % 3 == 0 ? "aa" : "bb";
            String user = users[i % users.length == 0 ? 0 : (i % 5 == 0 ? 1 : i % 3)];
            EventDraft draft = switch (i % 4) {
                case 0 -> userCreated(user, user + "@example.com");
                case 1 -> EventDraft.success(EventType.USER_DEACTIVATE, List.of(Target.of(user, "User", user + "@example.com",
                        user + "@example.com")), Map.of());
                case 2 -> new EventDraft(EventType.SCIM_REJECTED, Outcome.failure("409 uniqueness"),
                        List.of(Target.of(user, "User", user + "@example.com", user + "@example.com")), Map.of());
                default -> EventDraft.success(EventType.SCIM_READ, List.of(Target.of(user, "User", user + "@example.com",
                        user + "@example.com")), Map.of());
            };
            insertPublishedAt(tenant.id(), published, request, draft);
            written.add(new Written(published, "00T" + request, draft.type().id(), draft.outcome().result(), user));
        }
        // another tenant's events at the same times must never be counted
        LogTenant other = newLogTenant();
        for (int i = 0; i < 10; i++) {
            insertPublishedAt(other.id(), base.plusSeconds(i * 600L), "zz", userCreated("u-theirs", "theirs@example.com"));
        }
    }

    @Test
    void countsAreTheEventsBeforeAndAfterTheRollupCountedThem() throws SQLException {
        Instant since = base.plusSeconds(20);
        Instant until = base.plus(2, ChronoUnit.HOURS).plusSeconds(645);
        String window = "since=" + since + "&until=" + until;

        JsonNode fromEvents = aggregate(window);
        assertCounts(fromEvents, since, until, w -> true);

        LogMaintenance.readEverythingCommitted(LogRollup.READER, rollup::rollUpBatch);
        assertEquals(written.size(), rolledUp(tenant.id(), "log_rollup_minute"), "the rollup counted each event once");
        assertEquals(written.size(), rolledUp(tenant.id(), "log_rollup_hour"), "by hour too");
        JsonNode fromRollup = aggregate(window);
        assertEquals("rollup", fromRollup.path("countedFrom").asText());
        assertCounts(fromRollup, since, until, w -> true);
        assertEquals(fromEvents, fromRollup);
        JsonNode week = aggregate("");
        assertEquals(3600, week.path("intervalSeconds").asLong(), "whole hours come from the hour table");
        assertCounts(week, Instant.parse(week.path("since").asText()), Instant.parse(week.path("until").asText()), w -> true);

        assertCounts(aggregate(window + "&filter=" + q("eventType eq \"user.lifecycle.create\"")), since, until,
                w -> w.eventType().equals("user.lifecycle.create"));
        assertCounts(aggregate(window + "&filter=" + q("outcome.result eq \"FAILURE\" or severity eq \"DEBUG\"")),
                since, until, w -> w.result().equals("FAILURE") || w.eventType().equals("scimlog.scim.read"));
        assertCounts(aggregate(window + "&filter=" + q("severity ne \"DEBUG\" and actor.id eq \"00Taa\"")), since, until,
                w -> !w.eventType().equals("scimlog.scim.read") && w.actorId().equals("00Taa"));
    }

    @Test
    void filtersTheRollupDoesNotKeepAndKeywordsCountTheEvents() {
        Instant since = base;
        Instant until = base.plus(3, ChronoUnit.HOURS);
        String window = "since=" + since + "&until=" + until;
        JsonNode byTarget = aggregate(window + "&filter=" + q("target.id eq \"u-bob\""));
        assertEquals("events", byTarget.path("countedFrom").asText());
        assertCounts(byTarget, since, until, w -> w.targetId().equals("u-bob"));

        JsonNode byKeyword = aggregate(window + "&q=" + q("u-ada@example.com 409"));
        assertEquals("events", byKeyword.path("countedFrom").asText());
        assertCounts(byKeyword, since, until, w -> w.targetId().equals("u-ada") && w.result().equals("FAILURE"));
    }

    @Test
    void topTargetsAndActorsAreNamedAsTheLogNamesThem() {
        JsonNode answer = aggregate("since=" + base + "&until=" + base.plus(3, ChronoUnit.HOURS));
        JsonNode first = answer.at("/targets/0");
        assertEquals("User", first.path("type").asText());
        assertEquals(first.path("id").asText() + "@example.com", first.path("alternateId").asText());
        JsonNode actor = answer.at("/actors/0");
        assertEquals("00Tbb", actor.path("id").asText());
        assertEquals("okta-provisioning", actor.path("alternateId").asText());
        assertFalse(answer.has("targetsCounted"), "every matching event counted");
    }

    @Test
    void aTargetWithoutAnIdIsCountedByItsName() {
        LogTenant refusals = newLogTenant();
        for (int i = 0; i < 3; i++) {
            // a refused create names its user by userName only: there is no id yet
            insertPublishedAt(refusals.id(), base.plusSeconds(i), new EventDraft(EventType.SCIM_REJECTED,
                    Outcome.failure("409 uniqueness"), List.of(Target.of(null, "User", "grace@example.com", null)), Map.of()));
        }
        insertPublishedAt(refusals.id(), base.plusSeconds(5), userCreated("u-grace", "grace@example.com"));
        JsonNode answer = refusals.api().get("/api/v1/logs/aggregate?since=" + base + "&until=" + base.plusSeconds(60)).json();
        assertEquals(2, answer.path("targets").size(), answer::toString);
        JsonNode named = answer.at("/targets/0");
        assertFalse(named.has("id"), named::toString);
        assertEquals("grace@example.com", named.path("alternateId").asText());
        assertEquals("User", named.path("type").asText());
        assertEquals(3, named.path("count").asLong());
        assertEquals("u-grace", answer.at("/targets/1/id").asText());
        assertEquals(1, answer.at("/targets/1/count").asLong());
    }

    @Test
    void aboveTenThousandEventsTopTargetsComeFromTheNewestAndSaySo() {
        LogTenant busy = newLogTenant();
        Instant end = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // 10,500 events about 2,000 users (about five each among the newest 10,000), then 30 about one user
        seeder.seed(busy.id(), 10_500, 2_000, end, Duration.ofHours(1), done -> { });
        for (int i = 0; i < 30; i++) {
            insertPublishedAt(busy.id(), end.plusSeconds(i), userCreated("u-hot", "hot@example.com"));
        }
        String window = "since=" + end.minus(2, ChronoUnit.HOURS) + "&until=" + end.plus(1, ChronoUnit.HOURS);
        Reply reply = busy.api().get("/api/v1/logs/aggregate?" + window);
        assertEquals(200, reply.status(), reply::toString);
        JsonNode answer = reply.json();
        assertEquals(10_530, answer.path("total").asLong());
        assertEquals(10, answer.path("targets").size(), answer::toString);
        JsonNode hottest = answer.at("/targets/0");
        assertEquals("u-hot", hottest.path("id").asText());
        assertEquals(30, hottest.path("count").asLong());
        assertEquals("hot@example.com", hottest.path("alternateId").asText());
        assertEquals("User", answer.at("/targets/1/type").asText());
        assertTrue(answer.at("/targets/1/alternateId").asText().endsWith("@example.com"), answer::toString);
        assertEquals(10_000, answer.at("/targetsCounted/events").asLong(), answer::toString);
        Instant oldestCounted = Instant.parse(answer.at("/targetsCounted/since").asText());
        assertTrue(oldestCounted.isAfter(end.minus(1, ChronoUnit.HOURS)) && oldestCounted.isBefore(end), oldestCounted::toString);

        // narrowed to 10,000 or fewer, every matching event is counted again
        JsonNode narrowed = busy.api().get("/api/v1/logs/aggregate?since=" + oldestCounted.plusSeconds(60) + "&until="
                + end.plus(1, ChronoUnit.HOURS)).json();
        assertTrue(narrowed.path("total").asLong() <= 10_000, narrowed::toString);
        assertFalse(narrowed.has("targetsCounted"), narrowed::toString);
        assertEquals(30, narrowed.at("/targets/0/count").asLong());
    }

    @Test
    void aTenantCountsOnlyItsOwnEvents() {
        String window = "since=" + base + "&until=" + base.plus(3, ChronoUnit.HOURS);
        assertEquals(written.size(), aggregate(window).path("total").asLong());
        assertEquals(0, aggregate(window + "&filter=" + q("target.id eq \"u-theirs\"")).path("total").asLong());
        assertEquals(0, aggregate(window + "&q=theirs").path("total").asLong());
        assertEquals(0, aggregate(window + "&filter=" + q("actor.id eq \"00Tzz\"")).path("total").asLong());
        assertEquals(0, newLogTenant().api().get("/api/v1/logs/aggregate?" + window).json().path("total").asLong());
    }

    @Test
    void defaultsAreTheLastSevenDaysInIntervalsOfAnHour() {
        JsonNode answer = aggregate("");
        assertEquals(3600, answer.path("intervalSeconds").asLong());
        assertEquals(written.size(), answer.path("total").asLong());
        Duration window = Duration.between(Instant.parse(answer.path("since").asText()), Instant.parse(answer.path("until").asText()));
        assertTrue(window.compareTo(Duration.ofDays(7)) <= 0, window::toString);
        JsonNode quarter = aggregate("since=" + base + "&until=" + base.plus(15, ChronoUnit.MINUTES));
        assertEquals(60, quarter.path("intervalSeconds").asLong());
        assertEquals(15, quarter.path("buckets").size());
    }

    @Test
    void badParametersAreOktaErrors() {
        Api logs = tenant.api();
        assertOktaError(logs.get("/api/v1/logs/aggregate?filter=" + q("eventType eq")), 400, "E0000053");
        assertOktaError(logs.get("/api/v1/logs/aggregate?filter=" + q("published gt \"2024-01-01\"")), 400, "E0000031");
        assertOktaError(logs.get("/api/v1/logs/aggregate?since=yesterday"), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs/aggregate?since=2030-01-02T00:00:00Z&until=2030-01-01T00:00:00Z"), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs/aggregate?since=2001-01-01T00:00:00Z"), 400, "E0000053");
        assertOktaError(logs.get("/api/v1/logs/aggregate?q=a&q=b"), 400, "E0000001");
        assertOktaError(logs.get("/api/v1/logs/aggregate?q=" + "x".repeat(41)), 400, "E0000001");
        Reply invalid = logs.get("/api/v1/logs/aggregate?filter=" + q("eventType eq"));
        assertTrue(invalid.json().path("errorSummary").asText().startsWith("Invalid filter"), invalid::toString);
    }

    @Test
    void itNeedsATokenWithLogsRead() {
        assertOktaError(new Api(server.getURI().toString(), null).get("/api/v1/logs/aggregate"), 401, "E0000011");
        Reply forbidden = api.get("/api/v1/logs/aggregate");
        assertOktaError(forbidden, 403, "E0000006");
        assertTrue(forbidden.json().path("errorSummary").asText().contains("logs.read"), forbidden::toString);
        assertTrue(api.get("/api/v1/logs").json().path("errorSummary").asText().contains("logs.read"));
    }

    private JsonNode aggregate(String parameters) {
        Reply reply = tenant.api().get("/api/v1/logs/aggregate?" + parameters);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** Totals, outcomes, every bucket, event types and actors equal what was written in [since, until). */
    private void assertCounts(JsonNode answer, Instant since, Instant until, Predicate<Written> matching) {
        List<Written> expected = written.stream().filter(w -> !w.published().isBefore(since)
                && w.published().isBefore(until)).filter(matching).toList();
        assertEquals(expected.size(), answer.path("total").asLong(), answer::toString);
        assertEquals(counted(expected, Written::result), map(answer.path("outcomes")));
        long interval = answer.path("intervalSeconds").asLong();
        long inBuckets = 0;
        for (JsonNode bucket : answer.path("buckets")) {
            Instant start = Instant.parse(bucket.path("start").asText());
            List<Written> inside = expected.stream().filter(w -> !w.published().isBefore(start)
                    && w.published().isBefore(start.plusSeconds(interval))).toList();
            assertEquals(inside.size(), bucket.path("total").asLong(), () -> "bucket " + start + " of " + answer);
            assertEquals(counted(inside, Written::result), map(bucket.path("outcomes")));
            inBuckets += inside.size();
        }
        assertEquals(expected.size(), inBuckets, "the buckets cover the window");
        Map<String, Long> types = new TreeMap<>();
        answer.path("eventTypes").forEach(t -> types.put(t.path("eventType").asText(), t.path("count").asLong()));
        assertEquals(counted(expected, Written::eventType), types);
        Map<String, Long> actors = new TreeMap<>();
        answer.path("actors").forEach(a -> actors.put(a.path("id").asText(), a.path("count").asLong()));
        assertEquals(counted(expected, Written::actorId), actors);
        Map<String, Long> targets = new TreeMap<>();
        answer.path("targets").forEach(t -> targets.put(t.path("id").asText(), t.path("count").asLong()));
        assertEquals(counted(expected, Written::targetId), targets);
    }

    private static Map<String, Long> counted(List<Written> events, java.util.function.Function<Written, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        events.forEach(w -> counts.merge(key.apply(w), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> map(JsonNode object) {
        Map<String, Long> values = new TreeMap<>();
        object.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asLong()));
        return values;
    }

    private static long rolledUp(UUID tenantId, String table) throws SQLException {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(events), 0) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
