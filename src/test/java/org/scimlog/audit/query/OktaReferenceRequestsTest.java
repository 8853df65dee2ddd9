package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;

/**
 * The requests and answers of Okta's System Log documentation, literally (shared/reference/okta-system-log.md:
 * [SLQ] is Okta's "System Log query" guide, [CORE] its core API page): what Okta answers, scimlog answers.
 */
@MicronautTest(transactional = false)
class OktaReferenceRequestsTest extends LogServerTest {

    private static final String TOO_OLD = "Invalid parameter: The since parameter is over 180 days prior to the current day.";

    /** [SLQ] "Transfer data to a separate system": Okta's own example request, made today (2026), is 180+ days back. */
    @Test
    void aSinceOverOneHundredEightyDaysBackIsE0000053InOktasWords() {
        for (String path : List.of("/api/v1/logs?since=2023-10-01T00:00:00.000Z",
                "/api/v1/logs?since=2017-05-03T16:22:18Z&until=" + q(Instant.now().toString()),
                // [SLQ] the bounded example of the Link header section
                "/api/v1/logs?q=&sortOrder=DESCENDING&limit=20&until=2017-09-17T23%3A59%3A59%2B00%3A00"
                        + "&since=2017-06-10T00%3A00%3A00%2B00%3A00",
                "/api/v1/logs?since=" + q(Instant.now().minus(Duration.ofDays(182)).toString()))) {
            Reply reply = newLogTenant().api().get(path);
            assertOktaError(reply, 400, "E0000053");
            assertEquals(TOO_OLD, reply.json().path("errorSummary").asText(), path);
            assertEquals(0, reply.json().path("errorCauses").size(), reply::toString);
        }
    }

    @Test
    void aSinceWithinOneHundredEightyDaysIsAnsweredWithWhatRetentionStillHas() {
        LogTenant tenant = newLogTenant();
        ObjectNode recent = append(tenant.id(), userCreated("00u-recent", "recent@example.com"));
        String since = q(Instant.now().minus(Duration.ofDays(178)).toString());

        Reply polling = tenant.api().get("/api/v1/logs?since=" + since);
        Reply bounded = tenant.api().get("/api/v1/logs?since=" + since + "&until=" + q(Instant.now().plusSeconds(5).toString()));

        assertEquals(List.of(recent.path("uuid").asText()), uuids(polling.json()), polling::toString);
        assertEquals(List.of(recent.path("uuid").asText()), uuids(bounded.json()), bounded::toString);
    }

    /**
     * Next links echo since; a poller that began 180 days ago and kept following them must not be cut off.
     * The link is the one the server handed out, with its since as it reads 181 days later.
     */
    @Test
    void aNextLinkIsFollowedWhateverTheAgeOfTheSinceItEchoes() {
        LogTenant tenant = newLogTenant();
        String since = Instant.now().minus(Duration.ofDays(1)).toString();
        Reply first = tenant.api().get("/api/v1/logs?since=" + q(since));
        ObjectNode later = append(tenant.id(), userCreated("00u-later", "later@example.com"));
        String next = relative(links(first).get("next"));
        assertTrue(next.contains("since=" + q(since)), next);
        String longAgo = Instant.now().minus(Duration.ofDays(181)).toString();

        Reply followed = tenant.api().get(next.replace("since=" + q(since), "since=" + q(longAgo)));

        assertEquals(200, followed.status(), followed::toString);
        assertEquals(List.of(later.path("uuid").asText()), uuids(followed.json()));
    }

    /** [SLQ] "Error handling": the documented bad-date answer, summary and both causes verbatim. */
    @Test
    void aBadDateIsAnsweredWithOktasSummaryAndBothCauses() {
        Reply reply = newLogTenant().api().get("/api/v1/logs?until=01-01-2017");

        assertOktaError(reply, 400, "E0000001");
        assertEquals("Api validation failed: 'until': The date format in your query is not recognized. Please enter "
                + "dates using ISO8601 string format.. 'until': must be a valid date-time or empty.",
                reply.json().path("errorSummary").asText());
        assertEquals("until: The date format in your query is not recognized. Please enter dates using ISO8601 string format.",
                reply.json().at("/errorCauses/0/errorSummary").asText());
        assertEquals("until: must be a valid date-time or empty.", reply.json().at("/errorCauses/1/errorSummary").asText());
        assertEquals(2, reply.json().path("errorCauses").size());
    }

