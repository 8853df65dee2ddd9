package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.support.Api.Reply;

@MicronautTest(transactional = false)
class LogParametersTest extends LogServerTest {

    @Inject
    LogRetention retention;

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));

    /** Five events one minute apart, oldest first. */
    private List<ObjectNode> fiveEvents(LogTenant tenant) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(insertPublishedAt(tenant.id(), BASE.plus(Duration.ofMinutes(i)), userCreated("u" + i, "user" + i)));
        }
        return events;
    }

    private static String window() {
        return "since=" + q(BASE.minusSeconds(60).toString()) + "&until=" + q(BASE.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void theBodyIsAJsonArrayOfTheStoredEventsByteForByte() throws Exception {
        LogTenant tenant = newLogTenant();
        ObjectNode event = append(tenant.id(), userCreated("00u1", "ada@example.com"));
        String stored;
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT body::text FROM log_event WHERE uuid = ?::uuid")) {
            ps.setString(1, event.path("uuid").asText());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stored = rs.getString(1);
            }
        }
        Reply reply = tenant.api().get("/api/v1/logs");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        assertEquals("[" + stored + "]", reply.body());
        assertEquals("user.lifecycle.create", reply.json().get(0).path("eventType").asText());
        assertEquals("ada@example.com", reply.json().at("/0/target/0/alternateId").asText());
    }

    @Test
    void boundedPagesFollowPublishedOrderAndTheLastPageHasNoNext() {
        LogTenant tenant = newLogTenant();
        List<ObjectNode> events = fiveEvents(tenant);

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/logs?" + window() + "&limit=2";
        List<Integer> pageSizes = new ArrayList<>();
        while (path != null) {
            Reply page = tenant.api().get(path);
            assertEquals(200, page.status(), page::toString);
            pageSizes.add(page.json().size());
            seen.addAll(uuids(page.json()));
            Map<String, String> links = links(page);
            assertTrue(links.containsKey("self"));
            path = links.containsKey("next") ? relative(links.get("next")) : null;
        }
        assertEquals(List.of(2, 2, 1), pageSizes);
        assertEquals(uuidsOf(events), seen);
    }

    @Test
    void aBoundedResultThatFillsTheLastPageExactlyEndsWithoutAnEmptyExtraPage() {
        LogTenant tenant = newLogTenant();
        List<ObjectNode> events = fiveEvents(tenant).subList(0, 4);

        String untilTheFifth = q(BASE.plus(Duration.ofMinutes(4)).toString());
        Reply first = tenant.api().get("/api/v1/logs?since=" + q(BASE.toString()) + "&until=" + untilTheFifth + "&limit=2");
        Reply second = tenant.api().get(relative(links(first).get("next")));

        assertEquals(uuidsOf(events.subList(0, 2)), uuids(first.json()));
        assertEquals(uuidsOf(events.subList(2, 4)), uuids(second.json()));
        assertFalse(links(second).containsKey("next"), "four events, two pages of two: no third page");
    }

    @Test
    void descendingReturnsNewestFirstAcrossPages() {
        LogTenant tenant = newLogTenant();
        List<String> expected = new ArrayList<>(uuidsOf(fiveEvents(tenant)));
        Collections.reverse(expected);

        Reply first = tenant.api().get("/api/v1/logs?" + window() + "&limit=3&sortOrder=DESCENDING");
        Reply second = tenant.api().get(relative(links(first).get("next")));

        assertEquals(expected.subList(0, 3), uuids(first.json()));
        assertEquals(expected.subList(3, 5), uuids(second.json()));
        assertFalse(links(second).containsKey("next"));
        assertTrue(links(second).get("self").contains("sortOrder=DESCENDING"));
    }

    @Test
    void descendingWithoutUntilIsBoundedByNow() {
        LogTenant tenant = newLogTenant();
        List<String> expected = new ArrayList<>(uuidsOf(fiveEvents(tenant)));
        Collections.reverse(expected);

        Reply reply = tenant.api().get("/api/v1/logs?sortOrder=DESCENDING");

        assertEquals(expected, uuids(reply.json()));
        assertFalse(links(reply).containsKey("next"), "a bounded request's last page has no next");
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        LogTenant tenant = newLogTenant();
        List<ObjectNode> events = fiveEvents(tenant);
        String since = BASE.plus(Duration.ofMinutes(1)).toString();
        String until = BASE.plus(Duration.ofMinutes(3)).toString();

        Reply reply = tenant.api().get("/api/v1/logs?since=" + q(since) + "&until=" + q(until));

        assertEquals(uuidsOf(events.subList(1, 3)), uuids(reply.json()));
    }

    @Test
    void offsetsOtherThanZuluMeanTheSameInstant() {
        LogTenant tenant = newLogTenant();
        List<ObjectNode> events = fiveEvents(tenant);
        String since = BASE.plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.ofHours(-7)).toString();
        String until = BASE.plus(Duration.ofMinutes(2)).atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();

        Reply reply = tenant.api().get("/api/v1/logs?since=" + q(since) + "&until=" + q(until));

        assertEquals(uuidsOf(events.subList(1, 2)), uuids(reply.json()));
    }

    @Test
    void linksAreAbsoluteAndEchoEveryParameter() {
        LogTenant tenant = newLogTenant();
        fiveEvents(tenant);
        String filter = "eventType eq \"user.lifecycle.create\"";
        Reply reply = tenant.api().get("/api/v1/logs?" + window() + "&limit=2&sortOrder=ASCENDING&q=okta-provisioning%20POST"
                + "&filter=" + q(filter) + "&ignored=x");

        Map<String, String> links = links(reply);
        String self = links.get("self");
        String next = links.get("next");
        assertTrue(self.startsWith(server.getURI() + "/api/v1/logs?"), self);
        for (String expected : List.of("since=" + q(BASE.minusSeconds(60).toString()), "limit=2",
                "sortOrder=ASCENDING", "q=okta-provisioning%20POST", "filter=" + q(filter))) {
            assertTrue(self.contains(expected), self + " lacks " + expected);
            assertTrue(next.contains(expected), next + " lacks " + expected);
        }
        assertFalse(self.contains("after="));
        assertTrue(next.contains("&after="), next);
        assertEquals(2, reply.raw().headers().allValues("Link").size(), "one Link header per relation");
    }

    @Test
    void eventsPastRetentionAreNeverReturnedAndAnOldSinceIsClamped() {
        LogTenant tenant = newLogTenant();
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        LocalDate day = LocalDate.ofInstant(eightDaysAgo, ZoneOffset.UTC);
        retention.ensurePartitions(day.minusDays(1), day.plusDays(1));
        insertPublishedAt(tenant.id(), eightDaysAgo, userCreated("old", "old-user"));
        ObjectNode recent = append(tenant.id(), userCreated("new", "new-user"));
        String longAgo = q(Instant.now().minus(Duration.ofDays(30)).toString());

        Reply polling = tenant.api().get("/api/v1/logs?since=" + longAgo);
        Reply bounded = tenant.api().get("/api/v1/logs?since=" + longAgo + "&until=" + q(Instant.now().plusSeconds(5).toString()));
        Reply exactlyAroundIt = tenant.api().get("/api/v1/logs?since=" + q(eightDaysAgo.minusSeconds(1).toString())
                + "&until=" + q(eightDaysAgo.plusSeconds(1).toString()));

        assertEquals(List.of(recent.path("uuid").asText()), uuids(polling.json()), polling::toString);
        assertEquals(List.of(recent.path("uuid").asText()), uuids(bounded.json()), bounded::toString);
        assertEquals(200, exactlyAroundIt.status());
        assertEquals(0, exactlyAroundIt.json().size());
    }

    @Test
    void limitZeroAndOneThousandAreAccepted() {
        LogTenant tenant = newLogTenant();
        fiveEvents(tenant);
        Reply zero = tenant.api().get("/api/v1/logs?" + window() + "&limit=0");
        Reply max = tenant.api().get("/api/v1/logs?" + window() + "&limit=1000");

        assertEquals(200, zero.status());
        assertEquals(0, zero.json().size());
        assertNull(links(zero).get("next"), "a bounded page of zero could never move on");
        assertEquals(5, max.json().size());
        assertEquals(100, LogQueryInterpreter.DEFAULT_LIMIT);
    }

    @Test
    void theDefaultLimitIsOneHundred() {
        LogTenant tenant = newLogTenant();
        for (int i = 0; i < 105; i++) {
            insertPublishedAt(tenant.id(), BASE.plusMillis(i), userCreated("u" + i, "user" + i));
        }
        Reply reply = tenant.api().get("/api/v1/logs?" + window());
        assertEquals(100, reply.json().size());
        assertTrue(links(reply).containsKey("next"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1001", "abc", "", "1.5", "+5", "1e3", "99999999999", "%205"})
    void badLimitsAreRefused(String limit) {
        assertOktaError(newLogTenant().api().get("/api/v1/logs?limit=" + limit), 400, "E0000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascending", "DESC", "", "RANDOM", "ASCENDING%20"})
    void badSortOrdersAreRefused(String sortOrder) {
        assertOktaError(newLogTenant().api().get("/api/v1/logs?sortOrder=" + sortOrder), 400, "E0000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foobar", "01-01-2017", "2024-01-01", "2024-01-01T00:00:00", "2024-13-01T00:00:00Z",
            "%2B10000-01-01T00:00:00Z", "2024-01-01T00:00:00%2B25:00", "now"})
    void badDatesAreRefusedNamingTheParameter(String date) {
        for (String parameter : List.of("since", "until")) {
            Reply reply = newLogTenant().api().get("/api/v1/logs?" + parameter + "=" + date);
            assertOktaError(reply, 400, "E0000001");
            assertTrue(reply.json().at("/errorCauses/0/errorSummary").asText().startsWith(parameter + ":"), reply::toString);
        }
    }

    @Test
    void sinceAfterUntilIsRefused() {
        Reply reply = newLogTenant().api().get("/api/v1/logs?since=2024-05-02T00:00:00Z&until=2024-05-01T00:00:00Z");
        assertOktaError(reply, 400, "E0000001");
    }

    @Test
    void emptySinceAndUntilCountAsAbsent() {
        LogTenant tenant = newLogTenant();
        fiveEvents(tenant);
        Reply reply = tenant.api().get("/api/v1/logs?since=&until=");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(5, reply.json().size());
        assertTrue(links(reply).containsKey("next"), "no until: a polling request");
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertOktaError(newLogTenant().api().get("/api/v1/logs?limit=5&limit=6"), 400, "E0000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!!", "p1:1:2", "cDE6eDp5", "YjE6MTp4", "", "cDE6MTox%3D%3D%3D%3D"})
    void cursorsThatAreNotOursAreRefused(String after) {
        assertOktaError(newLogTenant().api().get("/api/v1/logs?after=" + after), 400, "E0000001");
    }

    @Test
    void aCursorOfTheOtherRequestTypeIsRefused() {
        LogTenant tenant = newLogTenant();
        fiveEvents(tenant);
        Reply bounded = tenant.api().get("/api/v1/logs?" + window() + "&limit=1");
        String boundedCursor = afterOf(links(bounded).get("next"));
        Reply polling = tenant.api().get("/api/v1/logs?limit=1");
        String pollingCursor = afterOf(links(polling).get("next"));

        assertOktaError(tenant.api().get("/api/v1/logs?after=" + boundedCursor), 400, "E0000001");
        assertOktaError(tenant.api().get("/api/v1/logs?" + window() + "&after=" + pollingCursor), 400, "E0000001");
        assertOktaError(tenant.api().get("/api/v1/logs?sortOrder=DESCENDING&after=" + pollingCursor), 400, "E0000001");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("b1:99999999999999999999:00000000-0000-0000-0000-000000000000".getBytes(StandardCharsets.UTF_8));
        assertOktaError(tenant.api().get("/api/v1/logs?" + window() + "&after=" + forged), 400, "E0000001");
    }

    private static String afterOf(String url) {
        return url.substring(url.indexOf("after=") + "after=".length()).split("&")[0];
    }
}