    /** [SLQ] "published": "2024-08-13T15:58:20.353Z"; Okta always writes three fraction digits. */
    @Test
    void anEventPublishedOnAWholeSecondIsServedWithThreeZeroDigits() {
        LogTenant tenant = newLogTenant();
        Instant wholeSecond = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
        insertPublishedAt(tenant.id(), wholeSecond, userCreated("00u-whole", "whole@example.com"));

        Reply reply = tenant.api().get("/api/v1/logs");

        String published = reply.json().at("/0/published").asText();
        assertEquals(wholeSecond.toString().replace("Z", ".000Z"), published, reply::toString);
        assertTrue(reply.body().matches("(?s).*\"published\": ?\"" + java.util.regex.Pattern.quote(published) + "\".*"),
                "the body as sent, not only as parsed: " + reply.body());
    }

    /** [CORE] "Link header": the self link of ?limit=20 is that URL; next adds only after; one header each. */
    @Test
    void theLinkHeadersOfOktasExampleRequest() {
        LogTenant tenant = newLogTenant();
        Reply reply = tenant.api().get("/api/v1/logs?limit=20");

        List<String> headers = reply.raw().headers().allValues("Link");
        String base = server.getURI() + "/api/v1/logs";
        assertEquals(2, headers.size(), headers::toString);
        assertEquals("<" + base + "?limit=20>; rel=\"self\"", headers.get(0));
        assertTrue(headers.get(1).matches("<" + java.util.regex.Pattern.quote(base + "?limit=20&after=")
                + "[A-Za-z0-9_-]+>; rel=\"next\""), headers.get(1));
    }

    /** [SLQ]: server links echo the effective query, q= empty included. */
    @Test
    void anEmptyQIsEchoedInLinksAsOktaDoes() {
        LogTenant tenant = newLogTenant();
        append(tenant.id(), userCreated("00u-q", "q@example.com"));
        Instant now = Instant.now();
        String query = "q=&sortOrder=DESCENDING&limit=20&until=" + q(now.plusSeconds(5).toString())
                + "&since=" + q(now.minus(Duration.ofDays(1)).toString());

        Reply reply = tenant.api().get("/api/v1/logs?" + query);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.json().size());
        assertTrue(links(reply).get("self").contains("q=&"), links(reply)::toString);
        assertFalse(links(reply).containsKey("next"), "a bounded request's last page has no next");
    }

    /** [CORE] "Request debugging": every response carries X-Okta-Request-Id, the id events carry as transaction.id. */
    @Test
    void everyAnswerCarriesXOktaRequestId() {
        LogTenant tenant = newLogTenant();
        Reply ok = tenant.api().get("/api/v1/logs");
        Reply refused = tenant.api().get("/api/v1/logs?limit=5000");
        Reply unauthenticated = new org.scimlog.support.Api(server.getURI().toString(), null).get("/api/v1/logs");

        for (Reply reply : List.of(ok, refused, unauthenticated)) {
            String id = reply.header("X-Okta-Request-Id");
            assertTrue(id != null, reply.raw().headers().map()::toString);
            assertTrue(id != null && !id.isBlank() && !id.equals("unassigned"), reply::toString);
            assertEquals(reply.header("X-Request-Id"), id);
        }
    }

    /** [SLQ] "Filter" examples, as Okta's guide writes them. */
    @Test
    void oktasFilterExamplesAreAccepted() {
        LogTenant tenant = newLogTenant();
        ObjectNode event = append(tenant.id(), userCreated("00uxc78lMKUMVIHLTAXY", "ada@example.com"));
        String uuid = event.path("uuid").asText();
        Map<String, List<String>> expected = Map.of(
                "eventType eq \"user.session.start\" and outcome.result eq \"FAILURE\"", List.of(),
                "eventType sw \"user.lifecycle\"", List.of(uuid),
                "eventType co \"lifecycle\"", List.of(uuid),
                "eventType ew \"create\"", List.of(uuid),
                "target.id eq \"00uxc78lMKUMVIHLTAXY\"", List.of(uuid),
                "actor.id ne \"00uxc78lMKUMVIHLTAXY\"", List.of(uuid),
                "client.ipAddress eq \"203.0.113.9\"", List.of(uuid),
                "(client.userAgent.os lt \"iOS\" or client.userAgent.os gt \"iOS\")", List.of());
        expected.forEach((filter, uuids) -> {
            Reply reply = tenant.api().get("/api/v1/logs?filter=" + q(filter));
            assertEquals(200, reply.status(), filter + ": " + reply);
            assertEquals(uuids, uuids(reply.json()), filter);
        });
        Reply snake = tenant.api().get("/api/v1/logs?filter=event_type+eq+%22user.lifecycle.create%22");
        assertEquals(List.of(uuid), uuids(snake.json()), snake::toString);
    }

    /**
     * Every member of Okta's own sample event ([SLQ] 3.3 (a), user.lifecycle.deactivate) is present, at every
     * level, with null written out rather than left absent, and with Okta's JSON types.
     */
    @Test
    void everyMemberOfOktasSampleEventIsPresent() {
        LogTenant tenant = newLogTenant();
        append(tenant.id(), userCreated("00u3m90rxKjGQ0G6L1d6", "john.doe@example.com"));
        JsonNode event = tenant.api().get("/api/v1/logs").json().get(0);

        assertHas(event, "", "actor", "client", "authenticationContext", "displayMessage", "eventType", "outcome",
                "published", "securityContext", "severity", "debugContext", "legacyEventType", "transaction", "uuid",
                "version", "request", "target", "device");
        assertHas(event, "/actor", "id", "type", "alternateId", "displayName", "detailEntry");
        assertHas(event, "/client", "userAgent", "zone", "device", "id", "ipAddress", "geographicalContext");
        assertHas(event, "/client/userAgent", "rawUserAgent", "os", "browser");
        assertHas(event, "/authenticationContext", "authenticationProvider", "credentialProvider", "credentialType",
                "issuer", "interface", "authenticationStep", "externalSessionId");
        assertHas(event, "/outcome", "result", "reason");
        assertHas(event, "/securityContext", "asNumber", "asOrg", "isp", "domain", "isProxy");
        assertHas(event, "/debugContext", "debugData");
        assertHas(event, "/transaction", "type", "id", "detail");
        assertHas(event, "/request", "ipChain");
        assertHas(event, "/request/ipChain/0", "ip", "geographicalContext", "version", "source");
        assertHas(event, "/target/0", "id", "type", "alternateId", "displayName", "detailEntry");

        assertTrue(event.path("version").isTextual(), "version is the string \"0\"");
        assertEquals("0", event.path("version").asText());
        assertTrue(event.at("/authenticationContext/authenticationStep").isInt());
        assertTrue(event.path("target").isArray());
        assertTrue(event.at("/actor/detailEntry").isNull());
        assertTrue(event.path("legacyEventType").isNull());
        assertTrue(Set.of("DEBUG", "INFO", "WARN", "ERROR").contains(event.path("severity").asText()));
        assertTrue(event.path("published").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("V4", event.at("/request/ipChain/0/version").asText());
        assertEquals("WEB", event.at("/transaction/type").asText());
    }

    private static void assertHas(JsonNode event, String pointer, String... members) {
        JsonNode node = event.at(pointer);
        assertTrue(node.isObject(), pointer + " is an object in " + event);
        List<String> missing = new ArrayList<>();
        for (String member : members) {
            if (!node.has(member)) {
                missing.add(member);
            }
        }
        Set<String> present = new TreeSet<>();
        node.fieldNames().forEachRemaining(present::add);
        assertEquals(List.of(), missing, pointer + " has " + present);
    }
}
